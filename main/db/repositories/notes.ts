// Notebook page rows and the highlights each page quotes (note_annotation).
import type { Note } from '../../../common/api/methods/notes.ts';
import type { SerializedDocument } from '../../../common/text/document.ts';
import type { ReadDb, WriteDb } from '../handles.ts';
import { setLinks } from './links.ts';

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

export function getNote(db: ReadDb, id: number): Note | null {
  const row = db.prepare(`${SELECT} WHERE n.id = ?`).get(id) as NoteRow | undefined;
  return row ? toNote(row) : null;
}

/** Every page, last edited first. */
export function listNotes(db: ReadDb): Note[] {
  return (db.prepare(`${SELECT} ORDER BY n.updated_at DESC, n.id DESC`).all() as NoteRow[]).map(toNote);
}

export interface NoteFields {
  title: string;
  body: SerializedDocument;
  /** The body's canonical text (what search reads). */
  text: string;
}

export function insertNote(db: WriteDb, note: NoteFields, now: string): number {
  return Number(
    db
      .prepare('INSERT INTO note (gid, title, body, text, created_at, updated_at) VALUES (casefile_gid(), ?, ?, ?, ?, ?)')
      .run(note.title, JSON.stringify(note.body), note.text, now, now).lastInsertRowid,
  );
}

export function updateNoteRow(db: WriteDb, id: number, note: NoteFields, now: string): void {
  db.prepare('UPDATE note SET title = ?, body = ?, text = ?, updated_at = ? WHERE id = ?').run(note.title, JSON.stringify(note.body), note.text, now, id);
}

export function deleteNoteRow(db: WriteDb, id: number): void {
  db.prepare('DELETE FROM note WHERE id = ?').run(id);
}

/** Makes the page's quote links exactly the highlights among `annotationIds` that exist. */
export function setQuotedAnnotations(db: WriteDb, noteId: number, annotationIds: readonly number[]): void {
  const existing = db.prepare('SELECT id FROM annotation WHERE id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(annotationIds)) as number[];
  setLinks(db, 'note_annotation', 'note_id', noteId, 'annotation_id', existing);
}

/** A page with exactly this title and text (an import seen before). */
export function findNote(db: ReadDb, title: string, text: string): number | undefined {
  return db.prepare('SELECT id FROM note WHERE title = ? AND text = ?').pluck().get(title, text) as number | undefined;
}
