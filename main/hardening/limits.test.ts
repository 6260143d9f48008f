// Limits, through the API's dispatch (schema validation, services, SQLite): a whole long
// article as one highlight, a 2,000-character title, and a clear message naming the field
// for every input beyond a limit. The 50 MB paste and the 10,000 highlights in one article
// (created through the service, listed through the API, opened in the reader) are in
// e2e/hostile/limits.spec.ts, end to end in browser mode.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../api/dispatch.ts';
import { checkLibrary, closeLibrary, openLibrarySession, type Library } from '../services/library.ts';
import { tempDir } from '../testing/temp.ts';
import { importInputs } from '../services/import/importer.ts';

const WORDS = ['border', 'talks', 'ceasefire', 'ministry', 'statement', 'officials', 'province', 'mediation', 'delegation', 'security', 'trade', 'crossing'];

/** An article of `words` words in paragraphs of about 120. */
export function longArticleText(words: number, title = 'A twenty-thousand-word report'): string {
  const paragraphs: string[] = [title];
  for (let w = 0; w < words; w += 120) {
    paragraphs.push(Array.from({ length: Math.min(120, words - w) }, (_, i) => WORDS[(w + i * 7) % WORDS.length]).join(' ') + ` (paragraph ${w / 120 + 1}).`);
  }
  return paragraphs.join('\n\n');
}

function setup(): { library: Library; dispatch: Dispatch } {
  const library = openLibrarySession(path.join(tempDir(), 'Limits.casefile'), { create: true, seed: false });
  return { library, dispatch: createDispatcher(() => ({ library }), { logInternalError: () => undefined }) };
}

async function importText(library: Library, text: string): Promise<number> {
  const [outcome] = await importInputs(library, [{ kind: 'paste', content: text, format: 'text' }]);
  expect(outcome).toMatchObject({ status: 'imported' });
  return outcome!.articleId!;
}

async function refusal(dispatch: Dispatch, method: string, input: unknown) {
  const result = await dispatch(method, input);
  if (result.ok) throw new Error(`${method} was accepted`);
  return result.error;
}

describe('limits', () => {
  it('a whole 20,000-word article as one highlight', async () => {
    const { library, dispatch } = setup();
    const id = await importText(library, longArticleText(20_000));
    const text = (library.db.prepare('SELECT text FROM article WHERE id = ?').get(id) as { text: string }).text;
    expect(text.split(/\s+/).length).toBeGreaterThan(20_000);
    const created = await dispatch('annotations.create', { articleId: id, kind: 'claim', target: { start: 0, end: text.length }, note: 'all of it' });
    expect(created).toMatchObject({ ok: true, value: { start: 0, end: text.length, anchorStatus: 'exact' } });
    const listed = await dispatch('annotations.list', { articleId: id });
    expect(listed.ok && (listed.value as { quote: { exact: string } }[])[0]!.quote.exact).toBe(text);
    // One past the end is refused with the range and the text's length.
    const beyond = await refusal(dispatch, 'annotations.create', { articleId: id, kind: 'claim', target: { start: 0, end: text.length + 1 } });
    expect(beyond).toMatchObject({ code: 'INVALID_INPUT', detail: `The range 0-${text.length + 1} is not inside the article's text (0-${text.length}).` });
    expect(checkLibrary(library).ok).toBe(true);
    closeLibrary(library);
  });

  it('a 2,000-character title: imported whole, set in full through the API; 2,001 is refused naming the field', async () => {
    const { library, dispatch } = setup();
    const title = `A very long headline ${'about the border talks '.repeat(100)}`.slice(0, 2_000);
    expect(title).toHaveLength(2_000);
    const [outcome] = await importInputs(library, [{ kind: 'bytes', name: 'long-title.html', bytes: new TextEncoder().encode(`<!doctype html><html><head><title>${title}</title></head><body><article><p>${longArticleText(300, '')}</p></article></body></html>`) }]);
    expect(outcome).toMatchObject({ status: 'imported' });
    const imported = await dispatch('articles.get', { id: outcome!.articleId });
    const importedTitle = imported.ok ? (imported.value as { title: string }).title : '';
    expect(importedTitle).toBe(title);

    const updated = await dispatch('articles.updateMetadata', { id: outcome!.articleId, metadata: { title } });
    expect(updated).toMatchObject({ ok: true, value: { title } });
    const tooLong = await refusal(dispatch, 'articles.updateMetadata', { id: outcome!.articleId, metadata: { title: `${title}x` } });
    expect(tooLong).toMatchObject({ code: 'INVALID_INPUT', issues: [{ field: 'metadata.title' }] });
    expect((await dispatch('articles.get', { id: outcome!.articleId })).ok && ((await dispatch('articles.get', { id: outcome!.articleId })) as { value: { title: string } }).value.title).toBe(title);
    closeLibrary(library);
  });

  it('inputs beyond a limit are refused with a message naming the field, and change nothing', async () => {
    const { library, dispatch } = setup();
    const id = await importText(library, longArticleText(500, 'A short report'));
    const before = library.db.prepare('SELECT count(*) FROM annotation').pluck().get();
    const cases: [string, unknown, string][] = [
      ['import.paste', { content: 'x'.repeat(60_000_001), format: 'text' }, 'content'],
      ['annotations.create', { articleId: id, kind: 'highlight', target: { start: 0, end: 5 }, note: 'n'.repeat(100_001) }, 'note'],
      ['annotations.create', { articleId: id, kind: 'highlight', target: { quote: 'q'.repeat(20_001) } }, 'target'],
      ['annotations.create', { articleId: id, kind: 'claim', target: { start: 0, end: 5 }, claimants: Array.from({ length: 51 }, (_, i) => ({ name: `Actor ${i}` })) }, 'claimants'],
      ['annotations.create', { articleId: id, kind: 'actor', target: { start: 0, end: 5 }, entity: { name: 'A'.repeat(301) } }, 'entity'],
      ['import.files', { files: Array.from({ length: 201 }, (_, i) => ({ name: `f${i}.txt`, data: 'eA==' })) }, 'files'],
      ['import.files', { files: [{ name: 'n'.repeat(1_001), data: 'eA==' }] }, 'files.0.name'],
      ['import.url', { url: `https://example.org/${'a'.repeat(8_000)}` }, 'url'],
      ['articles.updateMetadata', { id, metadata: { byline: 'b'.repeat(1_001) } }, 'metadata.byline'],
      ['articles.updateMetadata', { id, metadata: { outlet: 'o'.repeat(501) } }, 'metadata.outlet'],
    ];
    for (const [method, input, field] of cases) {
      const error = await refusal(dispatch, method, input);
      expect(error.code, `${method} ${field}`).toBe('INVALID_INPUT');
      expect(error.issues?.map((i) => i.field).join(' '), `${method} names ${field}`).toContain(field);
      expect(error.issues?.every((i) => i.reason.length > 0)).toBe(true);
    }
    // Within the schema's 60,000,000 characters but over the 50 MB import limit: refused by the importer, naming the limit.
    const overImportLimit = await refusal(dispatch, 'import.paste', { content: 'word '.repeat(10_500_000), format: 'text' });
    expect(overImportLimit).toMatchObject({ code: 'IMPORT_FAILED', detail: 'The pasted content is larger than the 50 MB import limit.' });
    expect(library.db.prepare('SELECT count(*) FROM annotation').pluck().get()).toBe(before);
    expect(library.db.prepare('SELECT count(*) FROM article').pluck().get()).toBe(1);
    closeLibrary(library);
  });
});
