import { describe, expect, it } from 'vitest';
import { call, createDispatcher } from '../api/dispatch.ts';
import { snapshotUserTables, tempLibrary } from '../testing/temp.ts';
import { checkLibrary, closeLibrary, openLibrarySession } from './library.ts';
import { UNDO_LIMIT } from './history.ts';

function setup() {
  const library = tempLibrary();
  const dispatch = createDispatcher(() => ({ library }));
  const [iran, did] = library.db.prepare('SELECT id FROM article ORDER BY title').pluck().all() as number[];
  return { library, dispatch, iran: iran!, did: did! };
}

describe('history by author', () => {
  it('lists who signed changes, and filters the library\'s and a record\'s history by one of them', async () => {
    const { dispatch, did } = setup();
    await call(dispatch, 'library.setAuthor', { author: 'Ayesha Khan' });
    const mine = await call(dispatch, 'annotations.create', { articleId: did, kind: 'highlight', target: { quote: 'Sirajuddin Haqqani' } });
    await call(dispatch, 'library.setAuthor', { author: 'Bilal Ahmed' });
    await call(dispatch, 'annotations.update', { id: mine.id, note: 'Interior minister' });
    await call(dispatch, 'annotations.update', { id: mine.id, kind: 'actor' });
    const authors = await call(dispatch, 'history.authors', {});
    // (The sample articles were imported under the OS account's name.)
    expect(authors).toContainEqual({ name: 'Bilal Ahmed', changes: 2 });
    expect(authors).toContainEqual({ name: 'Ayesha Khan', changes: 1 });
    expect(authors.findIndex((a) => a.name === 'Bilal Ahmed')).toBeLessThan(authors.findIndex((a) => a.name === 'Ayesha Khan'));
    const byBilal = await call(dispatch, 'history.list', { annotationId: mine.id, author: 'Bilal Ahmed' });
    expect(byBilal.map((e) => e.author)).toEqual(['Bilal Ahmed', 'Bilal Ahmed']);
    expect((await call(dispatch, 'history.list', { annotationId: mine.id, author: 'Ayesha Khan' })).map((e) => e.label)).toEqual(['Highlight “Sirajuddin Haqqani”']);
    expect((await call(dispatch, 'history.list', { author: 'Ayesha Khan' })).every((e) => e.author === 'Ayesha Khan')).toBe(true);
    expect(await call(dispatch, 'history.list', { author: 'Nobody' })).toEqual([]);
  });
});

describe('undo and redo in main', () => {
  it('undoes highlight, tag and note one step each, in one transaction each, and redoes them', async () => {
    const { library, dispatch, did } = setup();
    const start = snapshotUserTables(library.db);
    const tag = await call(dispatch, 'tags.create', { name: 'Mediation' });
    const afterTag = snapshotUserTables(library.db);
    const highlight = await call(dispatch, 'annotations.create', { articleId: did, kind: 'highlight', target: { quote: 'Sirajuddin Haqqani' } });
    await call(dispatch, 'annotations.update', { id: highlight.id, tagIds: [tag.id] });
    await call(dispatch, 'annotations.update', { id: highlight.id, note: 'Interior' });
    await call(dispatch, 'annotations.update', { id: highlight.id, note: 'Interior minister' });
    const end = snapshotUserTables(library.db);
    // The two note saves (as typed) are one step.
    expect(await call(dispatch, 'history.state', {})).toMatchObject({ undoCount: 4, undoLabel: 'Edit the note on “Sirajuddin Haqqani”', redoLabel: null });

    const undone = [];
    for (let i = 0; i < 3; i++) undone.push((await call(dispatch, 'history.undo', {})).done?.label);
    expect(undone).toEqual(['Edit the note on “Sirajuddin Haqqani”', 'Tag “Sirajuddin Haqqani” with Mediation', 'Highlight “Sirajuddin Haqqani”']);
    expect(snapshotUserTables(library.db)).toEqual(afterTag);
    await call(dispatch, 'history.undo', {});
    expect(snapshotUserTables(library.db)).toEqual(start);
    expect(await call(dispatch, 'history.undo', {})).toMatchObject({ done: null, state: { undoCount: 0, redoCount: 4, redoLabel: 'Create the tag “Mediation”' } });

    for (let i = 0; i < 4; i++) await call(dispatch, 'history.redo', {});
    expect(snapshotUserTables(library.db)).toEqual(end);
    expect(checkLibrary(library).ok).toBe(true);
    // Undo and redo are recorded, naming what they revert.
    const log = await call(dispatch, 'history.list', { annotationId: highlight.id });
    expect(log[0]).toMatchObject({ label: 'Redo: Edit the note on “Sirajuddin Haqqani”', origin: 'redo' });
    expect(log.find((e) => e.origin === 'undo')!.reverts).toEqual(expect.any(String));
  });

  it('brings a deleted claim back whole: its claimants, tags, same-claim group and the notebook page quoting it', async () => {
    const { library, dispatch, iran, did } = setup();
    const a = await call(dispatch, 'annotations.create', { articleId: did, kind: 'claim', target: { quote: 'Sirajuddin Haqqani' }, claimants: [{ name: 'Dawn' }] });
    const b = await call(dispatch, 'annotations.create', { articleId: iran, kind: 'claim', target: { start: 0, end: 20 } });
    await call(dispatch, 'claims.link', { id: a.id, sameAs: b.id });
    await call(dispatch, 'notes.create', { title: 'Quotes', body: { root: { type: 'root', version: 1, children: [{ type: 'annotation-quote', annotationId: a.id, version: 1 }] } } as never });
    const before = snapshotUserTables(library.db);
    await call(dispatch, 'annotations.delete', { id: a.id });
    expect(library.db.prepare('SELECT count(*) FROM claim_group').pluck().get()).toBe(0);
    await call(dispatch, 'history.undo', {});
    expect(snapshotUserTables(library.db)).toEqual(before);
    expect((await call(dispatch, 'annotations.get', { id: a.id })).claim!.sameClaims.map((c) => c.annotationId)).toEqual([b.id]);
  });

  it('refuses to undo a highlight another window changed since, naming the change, and changes nothing', async () => {
    const { library, dispatch, did } = setup();
    const other = createDispatcher(() => ({ library }), { origin: 'cli' });
    const h = await call(dispatch, 'annotations.create', { articleId: did, kind: 'highlight', target: { quote: 'Sirajuddin Haqqani' } });
    await call(dispatch, 'annotations.update', { id: h.id, note: 'mine' });
    await call(other, 'annotations.update', { id: h.id, note: 'theirs' });
    const before = snapshotUserTables(library.db);
    const refused = await dispatch('history.undo', {});
    expect(!refused.ok && refused.error.code).toBe('HISTORY_CONFLICT');
    expect(!refused.ok && refused.error.detail).toMatch(/Cannot undo “Edit the note on “Sirajuddin Haqqani””: The highlight \d+ “Sirajuddin Haqqani” has changed since \(note, updated_at\) \(last: “Edit the note on “Sirajuddin Haqqani”” by .+ at .+\)\. Nothing was undone\./);
    expect(snapshotUserTables(library.db)).toEqual(before);
    // The other window's own step still undoes.
    expect((await call(other, 'history.undo', {})).done?.label).toBe('Edit the note on “Sirajuddin Haqqani”');
    expect((await call(dispatch, 'annotations.get', { id: h.id })).note).toBe('mine');
  });

  it('refuses the undo when another program (its own connection to the file, as the CLI has) changed the highlight since', async () => {
    const { library, dispatch, did } = setup();
    const h = await call(dispatch, 'annotations.create', { articleId: did, kind: 'highlight', target: { quote: 'Sirajuddin Haqqani' } });
    await call(dispatch, 'annotations.update', { id: h.id, note: 'mine' });
    const cli = openLibrarySession(library.path, { dailyBackup: false });
    try {
      await call(createDispatcher(() => ({ library: cli }), { origin: 'cli' }), 'annotations.update', { id: h.id, kind: 'claim' });
    } finally {
      closeLibrary(cli);
    }
    const before = snapshotUserTables(library.db);
    const refused = await dispatch('history.undo', {});
    expect(!refused.ok && refused.error).toMatchObject({ code: 'HISTORY_CONFLICT', detail: expect.stringMatching(/has changed since \(updated_at\) \(last: “Tag “Sirajuddin Haqqani” as a claim” by /) });
    expect(snapshotUserTables(library.db)).toEqual(before);
  });

  it('refuses an undo that would take a later change with it (a tag used since by another window)', async () => {
    const { library, dispatch, did } = setup();
    const other = createDispatcher(() => ({ library }));
    const tag = await call(dispatch, 'tags.create', { name: 'Talks' });
    const h = await call(other, 'annotations.create', { articleId: did, kind: 'highlight', target: { quote: 'Sirajuddin Haqqani' }, tagIds: [tag.id] });
    const refused = await dispatch('history.undo', {});
    expect(!refused.ok && refused.error).toMatchObject({ code: 'HISTORY_CONFLICT', detail: expect.stringContaining('would also change the tag of a highlight') });
    expect((await call(dispatch, 'annotations.get', { id: h.id })).tags.map((t) => t.name)).toEqual(['Talks']);
  });

  it(`keeps ${UNDO_LIMIT} steps per window`, async () => {
    const { dispatch } = setup();
    for (let i = 0; i < UNDO_LIMIT + 5; i++) await call(dispatch, 'tags.create', { name: `t${i}` });
    expect(await call(dispatch, 'history.state', {})).toMatchObject({ undoCount: UNDO_LIMIT, undoLabel: `Create the tag “t${UNDO_LIMIT + 4}”` });
  });
});
