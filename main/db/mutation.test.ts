import { describe, expect, it } from 'vitest';
import { call, createDispatcher } from '../api/dispatch.ts';
import { fixture, snapshotUserTables, tempLibrary } from '../testing/temp.ts';
import { storeArticle } from '../services/articles.ts';
import { convertPlainText } from '../services/import/text.ts';
import { mutate, userTableColumns } from './mutation.ts';

function setup() {
  const library = tempLibrary();
  const dispatch = createDispatcher(() => ({ library }));
  const [iran, did] = library.db.prepare('SELECT id FROM article ORDER BY title').pluck().all() as number[];
  return { library, dispatch, iran: iran!, did: did! };
}

/** Tables that are not user data: the log itself, settings, and the full-text indexes (derived). */
const NOT_USER_DATA = /^(library_meta|change_set|row_change|\w+_fts(_\w+)?)$/;

describe('the one write path', () => {
  it('gives every user table a gid and guards it: a write outside mutate() fails, and nothing is left changed', () => {
    const { library, did } = setup();
    const { db } = library;
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    const userTables = tables.filter((t) => !NOT_USER_DATA.test(t)).sort();
    // A table added later without a gid would escape the log: this fails first.
    expect([...userTableColumns(db).keys()].sort()).toEqual(userTables);
    expect(userTables).toHaveLength(18);
    const before = snapshotUserTables(db);
    for (const table of userTables) {
      // Every write path of every user table (insert, update, delete) is refused outside mutate.
      const triggers = db.prepare("SELECT name FROM sqlite_temp_master WHERE type = 'trigger' AND tbl_name = ?").pluck().all(table);
      expect(triggers.sort()).toEqual([`cf_${table}_delete`, `cf_${table}_insert`, `cf_${table}_update`]);
    }
    expect(() => db.prepare('UPDATE article SET title = ? WHERE id = ?').run('Changed behind the log', did)).toThrow(/article was written outside mutate/);
    expect(() => db.prepare('DELETE FROM article WHERE id = ?').run(did)).toThrow(/outside mutate/);
    expect(() => db.prepare("INSERT INTO tag (gid, name, created_at) VALUES (casefile_gid(), 'x', 'now')").run()).toThrow(/outside mutate/);
    // Inside a plain transaction too: only mutate() opens the gate.
    expect(() => db.transaction(() => db.prepare("INSERT INTO tag (gid, name, created_at) VALUES (casefile_gid(), 'x', 'now')").run())()).toThrow(/outside mutate/);
    expect(snapshotUserTables(db)).toEqual(before);
    // A row without a gid is refused even inside mutate().
    expect(() => fixture(db, () => db.prepare("INSERT INTO tag (name, created_at) VALUES ('x', 'now')").run())).toThrow(/tag.gid is required/);
  });

  it('records one change set per user action: label, author, device, and only the fields that changed', async () => {
    const { library, dispatch, did } = setup();
    const { db } = library;
    const created = await call(dispatch, 'annotations.create', { articleId: did, kind: 'actor', target: { quote: 'Sirajuddin Haqqani' }, entity: { name: 'Sirajuddin Haqqani' } });
    await call(dispatch, 'annotations.update', { id: created.id, note: 'Interior minister' });
    const sets = await call(dispatch, 'history.list', { annotationId: created.id });
    expect(sets.map((s) => s.label)).toEqual(['Edit the note on “Sirajuddin Haqqani”', 'Tag “Sirajuddin Haqqani” as actor']);
    const device = db.prepare("SELECT value FROM library_meta WHERE key = 'device'").pluck().get();
    expect(sets[0]).toMatchObject({ origin: 'window', device, reverts: null });
    expect(sets[0]!.author.length).toBeGreaterThan(0);
    expect(sets[0]!.changes).toEqual([
      {
        table: 'annotation',
        gid: db.prepare('SELECT gid FROM annotation WHERE id = ?').pluck().get(created.id),
        op: 'update',
        fields: [
          { name: 'note', before: '', after: 'Interior minister' },
          { name: 'updated_at', before: created.updatedAt, after: expect.any(String) },
        ],
      },
    ]);
    // The entity made on the way belongs to the same action.
    expect(sets[1]!.changes.map((c) => `${c.table} ${c.op}`)).toEqual(['entity insert', 'annotation insert']);
    // Saving the same note again changes nothing and records nothing.
    const count = db.prepare('SELECT count(*) FROM change_set').pluck();
    const n = count.get();
    await call(dispatch, 'annotations.update', { id: created.id, note: 'Interior minister' });
    expect(mutate(db, { label: 'nothing' }, () => 1)).toEqual({ result: 1, changeSet: null });
    // (updated_at moves, so the second save is one change set with only that field.)
    expect(count.get()).toBe((n as number) + 1);
  });

  it('records an imported article as one change set without copying its text into the log', () => {
    const library = tempLibrary({ seed: false });
    const { db } = library;
    const paragraph = 'Delegations met in Doha on Tuesday to resume talks. '.repeat(400);
    const candidate = convertPlainText(`Ceasefire talks resume\n\n${paragraph}`, { bytes: new TextEncoder().encode(paragraph), type: 'text/plain', name: 'wire.txt' });
    const stored = storeArticle(library, candidate);
    const rows = db.prepare('SELECT table_name, op, length(after) AS size, after FROM row_change ORDER BY seq').all() as { table_name: string; op: string; size: number; after: string }[];
    expect(rows.map((r) => `${r.table_name} ${r.op}`)).toEqual(['article insert', 'article_original insert']);
    expect(db.prepare('SELECT label, origin FROM change_set').get()).toEqual({ label: 'Import “Ceasefire talks resume”', origin: 'import' });
    const articleAfter = JSON.parse(rows[0]!.after) as Record<string, unknown>;
    expect(articleAfter).toMatchObject({ id: stored.id, title: 'Ceasefire talks resume' });
    expect(articleAfter).not.toHaveProperty('body');
    expect(articleAfter).not.toHaveProperty('text');
    expect(rows.every((r) => r.size < 1000)).toBe(true);
  });
});
