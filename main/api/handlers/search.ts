import type { searchMethods } from '../../../common/api/methods/search.ts';
import { libraryReaders } from '../../services/library.ts';
import { palette, search } from '../../services/search/search.ts';
import type { HandlersFor } from './types.ts';

export const searchHandlers: HandlersFor<typeof searchMethods> = {
  'search.query': ({ library, host }, input) => search(library, input, { readers: libraryReaders(library, host) }),
  'search.palette': ({ library }, input) => palette(library, input),
};
