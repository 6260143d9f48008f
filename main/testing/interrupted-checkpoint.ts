// A library in the state a crash leaves in the middle of a checkpoint (see
// main/db/file-check.ts): page 1 already copied from the write-ahead log into the main file,
// so the header counts the grown database, and the pages after it still only in the log.
import fs from 'node:fs';
import path from 'node:path';
import { readDatabaseHeader } from '../db/file-check.ts';
import { createAnnotation } from '../services/annotations.ts';
import { closeLibrary, openLibrarySession } from '../services/library.ts';
import { tempDir } from './temp.ts';

export interface Row {
  id: number;
  note: string;
  start_offset: number;
  end_offset: number;
}

export const WAL_HEADER_BYTES = 32;
export const WAL_FRAME_HEADER_BYTES = 24;

export interface InterruptedCheckpoint {
  /** The library as the crash left it (with its -wal beside it, no -shm). */
  file: string;
  /** Every highlight that had been saved before the crash. */
  rows: Row[];
  mainPages: number;
  headerPages: number;
}

/**
 * Builds a library in WAL mode with automatic checkpoints off, grows it well past what the
 * main file holds, copies the main file and the log as a crash would leave them, and then
 * plays the first step of a checkpoint on the copy: page 1 from the log into the main file.
 */
export function interruptedCheckpoint(name = 'Research.casefile'): InterruptedCheckpoint {
  const dir = tempDir('casefile-wal-');
  const live = path.join(dir, 'live', name);
  fs.mkdirSync(path.dirname(live));
  const library = openLibrarySession(live, { create: true, dailyBackup: false });
  const rows: Row[] = [];
  const file = path.join(dir, name);
  try {
    library.db.pragma('wal_checkpoint(TRUNCATE)');
    library.db.pragma('wal_autocheckpoint = 0');
    const articles = library.db.prepare('SELECT id, length(text) AS length FROM article').all() as { id: number; length: number }[];
    for (let i = 0; i < 240; i += 1) {
      const article = articles[i % articles.length]!;
      const start = (i * 37) % (article.length - 120);
      createAnnotation(library, { articleId: article.id, kind: 'highlight', target: { start, end: start + 80 }, note: `note ${i} ${'because the pages must grow '.repeat(60)}` });
    }
    rows.push(...(library.db.prepare('SELECT id, note, start_offset, end_offset FROM annotation ORDER BY id').all() as Row[]));
    // The crash: the files as they are on disk now (every commit is in the log, fsynced).
    fs.copyFileSync(live, file);
    fs.copyFileSync(`${live}-wal`, `${file}-wal`);
  } finally {
    closeLibrary(library);
  }

  const header = () => readDatabaseHeader(fs.readFileSync(file).subarray(0, 100)) as { pageSize: number; pageCount: number };
  const { pageSize } = header();
  const wal = fs.readFileSync(`${file}-wal`);
  let page1: Buffer | null = null;
  for (let at = WAL_HEADER_BYTES; at + WAL_FRAME_HEADER_BYTES + pageSize <= wal.length; at += WAL_FRAME_HEADER_BYTES + pageSize) {
    if (wal.readUInt32BE(at) === 1) page1 = wal.subarray(at + WAL_FRAME_HEADER_BYTES, at + WAL_FRAME_HEADER_BYTES + pageSize);
  }
  if (!page1) throw new Error('the log holds no newer page 1');
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, page1, 0, pageSize, 0);
  fs.closeSync(fd);
  return { file, rows, mainPages: fs.statSync(file).size / pageSize, headerPages: header().pageCount };
}
