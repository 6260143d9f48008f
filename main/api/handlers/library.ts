import type { libraryMethods } from '../../../common/api/methods/library.ts';
import { checkLibrary, libraryInfo } from '../../services/library.ts';
import type { HandlersFor } from './types.ts';

export const libraryHandlers: HandlersFor<typeof libraryMethods> = {
  'library.info': ({ library }) => libraryInfo(library),
  'library.check': ({ library }) => checkLibrary(library),
};
