import type { noteMethods } from '../../../common/api/methods/notes.ts';
import type { tagMethods } from '../../../common/api/methods/tags.ts';
import * as notes from '../../services/notes.ts';
import * as tags from '../../services/tags.ts';
import type { HandlersFor } from './types.ts';

export const noteHandlers: HandlersFor<typeof noteMethods> = {
  'notes.list': ({ library }) => notes.listNotes(library),
  'notes.get': ({ library }, input) => notes.getNote(library, input.id),
  'notes.create': ({ library }, input) => notes.createNote(library, input),
  'notes.update': ({ library }, input) => notes.updateNote(library, input),
  'notes.delete': ({ library }, input) => notes.deleteNote(library, input.id),
};

export const tagHandlers: HandlersFor<typeof tagMethods> = {
  'tags.list': ({ library }) => tags.listTags(library),
  'tags.create': ({ library }, input) => tags.createTag(library, input),
  'tags.update': ({ library }, input) => tags.updateTag(library, input),
  'tags.delete': ({ library }, input) => tags.deleteTag(library, input.id),
};
