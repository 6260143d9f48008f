// Three members (owner, editor, viewer) on three library files, syncing through a real
// PostgreSQL on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type pg from 'pg';
import { postgresAvailable, startCluster, type Cluster } from '../testing/cluster.ts';
import { createTestTeam, type TestMember, type TestTeam } from '../testing/team.ts';
import {
  addActor,
  addArticle,
  addHighlight,
  addNote,
  closeLibrary,
  deleteRow,
  getField,
  openTestLibrary,
  setField,
  snapshot,
  tempDir,
} from '../testing/library.ts';
import type { Library } from '../../services/library.ts';
import { syncLibrary } from './engine.ts';
import { joinTeam, listConflicts, resolveConflict, teamStatus } from './team.ts';
import { authorsOf } from '../authors.ts';
import { call, createDispatcher } from '../../api/dispatch.ts';
import { updateArticleText } from '../../services/articles.ts';
import { documentFromParagraphs } from '../../../common/text/document.ts';
import { getArticleOriginal } from '../../db/repositories/articles.ts';

describe.skipIf(!postgresAvailable)('team sync: three members on loopback PostgreSQL', () => {
  let cluster: Cluster;
  let team: TestTeam;
  let owner: Library;
  let editor: Library;
  let viewer: Library;
  let ownerRaw: pg.Client;
  const members = new Map<Library, TestMember>();
  const sync = (library: Library) => syncLibrary(library.db, { password: members.get(library)!.password });
  const syncAll = async () => {
    for (const library of [owner, editor, viewer, owner, editor, viewer]) await sync(library);
  };
  const expectAllEqual = () => {
    const a = snapshot(owner.db);
    expect(snapshot(editor.db)).toEqual(a);
    expect(snapshot(viewer.db)).toEqual(a);
  };

  beforeAll(async () => {
    cluster = await startCluster();
    team = await createTestTeam(cluster, { edith: 'editor', vera: 'viewer' });
    const dir = tempDir();
    owner = openTestLibrary(path.join(dir, 'owner.casefile'));
    editor = openTestLibrary(path.join(dir, 'editor.casefile'));
    viewer = openTestLibrary(path.join(dir, 'viewer.casefile'));
    members.set(owner, team.owner).set(editor, team.members.edith!).set(viewer, team.members.vera!);
    ownerRaw = await team.raw(team.owner);
  });
  afterAll(async () => {
    await ownerRaw?.end();
    for (const library of [owner, editor, viewer]) if (library) closeLibrary(library);
    cluster?.stop();
  });

  it('joins: the owner pushes its own content, the others pull it, evidence included', async () => {
    const article = addArticle(owner.db, 'Floods in Sindh', 'The minister said the embankment failed near Sukkur on Monday.');
    addHighlight(owner.db, article.id, 'embankment failed', 'claim', 'check the date');
    addActor(owner.db, 'Minister');
    const joined = await joinTeam(owner.db, team.owner.url, { password: team.owner.password });
    expect(joined.pushed).toBeGreaterThanOrEqual(5);
    const e = await joinTeam(editor.db, team.members.edith!.url, { password: team.members.edith!.password });
    const v = await joinTeam(viewer.db, team.members.vera!.url, { password: team.members.vera!.password });
    expect(e.pulled).toBe(joined.pushed);
    expect(v.pulled).toBe(joined.pushed);
    expectAllEqual();
    // The evidence file arrived whole, once.
    const arrived = viewer.db.prepare('SELECT article_id FROM article_original').pluck().get() as number;
    expect(getArticleOriginal(viewer.db, arrived)!.bytes.toString()).toBe('original of Floods in Sindh');
    const blobs = await ownerRaw.query('SELECT count(*)::int AS n FROM casefile.blob');
    expect(blobs.rows[0].n).toBe(1);
    expect(teamStatus(viewer.db)).toMatchObject({ joined: true, role: 'viewer', waiting: 0, conflicts: 0, member: 'vera' });
    expect(JSON.stringify(teamStatus(owner.db))).not.toContain(team.owner.password);
  });

  it('merges offline edits of two members; pulled text is searchable', async () => {
    const a = addArticle(owner.db, 'Water levels', 'Barrage gauges recorded record discharge at Guddu.');
    const ownerArticle = owner.db.prepare('SELECT id FROM article WHERE title = ?').pluck().get('Floods in Sindh') as number;
    const editorArticle = editor.db.prepare('SELECT id FROM article WHERE title = ?').pluck().get('Floods in Sindh') as number;
    addHighlight(owner.db, a.id, 'record discharge', 'highlight');
    addHighlight(editor.db, editorArticle, 'near Sukkur', 'highlight', 'place name');
    addNote(editor.db, 'Timeline', 'Monday: embankment; Tuesday: evacuation.');
    expect(ownerArticle).toBeGreaterThan(0);
    await sync(owner);
    await sync(editor);
    await syncAll();
    expectAllEqual();
    const hits = viewer.db.prepare("SELECT count(*) FROM article_fts WHERE article_fts MATCH 'guddu'").pluck().get();
    expect(hits).toBe(1);
    const notes = viewer.db.prepare("SELECT count(*) FROM note_fts WHERE note_fts MATCH 'evacuation'").pluck().get();
    expect(notes).toBe(1);
    const highlightHits = owner.db.prepare("SELECT count(*) FROM annotation_fts WHERE annotation_fts MATCH 'sukkur'").pluck().get();
    expect(highlightHits).toBe(1);
  });

  it("knows who made each highlight, on every member's side", () => {
    const byQuote = (library: Library, quote: string) => library.db.prepare('SELECT id FROM annotation WHERE quote_exact = ?').pluck().get(quote) as number;
    for (const library of [owner, editor, viewer]) {
      const ids = [byQuote(library, 'near Sukkur'), byQuote(library, 'record discharge')];
      const authors = authorsOf(library.db, 'annotation', ids);
      expect(authors[ids[0]!]?.name).toBe('edith');
      expect(authors[ids[1]!]?.name).toBe('admin');
    }
    expect(authorsOf(viewer.db, 'annotation', [byQuote(viewer, 'near Sukkur')])).toEqual({
      [byQuote(viewer, 'near Sukkur')]: { name: 'edith', initials: 'ED', color: expect.stringMatching(/^hsl\(/) },
    });
  });

  it("search and the claims board filter by who made a highlight, on every member's side", async () => {
    for (const library of [owner, editor, viewer]) {
      const dispatch = createDispatcher(() => ({ library }));
      const quotes = async (author: string) =>
        (await call(dispatch, 'search.query', { query: 'sukkur OR discharge OR embankment', kinds: ['claim', 'highlight'], author })).hits.map((h) => h.snippet.map((s) => s.text).join(''));
      // Each member by the name the team knows them by, whatever their own library's author setting says.
      expect(await quotes('edith')).toEqual(['near Sukkur']);
      expect((await quotes('admin')).sort()).toEqual(['embankment failed', 'record discharge']);
      expect(await quotes('vera')).toEqual([]);
      expect((await call(dispatch, 'team.makers', {})).map((m) => m.name)).toEqual(expect.arrayContaining(['admin', 'edith']));
      const board = await call(dispatch, 'claims.board', { author: 'admin' });
      expect(board.ungrouped.map((c) => c.quote)).toEqual(['embankment failed']);
      expect((await call(dispatch, 'claims.board', { author: 'edith' })).ungroupedTotal).toBe(0);
    }
  });

  it('merges changes to different fields of one row without a conflict', async () => {
    const gid = owner.db.prepare("SELECT gid FROM entity WHERE name = 'Minister'").pluck().get() as string;
    setField(owner.db, 'entity', gid, 'description', 'Provincial irrigation minister');
    setField(editor.db, 'entity', gid, 'name', 'Irrigation Minister');
    // The editor may not change the owner's actor: refused, reverted, and said.
    await sync(owner);
    await sync(editor);
    expect(listConflicts(editor.db).map((c) => c.kind)).toEqual(['refused']);
    expect(getField(editor.db, 'entity', gid, 'name')).toBe('Minister');
    resolveConflict(editor.db, listConflicts(editor.db)[0]!.id, 'theirs');
    // The owner changes both fields on two of its own libraries' sides: here, owner + a merge.
    const h = editor.db.prepare("SELECT gid FROM annotation WHERE quote_exact = 'near Sukkur'").pluck().get() as string;
    setField(editor.db, 'annotation', h, 'note', 'place name, checked');
    setField(owner.db, 'annotation', h, 'anchor_status', 'moved');
    await sync(editor);
    await sync(owner);
    expect(listConflicts(owner.db)).toEqual([]);
    await syncAll();
    expectAllEqual();
    expect(getField(viewer.db, 'annotation', h, 'note')).toBe('place name, checked');
    expect(getField(viewer.db, 'annotation', h, 'anchor_status')).toBe('moved');
    expect(getField(viewer.db, 'entity', gid, 'description')).toBe('Provincial irrigation minister');
  });

  it('records the same field changed on both sides as a conflict with both values, and resolves it', async () => {
    const h = editor.db.prepare("SELECT gid FROM annotation WHERE quote_exact = 'near Sukkur'").pluck().get() as string;
    setField(owner.db, 'annotation', h, 'note', 'owner says: Sukkur district');
    setField(editor.db, 'annotation', h, 'note', 'editor says: Sukkur city');
    await sync(owner);
    const report = await sync(editor);
    expect(report.conflicts).toBe(1);
    const [conflict] = listConflicts(editor.db);
    expect(conflict).toMatchObject({ kind: 'field', table: 'annotation', gid: h, theirAuthor: 'admin' });
    expect(conflict!.fields.note).toEqual({ mine: 'editor says: Sukkur city', theirs: 'owner says: Sukkur district' });
    // Theirs is in the library until resolved; everyone agrees meanwhile.
    await syncAll();
    expectAllEqual();
    expect(getField(editor.db, 'annotation', h, 'note')).toBe('owner says: Sukkur district');
    resolveConflict(editor.db, conflict!.id, 'mine');
    await syncAll();
    expectAllEqual();
    expect(getField(owner.db, 'annotation', h, 'note')).toBe('editor says: Sukkur city');
    expect(listConflicts(editor.db)).toEqual([]);
  });

  it('keeps a notebook page changed on both sides as a conflicted copy', async () => {
    const page = editor.db.prepare("SELECT gid FROM note WHERE title = 'Timeline'").pluck().get() as string;
    setField(owner.db, 'note', page, 'text', 'Owner timeline');
    setField(editor.db, 'note', page, 'text', 'Editor timeline');
    await sync(editor);
    await sync(owner);
    const [conflict] = listConflicts(owner.db);
    expect(conflict).toMatchObject({ kind: 'page', gid: page });
    expect(getField(owner.db, 'note', page, 'text')).toBe('Editor timeline');
    expect(getField(owner.db, 'note', conflict!.copyGid!, 'text')).toBe('Owner timeline');
    expect(getField(owner.db, 'note', conflict!.copyGid!, 'title')).toContain('conflicted copy');
    await syncAll();
    expectAllEqual();
    expect(viewer.db.prepare('SELECT count(*) FROM note').pluck().get()).toBe(2);
    resolveConflict(owner.db, conflict!.id, 'both');
  });

  it('treats deleting what someone else edited as a conflict that keeps the edit', async () => {
    const h = owner.db.prepare("SELECT gid FROM annotation WHERE quote_exact = 'record discharge'").pluck().get() as string;
    // The owner edits its highlight while (offline) the ... owner's other side deletes: use the editor's own row.
    const mine = addHighlight(editor.db, editor.db.prepare("SELECT id FROM article WHERE title = 'Water levels'").pluck().get() as number, 'Guddu', 'highlight', 'dam');
    await sync(editor);
    await sync(owner);
    deleteRow(owner.db, 'annotation', mine.gid);
    setField(editor.db, 'annotation', mine.gid, 'note', 'Guddu barrage, not dam');
    await sync(owner);
    await sync(editor);
    const [conflict] = listConflicts(editor.db);
    expect(conflict).toMatchObject({ kind: 'deleted-edited', gid: mine.gid });
    await syncAll();
    expectAllEqual();
    expect(getField(owner.db, 'annotation', mine.gid, 'note')).toBe('Guddu barrage, not dam');
    // Resolving with theirs deletes it everywhere.
    resolveConflict(editor.db, conflict!.id, 'theirs');
    await syncAll();
    expectAllEqual();
    expect(getField(owner.db, 'annotation', mine.gid, 'note')).toBeUndefined();
    // A plain deletion travels as a tombstone.
    deleteRow(owner.db, 'annotation', h);
    await syncAll();
    expectAllEqual();
    const tomb = await ownerRaw.query('SELECT deleted, data FROM casefile.row WHERE gid = $1', [h]);
    expect(tomb.rows[0]).toEqual({ deleted: true, data: null });
  });

  it('brings back what they edited after it was deleted here, as a conflict', async () => {
    const article = editor.db.prepare("SELECT id FROM article WHERE title = 'Water levels'").pluck().get() as number;
    const h = addHighlight(editor.db, article, 'Barrage gauges', 'highlight', 'first');
    await syncAll();
    setField(editor.db, 'annotation', h.gid, 'note', 'edited by edith');
    deleteRow(owner.db, 'annotation', h.gid);
    await sync(editor);
    const report = await sync(owner);
    expect(report.conflicts).toBe(1);
    const [conflict] = listConflicts(owner.db);
    expect(conflict).toMatchObject({ kind: 'edited-deleted', gid: h.gid, mine: null });
    expect(getField(owner.db, 'annotation', h.gid, 'note')).toBe('edited by edith');
    await syncAll();
    expectAllEqual();
    // The owner deletes it after all.
    resolveConflict(owner.db, conflict!.id, 'mine');
    await syncAll();
    expectAllEqual();
    expect(getField(viewer.db, 'annotation', h.gid, 'note')).toBeUndefined();
  });

  it('shows an actor made apart on two sides under the same name as a conflict, and resolves it once renamed', async () => {
    const mine = addActor(editor.db, 'Chief Engineer');
    const theirs = addActor(owner.db, 'Chief Engineer');
    await sync(owner);
    await sync(editor);
    const [conflict] = listConflicts(editor.db);
    expect(conflict).toMatchObject({ kind: 'not-applied', table: 'entity', gid: theirs.gid });
    expect(() => resolveConflict(editor.db, conflict!.id, 'theirs')).toThrow(/rename or merge yours first/);
    setField(editor.db, 'entity', mine.gid, 'name', 'Chief Engineer (Sukkur)');
    resolveConflict(editor.db, conflict!.id, 'theirs');
    await syncAll();
    expectAllEqual();
    // The viewer met the clash too (in the other order); the rename placed the held row by itself.
    expect(listConflicts(viewer.db).filter((c) => c.table === 'entity')).toEqual([]);
    expect(listConflicts(owner.db)).toEqual([]);
  });

  it("reverts a viewer's local writes as refused and never sends them", async () => {
    const gid = viewer.db.prepare("SELECT gid FROM annotation WHERE quote_exact = 'near Sukkur'").pluck().get() as string;
    const before = getField(viewer.db, 'annotation', gid, 'note');
    setField(viewer.db, 'annotation', gid, 'note', 'viewer vandalism');
    const report = await sync(viewer);
    expect(report.pushed).toBe(0);
    expect(listConflicts(viewer.db).map((c) => c.kind)).toContain('refused');
    expect(getField(viewer.db, 'annotation', gid, 'note')).toBe(before);
    await syncAll();
    expectAllEqual();
  });

  it("re-anchors every member's highlights when an article's text is corrected, without shipping a teammate's highlight", async () => {
    const text = 'Flood warning for Sukkur.\n\nThe barrage held overnight, engineers said.\n\nRelief camps opened in Khairpur.';
    const article = addArticle(editor.db, 'Barrage holds', text);
    addHighlight(editor.db, article.id, 'engineers said', 'highlight');
    await sync(editor);
    await sync(owner);
    const ownerArticle = owner.db.prepare('SELECT id FROM article WHERE gid = ?').pluck().get(article.gid) as number;
    const ownersOwn = addHighlight(owner.db, ownerArticle, 'Relief camps opened', 'claim');
    await syncAll();
    expectAllEqual();

    // The editor corrects the text of her own article: the owner's highlight moves too, here
    // and in every library, and nothing is refused (she may not write the owner's highlight).
    const corrected = ['Correction issued at noon.', ...text.split('\n\n')];
    const edit = updateArticleText(editor, { id: article.id, body: documentFromParagraphs(corrected) });
    expect(edit.anchors).toEqual({ exact: 0, moved: 2, fuzzy: 0, orphan: 0 });
    await syncAll();
    expect(listConflicts(editor.db).filter((c) => c.gid === ownersOwn.gid)).toEqual([]);
    expectAllEqual();
    for (const library of [owner, editor, viewer]) {
      const row = library.db.prepare('SELECT a.start_offset AS s, a.end_offset AS e, a.anchor_status AS status, r.text FROM annotation a JOIN article r ON r.id = a.article_id WHERE a.gid = ?').get(ownersOwn.gid) as {
        s: number;
        e: number;
        status: string;
        text: string;
      };
      expect(row.status).toBe('moved');
      expect(row.text.slice(row.s, row.e)).toBe('Relief camps opened');
    }

    // Both correct the text offline: a conflict over the text; the highlights follow the text
    // each library holds, and keeping mine moves them back.
    updateArticleText(owner, { id: ownerArticle, body: documentFromParagraphs(corrected.filter((p) => !p.startsWith('Relief'))) });
    updateArticleText(editor, { id: article.id, body: documentFromParagraphs(['Update:', ...corrected]) });
    await sync(owner);
    await sync(editor);
    const conflict = listConflicts(editor.db).find((c) => c.gid === article.gid && c.kind === 'field');
    expect(conflict?.fields).toHaveProperty('text');
    const status = () => getField(editor.db, 'annotation', ownersOwn.gid, 'anchor_status');
    expect(status()).toBe('orphan'); // their text, without the paragraph
    resolveConflict(editor.db, conflict!.id, 'mine');
    expect(status()).toBe('moved');
    const { s, e, t } = editor.db.prepare('SELECT a.start_offset AS s, a.end_offset AS e, r.text AS t FROM annotation a JOIN article r ON r.id = a.article_id WHERE a.gid = ?').get(ownersOwn.gid) as {
      s: number;
      e: number;
      t: string;
    };
    expect(t.slice(s, e)).toBe('Relief camps opened');
    await syncAll();
    expectAllEqual();
  });
});
