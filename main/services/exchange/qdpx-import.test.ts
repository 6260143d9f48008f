// REFI-QDA import: real projects made by NVivo, ATLAS.ti and qc (main/testing/fixtures/exchange/refi, origin
// in ORIGIN.md), the round trip Casefile → .qdpx → a new library, and hostile files
// (XML bombs, external entities, zip bombs, path traversal) that must fail with a clear
// message and leave the library as it was.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { call } from '../../api/dispatch.ts';
import { tempLibrary } from '../../testing/temp.ts';
import { renderExport } from '../dossiers/exports.ts';
import { buildAnnotatedLibrary } from '../../testing/annotated-library.ts';
import { importInputs } from '../import/importer.ts';
import type { Library } from '../library.ts';
import { placeSelection } from './qdpx-import.ts';
import { fixture } from '../../testing/exchange.ts';

function counts(library: Library) {
  const n = (table: string) => library.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return { articles: n('article'), annotations: n('annotation'), tags: n('tag'), notes: n('note'), dossiers: n('dossier'), entities: n('entity') };
}

async function importBytes(library: Library, name: string, bytes: Uint8Array) {
  const [outcome] = await importInputs(library, [{ kind: 'bytes', name, bytes }]);
  return outcome!;
}

const qde = (body: string) => `<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="t">${body}</Project>`;
const qdpx = (files: Record<string, string | Uint8Array>) => zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v])));

describe('REFI-QDA import: projects made by other tools', () => {
  it('qc 1.3.2: two transcripts become articles, 158 coded selections become highlights tagged with their codes', async () => {
    const library = tempLibrary({ seed: false });
    const outcome = await importBytes(library, 'qc-1.3.2-demo.qdpx', fixture('refi', 'qc-1.3.2-demo.qdpx'));
    expect(outcome.status).toBe('imported');
    expect(outcome.sha256).toMatch(/^[0-9a-f]{64}$/);
    const items = outcome.items!;
    expect(items.filter((i) => i.kind === 'article' && i.status === 'imported')).toHaveLength(2);
    const highlights = items.filter((i) => i.kind === 'highlight');
    expect(highlights.filter((i) => i.status === 'imported')).toHaveLength(158);
    expect(counts(library).annotations).toBe(158);
    // qc names selections "line:N": not quotes, so they are placed by their positions, and the report says so.
    expect(highlights[0]!.reason).toMatch(/not a quote/);
    // Its one user coded every selection: recorded in each highlight's note.
    expect(outcome.items!.find((i) => i.kind === 'author')).toMatchObject({ item: 'user “cp”', status: 'imported' });
    expect(library.db.prepare("SELECT count(*) FROM annotation WHERE note LIKE '%Coded by cp'").pluck().get()).toBe(158);
    // 205 codings on 158 selections: each coding is a tag on its highlight.
    const tagged = library.db.prepare('SELECT count(*) FROM annotation_tag').pluck().get();
    expect(tagged).toBe(205);
    // The codebook is nested: "programming" sits under "competencies" under "rq1_definition".
    const nested = library.db
      .prepare(`SELECT c.name FROM tag c JOIN tag p ON c.parent_id = p.id JOIN tag g ON p.parent_id = g.id WHERE g.name = 'rq1_definition' AND p.name = 'competencies'`)
      .pluck()
      .all();
    expect(nested).toContain('programming');
    // The highlight's words are the source's words at the stored positions.
    const source = new TextDecoder().decode((await import('fflate')).unzipSync(fixture('refi', 'qc-1.3.2-demo.qdpx'))['sources/board_2017.txt']);
    const first = library.db.prepare("SELECT a.quote_exact FROM annotation a JOIN article r ON r.id = a.article_id WHERE r.title = 'board_2017' ORDER BY a.start_offset LIMIT 1").pluck().get() as string;
    expect(source.slice(320, 400).trim()).toContain(first.trim().slice(0, 40));
  });

  it('NVivo for Mac 15: the 262-code codebook becomes nested tags; its empty sources are listed, not imported', async () => {
    const library = tempLibrary({ seed: false });
    const outcome = await importBytes(library, 'nvivo-for-mac-15.qdpx', fixture('refi', 'nvivo-for-mac-15.qdpx'));
    expect(outcome.status).toBe('imported');
    const skipped = outcome.items!.filter((i) => i.kind === 'article');
    expect(skipped).toHaveLength(2);
    for (const s of skipped) {
      expect(s.status).toBe('skipped');
      expect(s.reason).toMatch(/It has no text \(its text file is empty\)/);
    }
    expect(counts(library)).toMatchObject({ articles: 0, tags: 262 });
    // Its users coded nothing here: listed, with the reason.
    expect(outcome.items!.filter((i) => i.kind === 'author').map((i) => [i.item, i.status])).toEqual([
      ['user “chrisp”', 'skipped'],
      ['user “cp”', 'skipped'],
    ]);
  });

  it('ATLAS.ti 23: a codebook-only project gives its codes, nested', async () => {
    const library = tempLibrary({ seed: false });
    const outcome = await importBytes(library, 'atlas-ti-23.qdpx', fixture('refi', 'atlas-ti-23.qdpx'));
    expect(outcome.status).toBe('imported');
    const rows = library.db.prepare('SELECT c.name AS child, p.name AS parent FROM tag c LEFT JOIN tag p ON c.parent_id = p.id ORDER BY c.id').all();
    expect(rows).toEqual([
      { child: 'Commits', parent: null },
      { child: '2022-05-10T02:05:59Z 19e4dce', parent: 'Commits' },
      { child: '2022-02-11T10:39:25Z cdbfd92', parent: 'Commits' },
    ]);
  });

  it('importing the same project twice adds nothing the second time', async () => {
    const library = tempLibrary({ seed: false });
    await importBytes(library, 'qc.qdpx', fixture('refi', 'qc-1.3.2-demo.qdpx'));
    const before = counts(library);
    const again = await importBytes(library, 'qc.qdpx', fixture('refi', 'qc-1.3.2-demo.qdpx'));
    expect(again.items!.filter((i) => i.status === 'imported')).toEqual([]);
    expect(again.status).toBe('duplicate');
    expect(counts(library)).toEqual(before);
  });
});

describe('REFI-QDA round trip', () => {
  it('Casefile → .qdpx → a new library gives the same highlights, quotes, kinds, actors, tags, notes and pages', async () => {
    const fx = await buildAnnotatedLibrary(tempLibrary());
    await call(fx.dispatch, 'dossiers.create', { name: 'Mediation', author: 'A. Analyst', date: '2026-11-30', items: [{ articleId: fx.iran }, { noteId: fx.noteId }] });
    const exported = await renderExport(fx.library, { source: { all: true }, format: 'qdpx' });
    const target = tempLibrary({ seed: false });
    const outcome = await importBytes(target, exported.fileName, exported.bytes);
    expect(outcome.items!.filter((i) => i.status === 'skipped')).toEqual([]);

    const describeAll = async (dispatch: Parameters<typeof call>[0]) => {
      const articles = (await call(dispatch, 'articles.list', { limit: 100 })).items;
      const titles = new Map(articles.map((a) => [a.id, a.title]));
      const annotations = await call(dispatch, 'annotations.list', {});
      return annotations
        .filter((a) => a.anchorStatus !== 'orphan')
        .map((a) => ({
          article: titles.get(a.articleId),
          kind: a.kind,
          quote: a.quote,
          start: a.start,
          end: a.end,
          note: a.note,
          entity: a.entity?.name ?? null,
          claimants: a.claim?.claimants.map((c) => c.name).sort() ?? null,
          sources: a.claim?.sources.map((c) => c.name).sort() ?? null,
          tags: a.tags.map((t) => t.name).sort(),
        }))
        .sort((x, y) => `${x.article}${x.start}${x.kind}`.localeCompare(`${y.article}${y.start}${y.kind}`));
    };
    const { createDispatcher } = await import('../../api/dispatch.ts');
    const targetDispatch = createDispatcher(() => ({ library: target }));
    expect(await describeAll(targetDispatch)).toEqual(await describeAll(fx.dispatch));

    const texts = (library: Library) => library.db.prepare('SELECT title, text FROM article ORDER BY title').all();
    expect(texts(target)).toEqual(texts(fx.library));
    const meta = (library: Library) => library.db.prepare('SELECT title, outlet, url, published_at, byline, language FROM article ORDER BY title').all();
    expect(meta(target)).toEqual(meta(fx.library));
    const pages = (library: Library) => library.db.prepare('SELECT title, text FROM note ORDER BY title').all();
    expect(pages(target)).toEqual(pages(fx.library));
    const tagTree = (library: Library) => library.db.prepare('SELECT t.name, p.name AS parent, t.color FROM tag t LEFT JOIN tag p ON p.id = t.parent_id ORDER BY t.name').all();
    expect(tagTree(target)).toEqual(tagTree(fx.library));
    const dossiers = await call(targetDispatch, 'dossiers.list', {});
    expect(dossiers.map((d) => ({ name: d.name, author: d.author, date: d.date, articles: d.articleCount, pages: d.noteCount }))).toEqual([{ name: 'Mediation', author: 'A. Analyst', date: '2026-11-30', articles: 1, pages: 1 }]);
  });
});

describe('REFI-QDA positions are checked, not trusted', () => {
  const text = 'Tea 🍵 first. Then the minister said the border would open.';
  it('takes the given UTF-16 positions when they hold the quote', () => {
    const start = text.indexOf('the minister');
    expect(placeSelection(text, start, start + 12, 'the minister')).toEqual({ start, end: start + 12, anchor: 'exact' });
  });
  it('corrects positions counted in code points', () => {
    const start = text.indexOf('the minister');
    const placed = placeSelection(text, start - 1, start + 11, 'the minister');
    expect(text.slice(placed.start, placed.end)).toBe('the minister');
    expect(placed.reason).toMatch(/code points/);
  });
  it('finds a quote the positions miss, and says so', () => {
    const placed = placeSelection(text, 0, 5, 'the border would open');
    expect(text.slice(placed.start, placed.end)).toBe('the border would open');
    expect(placed.anchor).toBe('moved');
  });
  it('refuses to guess between two occurrences', () => {
    expect(() => placeSelection('the cat and the cat', 2, 6, 'the cat')).toThrow(/2 times/);
  });
});

describe('REFI-QDA hostile files', () => {
  const hostile: [string, Uint8Array, RegExp][] = [
    ['billion-laughs.qdpx', qdpx({ 'project.qde': `<?xml version="1.0"?><!DOCTYPE P [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><Project xmlns="urn:QDA-XML:project:1.0" name="&c;"/>` }), /billion-laughs\.qdpx.*document type or entities/],
    ['xxe.qdpx', qdpx({ 'project.qde': `<?xml version="1.0"?><!DOCTYPE P [<!ENTITY x SYSTEM "file:///etc/passwd">]><Project xmlns="urn:QDA-XML:project:1.0" name="&x;"/>` }), /xxe\.qdpx.*document type or entities/],
    ['traversal.qdpx', qdpx({ 'project.qde': qde(''), '../../evil.txt': 'x' }), /traversal\.qdpx contains an entry with an unsafe path \("\.\.\/\.\.\/evil\.txt"\)/],
    ['not-a-zip.qdpx', strToU8('<Project/>'), /not-a-zip\.qdpx is not a zip archive/],
    ['no-project.qdpx', qdpx({ 'sources/a.txt': 'text' }), /no-project\.qdpx has no project\.qde/],
    ['broken-xml.qdpx', qdpx({ 'project.qde': '<Project><Sources>' }), /broken-xml\.qdpx \(project\.qde\) is not well-formed XML/],
  ];
  it.each(hostile)('%s fails with a message naming it and leaves the library unchanged', async (name, bytes, message) => {
    const library = tempLibrary();
    const before = counts(library);
    const outcome = await importBytes(library, name, bytes);
    expect(outcome.status).toBe('failed');
    expect(outcome.reason).toMatch(message);
    expect(counts(library)).toEqual(before);
  });

  it('a zip bomb (an entry inflating past the cap) fails before it is inflated', async () => {
    const library = tempLibrary();
    const before = counts(library);
    // 60 MB of zeros compresses to about 60 KB.
    const bomb = zipSync({ 'project.qde': strToU8(qde('')), 'sources/bomb.txt': new Uint8Array(60 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const outcome = await importBytes(library, 'bomb.qdpx', bomb);
    expect(outcome.status).toBe('failed');
    expect(outcome.reason).toMatch(/bomb\.qdpx has an entry that inflates to more than 50 MB \("sources\/bomb\.txt"\)/);
    expect(counts(library)).toEqual(before);
  });

  it('a failure halfway through a project rolls back everything it had written', async () => {
    const library = tempLibrary();
    const before = counts(library);
    // Writing the notebook page (after the article, its highlight and its tag) fails, as a full disk would.
    library.db.exec(`CREATE TEMP TRIGGER fail_note BEFORE INSERT ON note BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END`);
    const project = qde(
      `<CodeBook><Codes><Code guid="00000000-0000-0000-0000-000000000001" name="Theme" isCodable="true"/></Codes></CodeBook>` +
        `<Sources><TextSource guid="00000000-0000-0000-0000-000000000002" name="One"><PlainTextContent>Some words here.</PlainTextContent>` +
        `<PlainTextSelection guid="00000000-0000-0000-0000-000000000003" name="words" startPosition="5" endPosition="10"><Coding guid="00000000-0000-0000-0000-000000000004"><CodeRef targetGUID="00000000-0000-0000-0000-000000000001"/></Coding></PlainTextSelection></TextSource></Sources>` +
        `<Notes><Note guid="00000000-0000-0000-0000-000000000005" name="Memo"><PlainTextContent>A memo.</PlainTextContent></Note></Notes>`,
    );
    await expect(importBytes(library, 'halfway.qdpx', qdpx({ 'project.qde': project }))).rejects.toThrow(/simulated write failure/);
    expect(counts(library)).toEqual(before);
    library.db.exec('DROP TRIGGER fail_note');
    const outcome = await importBytes(library, 'halfway.qdpx', qdpx({ 'project.qde': project }));
    expect(outcome.items!.map((i) => [i.kind, i.status])).toEqual([
      ['tag', 'imported'],
      ['article', 'imported'],
      ['highlight', 'imported'],
      ['note', 'imported'],
    ]);
  });

  it('a note whose text file is not in the archive is skipped alone, with the reason; the rest imports', async () => {
    const library = tempLibrary();
    const before = counts(library);
    const project = qde(
      `<Sources><TextSource guid="00000000-0000-0000-0000-000000000002" name="One"><PlainTextContent>Some words here.</PlainTextContent>` +
        `<PlainTextSelection guid="00000000-0000-0000-0000-000000000003" name="words" startPosition="5" endPosition="10"><NoteRef targetGUID="00000000-0000-0000-0000-000000000006"/></PlainTextSelection></TextSource></Sources>` +
        `<Notes><Note guid="00000000-0000-0000-0000-000000000005" name="Memo"><PlainTextContent>A memo.</PlainTextContent></Note>` +
        `<Note guid="00000000-0000-0000-0000-000000000006" name="Lost memo" plainTextPath="internal://lost.txt"/></Notes>`,
    );
    const outcome = await importBytes(library, 'lost-note.qdpx', qdpx({ 'project.qde': project }));
    expect(outcome.status).toBe('imported');
    expect(outcome.items!.map((i) => [i.kind, i.item, i.status, i.reason ?? null])).toEqual([
      ['article', 'source “One”', 'imported', null],
      ['highlight', expect.stringContaining('words'), 'imported', null],
      ['note', 'note “Memo”', 'imported', null],
      ['note', 'note “Lost memo”', 'skipped', 'Its text file (internal://lost.txt) is not inside lost-note.qdpx.'],
    ]);
    expect(counts(library)).toMatchObject({ articles: before.articles + 1, annotations: before.annotations + 1, notes: before.notes + 1 });
  });
});
