// The shadow copy of synced rows: compressed when written, and still read as the JSON text
// libraries that joined before compression kept.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeLibrary, openTestLibrary, tempDir } from '../testing/library.ts';
import type { Library } from '../../services/library.ts';
import { ensureTeamTables, getShadow, setShadow, type Shadow } from './state.ts';

let library: Library | null = null;
afterEach(() => {
  if (library) closeLibrary(library);
  library = null;
});

describe('the shadow copy', () => {
  it('is kept compressed, reads back the same, and reads rows written as JSON text before', () => {
    library = openTestLibrary(path.join(tempDir(), 'shadow.casefile'));
    const { db } = library;
    ensureTeamTables(db);
    const text = Array.from({ length: 400 }, (_, i) => `Paragraph ${i % 7}: the embankment near Sukkur held.`).join('\n');
    const shadow: Shadow = { table: 'article', version: 3, createdBy: 'edith', author: 'edith', deleted: false, data: { title: 'Floods', text, body: JSON.stringify({ text }) } };
    setShadow(db, 'a-gid', shadow);
    expect(getShadow(db, 'a-gid')).toEqual(shadow);
    const stored = db.prepare("SELECT data, length(packed) AS packed FROM team_row WHERE row_gid = 'a-gid'").get() as { data: string | null; packed: number };
    expect(stored.data).toBeNull();
    expect(stored.packed).toBeLessThan(JSON.stringify(shadow.data).length / 10);

    // A tombstone has no data.
    setShadow(db, 'a-gid', { ...shadow, version: 4, deleted: true, data: null });
    expect(getShadow(db, 'a-gid')).toMatchObject({ version: 4, deleted: true, data: null });

    // As a library that joined before compression holds a row, and again after a second open.
    db.prepare("INSERT INTO team_row (row_gid, table_name, version, created_by, author, deleted, data) VALUES ('old-gid', 'note', 1, 'vera', 'vera', 0, ?)").run(JSON.stringify({ title: 'Timeline' }));
    ensureTeamTables(db);
    expect(getShadow(db, 'old-gid')).toEqual({ table: 'note', version: 1, createdBy: 'vera', author: 'vera', deleted: false, data: { title: 'Timeline' } });
  });
});
