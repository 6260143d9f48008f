import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ReadError, Readers } from './readers.ts';
import { createTag } from '../services/tags.ts';
import { search } from '../services/search/search.ts';
import { tempDir, tempLibrary } from '../testing/temp.ts';

const opened: Readers[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()!.close();
});

function readersOf(file: string, script?: URL): Readers {
  const readers = new Readers(file, script, 2);
  opened.push(readers);
  return readers;
}

describe('reader threads', () => {
  it("answer a statement with the library's newest change set, and see a write once it is committed", async () => {
    const library = tempLibrary();
    const readers = readersOf(library.path);
    const before = await readers.run<{ n: number }>('SELECT count(*) AS n FROM tag WHERE name = @name', { name: 'Read later' });
    expect(before.rows).toEqual([{ n: 0 }]);
    createTag(library, { name: 'Read later' });
    const after = await readers.run<{ n: number }>('SELECT count(*) AS n FROM tag WHERE name = @name', { name: 'Read later' });
    expect(after.rows).toEqual([{ n: 1 }]);
    expect(after.changeSet).toBeGreaterThan(before.changeSet);
    expect(readers.answered).toBe(2);
  });

  it('refuse a write: their connections are read-only', async () => {
    const library = tempLibrary();
    const readers = readersOf(library.path);
    const refused = await readers.run("INSERT INTO library_meta (key, value) VALUES ('x', 'y') RETURNING key", {}).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ReadError);
    expect((refused as ReadError).code).toBe('SQLITE_READONLY');
    expect(readers.usable).toBe(true);
  });

  it("report a bad statement with SQLite's code, which search turns into SEARCH_SYNTAX", async () => {
    const library = tempLibrary();
    const readers = readersOf(library.path);
    const refused = await readers.run('SELECT rowid FROM article_fts WHERE article_fts MATCH @q', { q: 'NEAR(' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ReadError);
    expect((refused as ReadError).code).toBe('SQLITE_ERROR');
  });

  it('close after the statement they are running, never in the middle of it', async () => {
    const library = tempLibrary();
    const readers = new Readers(library.path, undefined, 2);
    const slow = readers.run<{ n: number }>('WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 2000000) SELECT count(*) AS n FROM c', {});
    // Asked to close while the statement runs: it still answers, then the reader ends.
    await readers.close();
    expect((await slow).rows).toEqual([{ n: 2_000_000 }]);
    expect(readers.usable).toBe(false);
    await expect(readers.run('SELECT 1', {})).rejects.toThrow(/closed/);
  });

  it('that cannot start leave the search to the library connection', async () => {
    const library = tempLibrary();
    const missing = pathToFileURL(path.join(tempDir(), 'no-such-worker.mjs'));
    const readers = readersOf(library.path, missing);
    await expect(readers.run('SELECT 1', {})).rejects.toThrow();
    expect(readers.usable).toBe(false);
    const page = await search(library, { query: 'the', offset: 0, limit: 20, rankAll: true }, { readers });
    expect(page.total).toBeGreaterThan(0);
    expect(readers.answered).toBe(0);
  });
});

describe('closing a library its searches read on reader threads', () => {
  it('leaves every change in the library file itself, log or no log', async () => {
    const { closeLibrary, libraryReaders, openLibrarySession } = await import('../services/library.ts');
    const { nodeHost } = await import('../services/host.ts');
    const fs = await import('node:fs');
    const Database = (await import('better-sqlite3')).default;
    const file = path.join(tempDir(), 'searched.casefile');
    closeLibrary(openLibrarySession(file, { create: true }));
    const library = openLibrarySession(file, { dailyBackup: false });
    const readers = libraryReaders(library, nodeHost())!;
    expect((await search(library, { query: 'the', offset: 0, limit: 20, rankAll: true }, { readers })).total).toBeGreaterThan(0);
    createTag(library, { name: 'Written after the search' });
    closeLibrary(library);
    // The library file alone, as a user copying it would have it.
    const copy = path.join(tempDir(), 'copy.casefile');
    fs.copyFileSync(file, copy);
    const db = new Database(copy, { readonly: true });
    expect(db.prepare("SELECT count(*) FROM tag WHERE name = 'Written after the search'").pluck().get()).toBe(1);
    db.close();
  });
});
