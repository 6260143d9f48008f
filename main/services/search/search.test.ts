import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createDispatcher, type Dispatch } from '../../api/dispatch.ts';
import { closeLibrary, openLibrarySession, type Library } from '../library.ts';
import { documentOf, paragraph, textNode } from '../../../common/text/document.ts';
import type { SearchHit, SearchPage } from '../../../common/api/methods/search.ts';
import { addArticle, buildCorpus, type Corpus } from '../../testing/corpus.ts';
import { countSql, rankedSql, type ResolvedFilters } from '../../db/repositories/search.ts';
import { ftsQuery } from './query.ts';
import { RANK_LIMITS, search as searchService } from './search.ts';
import { Readers } from '../../db/readers.ts';

// One library of realistic size for the whole file: 2,000 generated articles (about
// 350 words each, 1 in 40 in Urdu) plus hand-written ones whose answers are known.
let dir: string;
let library: Library;
let dispatch: Dispatch;
let readers: Readers;
let corpus: Corpus;
const known: Record<string, { id: number; text: string }> = {};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-search-'));
  library = openLibrarySession(path.join(dir, 'search.casefile'), { create: true, seed: false });
  dispatch = createDispatcher(() => ({ library }));
  readers = new Readers(library.path);
  corpus = buildCorpus(library, { articles: 2_000, seed: 7 });
  known.title = addArticle(library, {
    title: 'Chabahar port accord signed',
    paragraphs: ['Iran and India signed an agreement on the port, officials said.'],
    outlet: 'Tehran Times',
    publishedAt: '2025-03-02',
  });
  known.body = addArticle(library, {
    title: 'Trade routes across the region',
    paragraphs: [
      'Trade between the neighbours has suffered since the border closures began last autumn, and traders in Quetta say losses are mounting.',
      'Analysts said the Chabahar route could offer Kabul an outlet to the sea that does not pass through Pakistan.',
    ],
    outlet: 'Dawn',
    publishedAt: '2025-04-10',
  });
  known.phrase = addArticle(library, {
    title: 'Bajwa visits Tehran',
    paragraphs: ['Pakistan’s army chief Qamar Bajwa met Iranian officials in Tehran on Sunday to discuss Tehrik-i-Taliban Pakistan.'],
    outlet: 'Geo News',
    publishedAt: '2025-05-20',
  });
  known.scattered = addArticle(library, {
    title: 'Corps commanders meet',
    paragraphs: ['The chief of staff said Bajwa would lead the army delegation to the talks.'],
    outlet: 'Dawn',
    publishedAt: '2024-01-15',
  });
  known.urdu = addArticle(library, {
    title: 'پاکستان اور ایران',
    paragraphs: ['اسلام آباد: حکومتِ پاکستان نے چین سے مصالحت کی اپیل کی ہے تاکہ افغان طالبان کے ساتھ کشیدگی کم ہو۔'],
    outlet: 'BBC Urdu',
    publishedAt: '2025-06-01',
    language: 'ur',
    direction: 'rtl',
  });
  known.persian = addArticle(library, {
    title: 'مذاکرات صلح در تهران',
    paragraphs: ['وزیر امور خارجه گفت مذاکرات صلح با طالبان در تهران ادامه دارد.'],
    outlet: 'Tehran Times',
    publishedAt: '2025-06-02',
    language: 'fa',
    direction: 'rtl',
  });
  known.arabic = addArticle(library, {
    title: 'وساطة قطرية',
    paragraphs: ['أعلنت الحكومة القطرية أن الوساطة بين باكستان وطالبان أفغانستان متوقفة.'],
    outlet: 'Al Jazeera',
    publishedAt: '2025-06-03',
    language: 'ar',
    direction: 'rtl',
  });
});

afterAll(async () => {
  await readers.close();
  closeLibrary(library);
  fs.rmSync(dir, { recursive: true, force: true });
});

const search = (input: Parameters<typeof call<'search.query'>>[2]) => call(dispatch, 'search.query', input);

/** Every page of a search, concatenated. */
async function everyHit(input: Parameters<typeof call<'search.query'>>[2]): Promise<{ hits: SearchHit[]; total: number }> {
  const hits: SearchHit[] = [];
  let total = 0;
  for (let offset = 0; ; offset += 200) {
    const page: SearchPage = await search({ ...input, offset, limit: 200 });
    total = page.total;
    hits.push(...page.hits);
    if (page.hits.length < 200) break;
  }
  return { hits, total };
}

/** The oracle: which articles hold `word` as a whole word in title or text, read straight from the rows. */
function articlesWithWord(word: string, where: (a: { outlet: string | null; published_at: string | null }) => boolean = () => true): number[] {
  const pattern = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${word}(?![\\p{L}\\p{M}\\p{N}])`, 'iu');
  const rows = library.db.prepare('SELECT id, title, text, outlet, published_at FROM article').all() as {
    id: number;
    title: string;
    text: string;
    outlet: string | null;
    published_at: string | null;
  }[];
  return rows.filter((r) => (pattern.test(r.title) || pattern.test(r.text)) && where(r)).map((r) => r.id).sort((a, b) => a - b);
}

const ids = (hits: readonly SearchHit[]) => hits.map((h) => h.articleId!).sort((a, b) => a - b);
const marked = (hit: SearchHit) => hit.snippet.filter((s) => s.match).map((s) => s.text.toLowerCase());

describe('full-text search', () => {
  it('finds every article holding a word, across pages, exactly as a scan of the text would', async () => {
    for (const word of ['talks', 'ceasefire', 'osquzo']) {
      const expected = articlesWithWord(word);
      expect(expected.length, word).toBeGreaterThan(0);
      const { hits, total } = await everyHit({ query: word, kinds: ['article'] });
      expect(total, word).toBe(expected.length);
      expect(ids(hits), word).toEqual(expected);
    }
  });

  it('ranks a title hit above a body hit and marks the terms in the snippet', async () => {
    const page = await search({ query: 'chabahar', kinds: ['article'] });
    expect(page.hits.map((h) => h.articleId)).toEqual([known.title!.id, known.body!.id]);
    expect(page.hits[0]!.score).toBeGreaterThan(page.hits[1]!.score);
    const body = page.hits[1]!;
    expect(body).toMatchObject({ kind: 'article', field: 'text', title: 'Trade routes across the region', outlet: 'Dawn', publishedAt: '2025-04-10' });
    expect(marked(body)).toEqual(['chabahar']);
    expect(body.snippet.map((s) => s.text).join('')).toContain('said the Chabahar route could offer Kabul');
    // The snippet starts near the hit, not at the top of a long article.
    expect(body.snippet[0]!.text.startsWith('… ')).toBe(true);
  });

  it('gives the offset of the first hit in the canonical text, so the reader opens scrolled to it', async () => {
    const [hit] = (await search({ query: 'Quetta OR Kabul', kinds: ['article'], outlet: 'Dawn' })).hits;
    expect(hit!.articleId).toBe(known.body!.id);
    expect(hit!.offset).toBe(known.body!.text.indexOf('Quetta'));
    // A hit only in the title has no place in the text to scroll to.
    const [title] = (await search({ query: 'signed', kinds: ['article'], outlet: 'Tehran Times' })).hits;
    expect(title).toMatchObject({ articleId: known.title!.id, field: 'text' });
    const [titleOnly] = (await search({ query: 'accord', kinds: ['article'], outlet: 'Tehran Times' })).hits;
    expect(titleOnly).toMatchObject({ articleId: known.title!.id, field: 'title', offset: null });
    expect(titleOnly!.snippet).toEqual([{ text: 'Chabahar port ', match: false }, { text: 'accord', match: true }, { text: ' signed', match: false }]);
  });

  it('understands phrases, prefixes and boolean queries', async () => {
    const phrase = await search({ query: '"army chief" bajwa', kinds: ['article'] });
    expect(phrase.hits.map((h) => h.articleId)).toEqual([known.phrase!.id]);
    // A phrase is marked as one run.
    expect(marked(phrase.hits[0]!)).toEqual(['army chief', 'bajwa']);
    const words = await search({ query: 'army chief bajwa', kinds: ['article'] });
    expect(ids(words.hits)).toEqual([known.phrase!.id, known.scattered!.id].sort((a, b) => a - b));
    const prefix = await search({ query: 'chaba*', kinds: ['article'] });
    expect(ids(prefix.hits)).toEqual([known.title!.id, known.body!.id].sort((a, b) => a - b));
    const not = await search({ query: 'bajwa NOT tehran', kinds: ['article'] });
    expect(not.hits.map((h) => h.articleId)).toEqual([known.scattered!.id]);
    const grouped = await search({ query: '(quetta OR tehran) AND (bajwa OR traders)', kinds: ['article'] });
    expect(ids(grouped.hits)).toEqual([known.body!.id, known.phrase!.id].sort((a, b) => a - b));
    // Hyphens are part of the words typed, not an operator.
    const hyphen = await search({ query: 'Tehrik-i-Taliban', kinds: ['article'] });
    expect(hyphen.hits.map((h) => h.articleId)).toEqual([known.phrase!.id]);
  });

  it('searches Urdu, Persian and Arabic text, with offsets into the right-to-left text', async () => {
    const urdu = await search({ query: 'مصالحت' });
    expect(urdu.hits.map((h) => h.articleId)).toEqual([known.urdu!.id]);
    expect(urdu.hits[0]!.offset).toBe(known.urdu!.text.indexOf('مصالحت'));
    expect(marked(urdu.hits[0]!)).toEqual(['مصالحت']);
    expect((await search({ query: '"مصالحت کی اپیل"' })).total).toBe(1);
    expect((await search({ query: '"اپیل کی مصالحت"' })).total).toBe(0);
    expect((await search({ query: 'مذاکرات صلح', kinds: ['article'] })).hits.map((h) => h.articleId)).toEqual([known.persian!.id]);
    expect((await search({ query: 'الوساطة' })).hits.map((h) => h.articleId)).toEqual([known.arabic!.id]);
    // The generated Urdu articles too, exactly as a scan finds them.
    const expected = articlesWithWord('مذاکرات');
    expect(expected.filter((id) => corpus.urduArticleIds.includes(id)).length).toBeGreaterThan(10);
    expect(ids((await everyHit({ query: 'مذاکرات', kinds: ['article'] })).hits)).toEqual(expected);
  });

  it('filters by outlet and publication date after matching', async () => {
    const inDawn = (a: { outlet: string | null }) => a.outlet === 'Dawn';
    expect(ids((await everyHit({ query: 'talks', kinds: ['article'], outlet: 'dawn' })).hits)).toEqual(articlesWithWord('talks', inDawn));
    const in2024 = (a: { published_at: string | null }) => a.published_at !== null && a.published_at >= '2024-01-01' && a.published_at <= '2024-06-30';
    const dated = await everyHit({ query: 'talks', kinds: ['article'], from: '2024-01-01', to: '2024-06-30' });
    expect(ids(dated.hits)).toEqual(articlesWithWord('talks', in2024));
    expect(dated.hits.every((h) => h.publishedAt! >= '2024-01-01' && h.publishedAt! <= '2024-06-30')).toBe(true);
    const backwards = await dispatch('search.query', { query: 'talks', from: '2025-01-01', to: '2024-01-01' });
    expect(!backwards.ok && backwards.error).toMatchObject({ code: 'INVALID_INPUT', detail: expect.stringContaining('runs backwards') });
  });

  it('pages through ranked results without gaps or repeats', async () => {
    const first = await search({ query: 'security', kinds: ['article'], limit: 50 });
    const second = await search({ query: 'security', kinds: ['article'], limit: 50, offset: 50 });
    expect(first.total).toBe(second.total);
    expect(first.total).toBe(articlesWithWord('security').length);
    const both = [...first.hits, ...second.hits];
    expect(new Set(both.map((h) => h.articleId)).size).toBe(100);
    // bm25 order holds across the page boundary.
    const scores = both.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});

describe('search over highlights, notes and notebook pages, with filters', () => {
  it('finds highlight quotes and notes, notebook pages, and filters by kind, actor, source and tag', async () => {
    const bajwa = await call(dispatch, 'entities.create', { kind: 'actor', name: 'Qamar Bajwa', aliases: ['army chief'] });
    const tag = await call(dispatch, 'tags.create', { name: 'Military' });
    const child = await call(dispatch, 'tags.create', { name: 'Army', parentId: tag.id });
    const claim = await call(dispatch, 'annotations.create', {
      articleId: known.phrase!.id,
      kind: 'claim',
      target: { quote: 'met Iranian officials in Tehran on Sunday' },
      claimants: [{ id: bajwa.id }],
      sources: [{ name: 'Geo News' }],
      note: 'Cross-checked against the ISPR archive',
      tagIds: [child.id],
    });
    const actor = await call(dispatch, 'annotations.create', { articleId: known.scattered!.id, kind: 'actor', target: { quote: 'Bajwa' }, entity: { id: bajwa.id } });
    const page = await call(dispatch, 'notes.create', {
      title: 'Tehran visit',
      body: documentOf([paragraph([textNode('Why did Bajwa go to Tehran before Kabul?')]), { type: 'annotation-quote', version: 1, annotationId: claim.id, quote: claim.quote.exact }]),
    });

    // The note of a claim: the hit opens the article at the highlight.
    const byNote = await search({ query: 'ISPR archive' });
    expect(byNote.hits).toHaveLength(1);
    expect(byNote.hits[0]).toMatchObject({ kind: 'claim', annotationId: claim.id, articleId: known.phrase!.id, field: 'note', offset: claim.start });
    // A quote: the offset is the matched word inside the highlight.
    const byQuote = await search({ query: 'iranian', kinds: ['claim'] });
    expect(byQuote.hits.map((h) => [h.annotationId, h.field, h.offset])).toEqual([[claim.id, 'quote', known.phrase!.text.indexOf('Iranian')]]);
    // Notebook pages, by title or text.
    const notes = await search({ query: 'kabul', kinds: ['note'] });
    expect(notes.hits.map((h) => [h.kind, h.noteId, h.articleId, h.title])).toEqual([['note', page.id, null, 'Tehran visit']]);
    expect(marked(notes.hits[0]!)).toEqual(['kabul']);

    // Actor by name or alias: articles where it is highlighted or claims, its highlights and claims, pages quoting them.
    const byActor = await search({ query: 'tehran OR bajwa', actor: { name: 'army chief' } });
    expect(byActor.hits.map((h) => [h.kind, h.articleId ?? h.noteId]).sort()).toEqual(
      [['article', known.phrase!.id], ['article', known.scattered!.id], ['actor', known.scattered!.id], ['claim', known.phrase!.id], ['note', page.id]].sort(),
    );
    expect((await search({ query: 'tehran', actor: { id: bajwa.id }, kinds: ['article'] })).hits.map((h) => h.articleId)).toEqual([known.phrase!.id]);
    const noActor = await dispatch('search.query', { query: 'tehran', actor: { name: 'Nobody Known' } });
    expect(!noActor.ok && noActor.error).toMatchObject({ code: 'NOT_FOUND', detail: 'There is no actor named "Nobody Known" (by name or alias) in this library.' });

    // Source: the claim attributed to it and its article.
    const bySource = await search({ query: 'tehran', source: { name: 'geo news' } });
    expect(bySource.hits.map((h) => h.kind).sort()).toEqual(['article', 'claim', 'note']);
    // Tag, including tags nested under it.
    const byTag = await search({ query: 'tehran', tagId: tag.id });
    expect(byTag.hits.map((h) => [h.kind, h.articleId ?? h.noteId]).sort()).toEqual([['article', known.phrase!.id], ['claim', known.phrase!.id], ['note', page.id]].sort());
    // Kind: only actor highlights.
    expect((await search({ query: 'bajwa', kinds: ['actor'] })).hits.map((h) => [h.annotationId, h.entity?.name])).toEqual([[actor.id, 'Qamar Bajwa']]);
    // Notes have no outlet or date: such filters leave them out.
    expect((await search({ query: 'tehran', kinds: ['note'], outlet: 'Dawn' })).total).toBe(0);
  });
});

describe('filtering by who made it', () => {
  it('finds only the articles, highlights and notebook pages one author made, by the name their changes are signed with', async () => {
    await call(dispatch, 'library.setAuthor', { author: 'Amina Qureshi' });
    const amina = await call(dispatch, 'annotations.create', { articleId: known.body!.id, kind: 'highlight', target: { quote: 'traders in Quetta' } });
    const page = await call(dispatch, 'notes.create', { title: 'Quetta traders', body: documentOf([paragraph([textNode('Losses in Quetta, per Dawn.')])]) });
    const imported = await call(dispatch, 'import.paste', { content: 'Quetta markets reopen\n\nShops in Quetta reopened on Monday.', format: 'text' });
    await call(dispatch, 'library.setAuthor', { author: 'Bilal' });
    const bilal = await call(dispatch, 'annotations.create', { articleId: known.body!.id, kind: 'claim', target: { quote: 'losses are mounting' } });

    const found = async (author: string) => (await search({ query: 'quetta OR losses', author })).hits.map((h) => [h.kind, h.annotationId ?? h.noteId ?? h.articleId]).sort();
    expect(await found('Amina Qureshi')).toEqual([['article', imported.articleId], ['highlight', amina.id], ['note', page.id]].sort());
    expect(await found('Bilal')).toEqual([['claim', bilal.id]]);
    expect(await found('Nobody')).toEqual([]);
    // Each maker once, however many change sets they signed (Amina signed three here).
    const makers = (await call(dispatch, 'team.makers', {})).map((m) => m.name);
    expect(makers).toEqual(expect.arrayContaining(['Amina Qureshi', 'Bilal']));
    expect(makers).toHaveLength(new Set(makers).size);
    // The claims board likewise.
    expect((await call(dispatch, 'claims.board', { author: 'Bilal' })).ungrouped.map((c) => c.annotationId)).toEqual([bilal.id]);
    expect((await call(dispatch, 'claims.board', { author: 'Amina Qureshi' })).ungroupedTotal).toBe(0);
  });
});

describe('malformed queries', () => {
  it('get SEARCH_SYNTAX with a clear detail, never an SQL error', async () => {
    const cases: [string, RegExp][] = [
      ['"unbalanced', /quote mark at character 1 is never closed/],
      ['(a OR', /parenthesis opened at character 1 is never closed/],
      ['NOT', /NOT at character 1 needs words to exclude from/],
      ['*', /\* at character 1 has no word before it/],
      ['AND AND', /AND at character 1 needs a word or phrase before it/],
    ];
    for (const [query, detail] of cases) {
      const result = await dispatch('search.query', { query });
      expect(result.ok, query).toBe(false);
      if (result.ok) continue;
      expect(result.error.code, query).toBe('SEARCH_SYNTAX');
      expect(result.error.detail, query).toMatch(detail);
      expect(result.error.detail, query).not.toMatch(/fts5|sqlite|syntax error near/i);
    }
  });

  it('never reach SQLite as an error, whatever is typed', async () => {
    const pieces = ['a', 'iran', 'AND', 'OR', 'NOT', 'NEAR', '(', ')', '"', '*', '-', ':', '^', '+', '{', '}', 'title:', 'ثالثی', "'", '\\', '.', '""', 'NEAR(', '%', '_'];
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 400; i += 1) {
      const query = Array.from({ length: 1 + Math.floor(next() * 6) }, () => pieces[Math.floor(next() * pieces.length)]).join(next() < 0.5 ? ' ' : '');
      if (!query.trim()) continue;
      const result = await dispatch('search.query', { query, limit: 5 });
      if (!result.ok) expect([query, result.error.code]).toEqual([query, 'SEARCH_SYNTAX']);
    }
    // Half-typed syntax in the palette is read as words.
    expect((await call(dispatch, 'search.palette', { text: '"(NOT * AND' })).articles.length).toBeGreaterThan(0);
    expect((await call(dispatch, 'search.palette', { text: '"( * )' })).articles).toEqual([]);
  });
});

describe('match first, then filter', () => {
  const everything: ResolvedFilters = {
    article: true,
    annotationKinds: ['claim', 'actor', 'source', 'highlight'],
    note: true,
    actorIds: [1],
    sourceIds: [2],
    outlet: 'Dawn',
    tagIds: [1, 2],
    from: '2024-01-01',
    to: '2024-12-31',
    madeBy: { name: 'Amina', shared: false },
  };
  const noFilters: ResolvedFilters = { ...everything, actorIds: null, sourceIds: null, outlet: null, tagIds: null, from: null, to: null, madeBy: null };

  function plan(sql: string, params: Record<string, unknown>): string[] {
    return (library.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
  }

  it('keeps each FTS5 table the outer loop and never scans a content table', () => {
    for (const filters of [everything, noFilters, { ...everything, outlet: null, from: null, to: null }]) {
      for (const query of [rankedSql('"talks"', filters, 0, 20)!, rankedSql('"talks"', filters, 0, 20, { withTotal: true })!, rankedSql('"talks"', filters, 0, 20, { window: 100 })!, countSql('"talks"', filters)!]) {
        const lines = plan(query.sql, query.params);
        const where = lines.join('\n');
        // Every branch of the UNION starts from its full-text index (the first table access of each branch)...
        const branches = lines.filter((l) => /^SCAN \w+_fts VIRTUAL TABLE INDEX \d+:M/.test(l));
        expect(branches.map((l) => l.split(' ')[1]), where).toEqual(filters.outlet ? ['article_fts', 'annotation_fts'] : ['article_fts', 'annotation_fts', 'note_fts']);
        // ...with the match itself as its constraint (":M"), not a rowid lookup handed to FTS5 ("=").
        expect(branches.every((l) => !/INDEX \d+:=/.test(l)), where).toBe(true);
        // No table is scanned: filters are id sets read once from indexes (the articles in
        // scope: one materialized set, read back for each kind), or lookups by key.
        const scanned = lines.filter((l) => l.startsWith('SCAN ') && !l.includes('VIRTUAL TABLE') && !l.startsWith('SCAN (subquery-'));
        expect(scanned.filter((l) => l !== 'SCAN article_scope'), where).toEqual([]);
        expect(lines.some((l) => /^SEARCH (article|a) USING INTEGER PRIMARY KEY/.test(l)), where).toBe(false);
        if (filters.outlet) {
          // Outlet and dates: one range of one index, built once for the whole statement.
          expect(lines.filter((l) => /^SEARCH article USING COVERING INDEX article_by_(outlet|published)/.test(l)), where).toEqual([
            'SEARCH article USING COVERING INDEX article_by_outlet_and_date (outlet=? AND published_at>? AND published_at<?)',
          ]);
          expect(lines.filter((l) => l === 'MATERIALIZE article_scope'), where).toHaveLength(1);
        }
        if (filters === noFilters) expect(lines.every((l) => !/^(SCAN|SEARCH) /.test(l) || /_fts VIRTUAL TABLE|^SCAN \(subquery-/.test(l)), where).toBe(true);
      }
    }
  });

  it('answers a common word with every filter on in well under a second', async () => {
    const times: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const start = performance.now();
      await search({ query: 'the OR said', outlet: 'Dawn', from: '2023-01-01', to: '2026-12-31' });
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    expect(times[3]).toBeLessThan(250);
  });

  it('leaves the full-text indexes consistent with their content', () => {
    for (const table of ['article_fts', 'annotation_fts', 'note_fts']) {
      library.db.prepare(`INSERT INTO ${table}(${table}, rank) VALUES ('integrity-check', 1)`).run();
    }
    expect(ftsQuery('munir')).toBe('"munir"');
  });
});

describe('Arabic-script spellings', () => {
  it('finds a word however hamza, final ya and the keyboard wrote it, and marks the text as written', async () => {
    const arabic = addArticle(library, {
      title: 'محادثات في الدوحة',
      paragraphs: ['قال أحمد إن مسألة الحدود ستبحث مع عيسى في الدوحة.'],
      language: 'ar',
      direction: 'rtl',
    });
    const urdu = addArticle(library, { title: 'پاکستان اور افغانستان', paragraphs: ['پاکستان نے مذاکرات کی پیشکش کی۔'], language: 'ur', direction: 'rtl' });
    const found = async (query: string) => (await search({ query, kinds: ['article'] })).hits.map((h) => h.articleId);
    expect(await found('احمد')).toEqual([arabic.id]);
    expect(await found('"قال احمد ان"')).toEqual([arabic.id]);
    expect(await found('مسأله')).toEqual([arabic.id]);
    expect(await found('عيسي')).toEqual([arabic.id]);
    // Typed on an Arabic keyboard: ك and ي for the Urdu ک and ی.
    expect(await found('پاكستان پيشكش')).toEqual([urdu.id]);
    const hit = (await search({ query: 'احمد', kinds: ['article'] })).hits[0]!;
    expect(hit.snippet.filter((s) => s.match).map((s) => s.text)).toEqual(['أحمد']);
    expect(arabic.text.slice(hit.offset!, hit.offset! + 4)).toBe('أحمد');
  });
});

// Each ranking is checked on the library's own connection and on reader threads (main/db/readers.ts),
// where the articles are ranked in slices side by side and merged.
describe.each<[string, () => Readers | null]>([
  ['on the library connection', () => null],
  ['on reader threads', () => readers],
])('ranking a word found almost everywhere, %s', (_where, readersOf) => {
  const limits = { rankAllUpTo: 300, window: 50 };
  const input = { query: 'said', offset: 0, limit: 20, rankAll: false };
  const searchWith = (query: Parameters<typeof searchService>[1], rankLimits: typeof limits = limits) => searchService(library, query, { limits: rankLimits, readers: readersOf() });

  it('ranks the newest matches of each kind only, says so, and still counts every match', async () => {
    const all = await searchWith({ ...input, rankAll: true });
    const windowed = await searchWith(input);
    expect(all.total).toBeGreaterThan(limits.rankAllUpTo);
    expect(windowed.total).toBe(all.total);
    expect(all.rankedWithin).toBeNull();
    expect(windowed.rankedWithin).toBe(limits.window);

    // The page is exactly the best of the newest 50 matching articles and the newest 50 matching highlights.
    const newest = (table: string, rank: string, kind: string) =>
      library.db.prepare(`SELECT '${kind}' AS kind, rowid AS id, ${rank} AS score FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid DESC LIMIT ?`).all('"said"', limits.window) as {
        kind: string;
        id: number;
        score: number;
      }[];
    const expected = [...newest('article_fts', 'bm25(article_fts, 10.0, 1.0)', 'article'), ...newest('annotation_fts', '0.5 * bm25(annotation_fts, 2.0, 1.0)', 'annotation')]
      .sort((a, b) => a.score - b.score || a.kind.localeCompare(b.kind) || a.id - b.id)
      .slice(0, 20)
      .map((r) => `${r.kind} ${r.id}`);
    expect(windowed.hits.map((h) => (h.kind === 'article' ? `article ${h.articleId}` : `annotation ${h.annotationId}`))).toEqual(expected);
    // Ranking everything finds better-scored older matches the window left out.
    expect(all.hits[0]!.score).toBeGreaterThanOrEqual(windowed.hits[0]!.score);
    expect(all.hits.map((h) => `${h.kind}${h.articleId}/${h.annotationId}`)).not.toEqual(windowed.hits.map((h) => `${h.kind}${h.articleId}/${h.annotationId}`));
  });

  it('ranks everything for a page past the window, for a filtered search, and below the threshold', async () => {
    expect((await searchWith({ ...input, offset: 40 })).rankedWithin).toBeNull();
    expect((await searchWith({ ...input, outlet: 'Dawn' })).rankedWithin).toBeNull();
    const below = await searchWith(input, { rankAllUpTo: 1e9, window: 50 });
    expect(below.rankedWithin).toBeNull();
    // Below the threshold the count taken beside the window is the total; ranking all counts slice by slice: the same.
    expect(below.total).toBe((await searchWith({ ...input, rankAll: true })).total);
  });

  // Ranking every match must give exactly the page FTS5 itself ranks best: the bare
  // MATCH with the same column-weighted bm25 as the rank (rank MATCH sets it per query)
  // and ORDER BY rank LIMIT 20. The window's page differs for the common words, so this
  // library is big enough for the way the page is found to matter.
  it.each([
    ['a rare word', { query: 'chabahar' }, ''],
    ['a common word', { query: 'said' }, ''],
    ['a word in about half the articles', { query: 'talks' }, ''],
    ['a phrase', { query: '"the border"' }, ''],
    ['a word, one outlet', { query: 'said', outlet: 'Dawn' }, " AND +rowid IN (SELECT id FROM article WHERE outlet = 'Dawn' COLLATE NOCASE)"],
    ['a word, a date range', { query: 'talks', from: '2023-01-01', to: '2023-12-31' }, " AND +rowid IN (SELECT id FROM article WHERE published_at >= '2023-01-01' AND published_at < '2024-01-01')"],
  ])('ranking all, the top 20 articles for %s are those of the bare FTS5 query', async (_, query, filter) => {
    const bare = library.db
      .prepare(`SELECT rowid FROM article_fts WHERE article_fts MATCH ? AND rank MATCH 'bm25(10.0, 1.0)'${filter} ORDER BY rank LIMIT 20`)
      .pluck()
      .all(ftsQuery(query.query)) as number[];
    expect(bare.length).toBeGreaterThan(0);
    const page = await searchWith({ ...input, ...query, kinds: ['article'], rankAll: true });
    expect(page.rankedWithin).toBeNull();
    expect(page.hits.map((h) => h.articleId)).toEqual(bare);
    // On readers each slice counts its own matches: together they are every match.
    const matches = library.db.prepare(`SELECT count(*) FROM article_fts WHERE article_fts MATCH ?${filter}`).pluck().get(ftsQuery(query.query));
    expect(page.total).toBe(matches);
    if (page.total > limits.rankAllUpTo && !filter) {
      expect((await searchWith({ ...input, ...query, kinds: ['article'] })).hits.map((h) => h.articleId)).not.toEqual(bare);
    }
  });

  it('ranked these on the reader threads when given them (none fell back to the library connection)', () => {
    const given = readersOf();
    if (given) expect(given.answered).toBeGreaterThan(20);
    else expect(readers.answered).toBe(0);
  });

  it('is the default above 5,000 matches, and "rankAll" comes through the API', async () => {
    expect(RANK_LIMITS).toEqual({ rankAllUpTo: 5_000, window: 2_000 });
    const page = await search({ query: 'said', rankAll: true });
    expect(page.rankedWithin).toBeNull();
  });
});

describe('the command palette', () => {
  it('finds articles by title, claims, notebook pages, actors and sources as the user types', async () => {
    const results = await call(dispatch, 'search.palette', { text: 'bajwa vi' });
    expect(results.articles.map((h) => h.articleId)).toEqual([known.phrase!.id]);
    const partial = await call(dispatch, 'search.palette', { text: 'chaba' });
    expect(partial.articles.map((h) => h.articleId)).toEqual([known.title!.id]);
    const actors = await call(dispatch, 'search.palette', { text: 'qamar' });
    expect(actors.actors.map((a) => a.name)).toEqual(['Qamar Bajwa']);
    expect(actors.claims.map((c) => c.kind)).toEqual([]);
    const claims = await call(dispatch, 'search.palette', { text: 'iranian off' });
    expect(claims.claims.map((c) => c.kind)).toEqual(['claim']);
    const sources = await call(dispatch, 'search.palette', { text: 'geo' });
    expect(sources.sources.map((s) => s.name)).toEqual(['Geo News']);
    const notes = await call(dispatch, 'search.palette', { text: 'tehran vis' });
    expect(notes.notes.map((n) => n.title)).toEqual(['Tehran visit']);
    expect(await call(dispatch, 'search.palette', { text: '  ' })).toEqual({ articles: [], claims: [], notes: [], actors: [], sources: [] });
  });
});
