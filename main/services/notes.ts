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
import { setLinks } from '../db/repositories/links.ts';
import { quoted } from '../../common/text/quote.ts';

interface NoteRow {
  id: number;
  title: string;
  body: string;
  text: string;
  created_at: string;
  updated_at: string;
  quoted: string;
}

const SELECT = `SELECT n.*, (SELECT json_group_array(annotation_id) FROM note_annotation WHERE note_id = n.id) AS quoted FROM note n`;

function toNote(row: NoteRow): Note {
  return {
    id: row.id,
    title: row.title,
    body: JSON.parse(row.body) as SerializedDocument,
    text: row.text,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    quotedAnnotationIds: JSON.parse(row.quoted) as number[],
  };
}

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

function writeLinks(library: Library, noteId: number, body: SerializedDocument): void {
  const { db } = library;
  const existing = db.prepare('SELECT id FROM annotation WHERE id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(quotedAnnotationIds(body))) as number[];
  setLinks(db, 'note_annotation', 'note_id', noteId, 'annotation_id', existing);
}

export function getNote(library: Library, id: number): Note {
  const row = library.db.prepare(`${SELECT} WHERE n.id = ?`).get(id) as NoteRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `There is no notebook page ${id} in this library.`);
  return toNote(row);
}

export function listNotes(library: Library): NoteSummary[] {
  return (library.db.prepare(`${SELECT} ORDER BY n.updated_at DESC, n.id DESC`).all() as NoteRow[]).map((row) => {
    const { body: _body, text: _text, createdAt: _c, ...summary } = toNote(row);
    return summary;
  });
}

export function createNote(library: Library, input: ParsedInput<'notes.create'>): Note {
  const body = input.body ?? documentOf([paragraph([])]);
  const now = nowIso();
  const { result: id } = mutate(library.db, { label: `Create the notebook page ${quoted(input.title || 'Untitled')}` }, () => {
    const created = Number(
      library.db
        .prepare('INSERT INTO note (gid, title, body, text, created_at, updated_at) VALUES (casefile_gid(), ?, ?, ?, ?, ?)')
        .run(input.title, JSON.stringify(body), canonicalText(body), now, now).lastInsertRowid,
    );
    writeLinks(library, created, body);
    return created;
  });
  return getNote(library, id);
}

export function updateNote(library: Library, input: ParsedInput<'notes.update'>): Note {
  const note = getNote(library, input.id);
  const label = input.title !== undefined && input.title !== note.title ? `Rename the notebook page ${quoted(note.title || 'Untitled')} to ${quoted(input.title || 'Untitled')}` : `Edit the notebook page ${quoted(note.title || 'Untitled')}`;
  // Saved as the user types: one editing run of a page undoes as one step.
  mutate(library.db, { label, coalesce: `note:${note.id}` }, () => {
    const body = input.body ?? note.body;
    library.db
      .prepare('UPDATE note SET title = ?, body = ?, text = ?, updated_at = ? WHERE id = ?')
      .run(input.title ?? note.title, JSON.stringify(body), canonicalText(body), nowIso(), note.id);
    if (input.body) writeLinks(library, note.id, body);
  });
  return getNote(library, note.id);
}

export function deleteNote(library: Library, id: number): NoteSummary {
  const { body: _b, text: _t, createdAt: _c, ...summary } = getNote(library, id);
  mutate(library.db, { label: `Delete the notebook page ${quoted(summary.title || 'Untitled')}` }, () => library.db.prepare('DELETE FROM note WHERE id = ?').run(id));
  return summary;
}
