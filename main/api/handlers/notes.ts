import type { noteMethods } from '../../../common/api/methods/notes.ts';
import * as notes from '../../services/notes.ts';
import type { HandlersFor } from './types.ts';

export const noteHandlers: HandlersFor<typeof noteMethods> = {
  'notes.list': ({ library }) => notes.listNotes(library),
  'notes.get': ({ library }, input) => notes.getNote(library, input.id),
  'notes.create': ({ library }, input) => notes.createNote(library, input),
  'notes.update': ({ library }, input) => notes.updateNote(library, input),
  'notes.delete': ({ library }, input) => notes.deleteNote(library, input.id),
};
