// Local libraries for the team tests, and small recorded edits made straight in SQL inside
// the mutation runner (the way any write is recorded), so a sync test does not depend on
// the shape of every service.
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../db/open.ts';
import { mutate } from '../../db/mutation.ts';
import { newGid } from '../../../common/ids.ts';
import { closeLibrary, openLibrarySession, type Library } from '../../services/library.ts';
import { canonical, readSyncRow, syncTables } from '../sync/rows.ts';
import { storedBody, storedOriginal } from '../../db/repositories/articles.ts';

export function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'casefile-team-'));
}

export function openTestLibrary(file: string): Library {
  return openLibrarySession(file, { create: true, seed: false, dailyBackup: false });
}

export { closeLibrary };

const now = (): string => new Date().toISOString();

export function edit<T>(db: Db, label: string, work: () => T): T {
  return mutate(db, { label, origin: 'cli' }, work).result;
}

export function addArticle(db: Db, title: string, text: string, original = `original of ${title}`): { id: number; gid: string } {
  return edit(db, `Import “${title}”`, () => {
    const gid = newGid();
    const body = JSON.stringify({ root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text }] }] } });
    const id = Number(
      db
        .prepare(
          `INSERT INTO article (gid, title, retrieved_at, text_sha256, created_at, updated_at, body, text)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(gid, title, now(), createHash('sha256').update(text).digest('hex'), now(), now(), storedBody(body, text), text).lastInsertRowid,
    );
    const bytes = Buffer.from(original);
    db.prepare('INSERT INTO article_original (gid, article_id, type, name, sha256, size, bytes) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      newGid(),
      id,
      'text/plain',
      `${title}.txt`,
      createHash('sha256').update(bytes).digest('hex'),
      bytes.length,
      storedOriginal(bytes),
    );
    return { id, gid };
  });
}

export function addHighlight(db: Db, articleId: number, quote: string, kind = 'highlight', note = ''): { id: number; gid: string } {
  return edit(db, `Highlight “${quote}”`, () => {
    const text = db.prepare('SELECT text FROM article WHERE id = ?').pluck().get(articleId) as string;
    const start = text.indexOf(quote);
    const gid = newGid();
    const id = Number(
      db
        .prepare(
          `INSERT INTO annotation (gid, article_id, kind, quote_exact, start_offset, end_offset, note, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(gid, articleId, kind, quote, Math.max(start, 0), Math.max(start, 0) + quote.length, note, now(), now()).lastInsertRowid,
    );
    if (kind === 'claim') db.prepare('INSERT INTO claim (gid, annotation_id) VALUES (?, ?)').run(newGid(), id);
    return { id, gid };
  });
}

export function addActor(db: Db, name: string): { id: number; gid: string } {
  return edit(db, `Add actor ${name}`, () => {
    const gid = newGid();
    const id = Number(db.prepare("INSERT INTO entity (gid, kind, name, created_at, updated_at) VALUES (?, 'actor', ?, ?, ?)").run(gid, name, now(), now()).lastInsertRowid);
    return { id, gid };
  });
}

export function addNote(db: Db, title: string, text: string): { id: number; gid: string } {
  return edit(db, `New page ${title}`, () => {
    const gid = newGid();
    const body = JSON.stringify({ root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text }] }] } });
    const id = Number(db.prepare('INSERT INTO note (gid, title, body, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(gid, title, body, text, now(), now()).lastInsertRowid);
    return { id, gid };
  });
}

export function setField(db: Db, table: string, gid: string, field: string, value: unknown): void {
  edit(db, `Change ${field}`, () => {
    db.prepare(`UPDATE "${table}" SET "${field}" = ? WHERE gid = ?`).run(value, gid);
  });
}

export function deleteRow(db: Db, table: string, gid: string): void {
  edit(db, `Delete ${table}`, () => {
    db.prepare(`DELETE FROM "${table}" WHERE gid = ?`).run(gid);
  });
}

export function getField(db: Db, table: string, gid: string, field: string): unknown {
  return db.prepare(`SELECT "${field}" AS v FROM "${table}" WHERE gid = ?`).pluck().get(gid);
}

/** Every synced table of a library in sync form (gid → row), for comparing libraries. */
export function snapshot(db: Db): Record<string, Record<string, string>> {
  const result: Record<string, Record<string, string>> = {};
  for (const table of syncTables(db).values()) {
    const rows: Record<string, string> = {};
    for (const gid of db.prepare(`SELECT gid FROM "${table.name}" ORDER BY gid`).pluck().all() as string[]) {
      const data = readSyncRow(db, table, gid);
      const blobs = table.blobs.map((c) => createHash('sha256').update(db.prepare(`SELECT "${c}" FROM "${table.name}" WHERE gid = ?`).pluck().get(gid) as Buffer).digest('hex'));
      rows[gid] = canonical(data) + blobs.join(',');
    }
    result[table.name] = rows;
  }
  return result;
}
