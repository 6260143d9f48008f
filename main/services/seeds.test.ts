import { describe, expect, it } from 'vitest';
import { tempLibrary } from '../testing/temp.ts';
import { getArticle, listArticles } from './articles.ts';
import { sha256Hex } from '../db/sha256.ts';
import fs from 'node:fs';
import path from 'node:path';
import { seedsDir } from './seeds.ts';

describe('the seed library', () => {
  it('gives a new library both sample articles with titles and the outlet where known', () => {
    const library = tempLibrary();
    const { items, total } = listArticles(library, { offset: 0, limit: 10, sort: 'title' });
    expect(total).toBe(2);
    expect(items.map((a) => [a.title, a.outlet])).toEqual([
      ['Pakistan Looks to Iran as Qatari and Turkish Mediation With the Afghan Taliban Falters', null],
      ['Taliban, Pakistan Enter Tentative Rapprochement Amid Mutual Distrust', 'DID Press'],
    ]);
  });

  it("drops the DID Press article's scraped category line and comment footer, and keeps its prose", () => {
    const library = tempLibrary();
    const article = listArticles(library, { offset: 0, limit: 10, sort: 'title' }).items.find((a) => a.outlet === 'DID Press')!;
    const { text } = getArticle(library, article.id);
    expect(text.startsWith('DID Press: Relations between the Taliban in Afghanistan and Pakistan')).toBe(true);
    expect(text).not.toMatch(/AnalysisAnalysis|Leave a Reply|Back to top|Required fields/);
    expect(text).toContain('Pakistan accuses the Taliban of supporting or tolerating Tehrik-i-Taliban Pakistan (TTP) activities');
    expect(text.endsWith('tangible cooperation to build mutual confidence.')).toBe(true);
  });

  it('keeps every paragraph of the untitled article and the original files byte-for-byte as evidence', () => {
    const library = tempLibrary();
    for (const summary of listArticles(library, { offset: 0, limit: 10, sort: 'title' }).items) {
      const article = getArticle(library, summary.id);
      const original = fs.readFileSync(path.join(seedsDir(), article.original!.name!));
      expect(article.original!.sha256).toBe(sha256Hex(original));
      expect(article.textSha256).toBe(sha256Hex(article.text));
    }
    const iran = getArticle(library, listArticles(library, { offset: 0, limit: 10, sort: 'title' }).items[0]!.id);
    expect(iran.text.split('\n\n')).toHaveLength(5);
    expect(iran.text.startsWith('As Pakistan grapples with heightened conflict')).toBe(true);
  });
});
