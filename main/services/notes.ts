// Notebook pages: the researcher's own rich text. Quotes of highlights inside a page
// are 'annotation-quote' nodes; the links they make are kept in note_annotation so a
// highlight knows which pages quote it.
import { AppError } from '../../common/api/errors.ts';
import type { ParsedInput } from '../../common/api/contract.ts';
import type { Note, NoteSummary } from '../../common/api/methods/notes.ts';
import { canonicalText, documentOf, paragraph, type SerializedDocument, type SerializedNode } from '../../common/text/document.ts';
import { nowIso } from '../db/time.ts';
import type { Library } from './library.ts';
import { mutate } from '../db/mutation.ts';
import * as repo from '../db/repositories/notes.ts';
import type { WriteDb } from '../db/handles.ts';
import { quoted } from '../../common/text/quote.ts';

/** Ids of the highlights a page quotes. */
export function quotedAnnotationIds(body: SerializedDocument): number[] {
  const ids = new Set<number>();
  const visit = (node: SerializedNode): void => {
    if (node.type === 'annotation-quote' && Number.isSafeInteger(node.annotationId)) ids.add(node.annotationId as number);
    if (Array.isArray(node.children)) for (const child of node.children as SerializedNode[]) visit(child);
  };
  visit(body.root);
  return [...ids];
}

function writeLinks(db: WriteDb, noteId: number, body: SerializedDocument): void {
  repo.setQuotedAnnotations(db, noteId, quotedAnnotationIds(body));
}

export function getNote(library: Library, id: number): Note {
  const note = repo.getNote(library.db, id);
  if (!note) throw new AppError('NOT_FOUND', `There is no notebook page ${id} in this library.`);
  return note;
}

export function listNotes(library: Library): NoteSummary[] {
  return repo.listNotes(library.db).map((note) => {
    const { body: _body, text: _text, createdAt: _c, ...summary } = note;
    return summary;
  });
}

export function createNote(library: Library, input: ParsedInput<'notes.create'>): Note {
  const body = input.body ?? documentOf([paragraph([])]);
  const now = nowIso();
  const { result: id } = mutate(library.db, { label: `Create the notebook page ${quoted(input.title || 'Untitled')}` }, (db) => {
    const created = repo.insertNote(db, { title: input.title, body, text: canonicalText(body) }, now);
    writeLinks(db, created, body);
    return created;
  });
  return getNote(library, id);
}

export function updateNote(library: Library, input: ParsedInput<'notes.update'>): Note {
  const note = getNote(library, input.id);
  const label = input.title !== undefined && input.title !== note.title ? `Rename the notebook page ${quoted(note.title || 'Untitled')} to ${quoted(input.title || 'Untitled')}` : `Edit the notebook page ${quoted(note.title || 'Untitled')}`;
  // Saved as the user types: one editing run of a page undoes as one step.
  mutate(library.db, { label, coalesce: `note:${note.id}` }, (db) => {
    const body = input.body ?? note.body;
    repo.updateNoteRow(db, note.id, { title: input.title ?? note.title, body, text: canonicalText(body) }, nowIso());
    if (input.body) writeLinks(db, note.id, body);
  });
  return getNote(library, note.id);
}

export function deleteNote(library: Library, id: number): NoteSummary {
  const { body: _b, text: _t, createdAt: _c, ...summary } = getNote(library, id);
  mutate(library.db, { label: `Delete the notebook page ${quoted(summary.title || 'Untitled')}` }, (db) => repo.deleteNoteRow(db, id));
  return summary;
}
