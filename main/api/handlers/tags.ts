import type { tagMethods } from '../../../common/api/methods/tags.ts';
import * as tags from '../../services/tags.ts';
import type { HandlersFor } from './types.ts';

export const tagHandlers: HandlersFor<typeof tagMethods> = {
  'tags.list': ({ library }) => tags.listTags(library),
  'tags.create': ({ library }, input) => tags.createTag(library, input),
  'tags.update': ({ library }, input) => tags.updateTag(library, input),
  'tags.delete': ({ library }, input) => tags.deleteTag(library, input.id),
};
