// The reader's worst realistic case and a notebook page to type in, added to a bench
// library through the services: a 20,000-word article (the corpus's prose, imported
// as a text file) with 1,000 highlights (every fourth a 25-word claim overlapping the
// next one, as an actor inside a claim), and a long notebook page quoting some of them.
import fs from 'node:fs';
import path from 'node:path';
import { annotationQuote, documentOf, heading, paragraph, textNode, type SerializedNode } from '../../common/text/document.ts';
import { createAnnotation } from '../../main/services/annotations.ts';
import { storeArticle } from '../../main/services/articles.ts';
import { convertFile } from '../../main/services/import/convert.ts';
import type { Library } from '../../main/services/library.ts';
import { createNote } from '../../main/services/notes.ts';
import { generateArticle, toText, type GeneratedArticle } from './corpus.ts';

export const BIG_TITLE = 'Bench report: twenty thousand words with a thousand highlights';
export const NOTE_TITLE = 'Bench notebook page';

export interface BigFixture {
  articleId: number;
  title: string;
  words: number;
  highlights: number;
  text: string;
  /** Highlight ranges in the canonical text. */
  ranges: { id: number; start: number; end: number }[];
  noteId: number;
  noteWords: number;
}

/** English prose of the corpus, joined from articles far past the ones imported, up to `words`. */
function bigArticle(seed: number, words: number): GeneratedArticle {
  const blocks: GeneratedArticle['blocks'] = [];
  let count = 0;
  for (let i = 5_000_000; count < words; i += 1) {
    const a = generateArticle(seed, i);
    if (a.language !== 'en') continue;
    for (const b of a.blocks) {
      if (count >= words) break;
      const n = b.text.split(' ').length;
      blocks.push(count + n > words && b.type === 'p' ? { type: 'p', text: b.text.split(' ').slice(0, words - count).join(' ') } : b);
      count += Math.min(n, words - count);
    }
  }
  const base = generateArticle(seed, 5_000_000);
  return { ...base, title: BIG_TITLE, blocks, words: count, annotations: [] };
}

export async function ensureBigFixture(library: Library, seed: number, workDir: string, words = 20_000, highlights = 1_000): Promise<BigFixture> {
  const { db } = library;
  let articleId = db.prepare('SELECT id FROM article WHERE title = ?').pluck().get(BIG_TITLE) as number | undefined;
  if (articleId === undefined) {
    const file = path.join(workDir, `big-${words}.txt`);
    fs.mkdirSync(workDir, { recursive: true });
    fs.writeFileSync(file, toText(bigArticle(seed, words)));
    const candidate = await convertFile(new Uint8Array(fs.readFileSync(file)), path.basename(file));
    articleId = db.transaction(() => storeArticle(library, candidate).id)();
  }
  const text = db.prepare('SELECT text FROM article WHERE id = ?').pluck().get(articleId) as string;
  const have = db.prepare('SELECT count(*) FROM annotation WHERE article_id = ?').pluck().get(articleId) as number;
  if (have === 0) {
    const spans = [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    const kinds = ['actor', 'source', 'highlight', 'claim'] as const;
    const step = Math.floor(spans.length / highlights);
    db.transaction(() => {
      for (let i = 0; i < highlights; i += 1) {
        const w = i * step;
        const kind = kinds[i % 4]!;
        const length = kind === 'claim' ? 25 : 1 + (i % 3);
        const end = spans[Math.min(w + length - 1, spans.length - 1)]!.end;
        createAnnotation(library, { articleId: articleId, kind, target: { start: spans[w]!.start, end } });
      }
    })();
  }
  const ranges = db.prepare('SELECT id, start_offset AS start, end_offset AS end FROM annotation WHERE article_id = ? ORDER BY start_offset').all(articleId) as BigFixture['ranges'];

  let noteId = db.prepare('SELECT id FROM note WHERE title = ?').pluck().get(NOTE_TITLE) as number | undefined;
  if (noteId === undefined) {
    // A long working page: 40 paragraphs of prose, headings, and ten quoted claims.
    const prose = generateArticle(seed, 5_000_001).blocks.filter((b) => b.type === 'p').map((b) => b.text);
    const claims = ranges.filter((_, i) => i % 4 === 3).slice(0, 10);
    const blocks: SerializedNode[] = [];
    for (let i = 0; i < 40; i += 1) {
      if (i % 8 === 0) blocks.push(heading('h2', [textNode(`Section ${i / 8 + 1}`)]));
      blocks.push(paragraph([textNode(prose[i % prose.length]!)]));
      const c = claims[i % 4 === 1 ? Math.floor(i / 4) : -1];
      if (c) blocks.push(annotationQuote({ annotationId: c.id, articleId, quote: text.slice(c.start, c.end), articleTitle: BIG_TITLE }));
    }
    noteId = createNote(library, { title: NOTE_TITLE, body: documentOf(blocks) }).id;
  }
  const noteText = db.prepare('SELECT text FROM note WHERE id = ?').pluck().get(noteId) as string;
  return {
    articleId,
    title: BIG_TITLE,
    words: text.split(/\s+/).filter(Boolean).length,
    highlights: ranges.length,
    text,
    ranges,
    noteId,
    noteWords: noteText.split(/\s+/).filter(Boolean).length,
  };
}
