import type { libraryMethods } from '../../../common/api/methods/library.ts';
import { checkLibrary, libraryInfo } from '../../services/library.ts';
import { setWelcomeShown } from '../../services/welcome.ts';
import { librarySettings, setAuthor } from '../../services/history.ts';
import type { HandlersFor } from './types.ts';

export const libraryHandlers: HandlersFor<typeof libraryMethods> = {
  'library.info': ({ library }) => libraryInfo(library),
  'library.check': ({ library }) => checkLibrary(library),
  'library.settings': ({ library }) => librarySettings(library),
  'library.setAuthor': ({ library }, { author }) => setAuthor(library, author),
  'library.setWelcome': ({ library }, { show }) => ({ showWelcome: setWelcomeShown(library.db, show) }),
};
