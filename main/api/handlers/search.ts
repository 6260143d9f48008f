import type { searchMethods } from '../../../common/api/methods/search.ts';
import { palette, search } from '../../services/search/search.ts';
import type { HandlersFor } from './types.ts';

export const searchHandlers: HandlersFor<typeof searchMethods> = {
  'search.query': ({ library }, input) => search(library, input),
  'search.palette': ({ library }, input) => palette(library, input),
};
