// The sample articles a new library starts with (seeds/ at the project root, shipped
// as app resources when packaged).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { convertPlainText } from './import/text.ts';
import { storeArticle } from './articles.ts';
import type { Library } from './library-handle.ts';

const SeedManifest = z.object({
  articles: z.array(
    z.object({
      file: z.string(),
      title: z.string().optional(),
      outlet: z.string().optional(),
      byline: z.string().optional(),
      url: z.string().optional(),
      publishedAt: z.string().optional(),
      language: z.string().optional(),
    }),
  ),
});

/** The seeds folder: CASEFILE_SEEDS_DIR (set by the packaged app), else the project's own. */
export function seedsDir(): string {
  if (process.env.CASEFILE_SEEDS_DIR) return process.env.CASEFILE_SEEDS_DIR;
  // Walk up from this file to the folder holding seeds/ (works from sources and from out/main).
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i += 1) {
    const candidate = path.join(dir, 'seeds');
    if (fs.existsSync(path.join(candidate, 'seeds.json'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('The seeds folder was not found.');
}

export function addSeedArticles(library: Library, dir = seedsDir()): number[] {
  const manifest = SeedManifest.parse(JSON.parse(fs.readFileSync(path.join(dir, 'seeds.json'), 'utf8')));
  const ids: number[] = [];
  for (const seed of manifest.articles) {
    const bytes = fs.readFileSync(path.join(dir, seed.file));
    const candidate = convertPlainText(new TextDecoder('utf-8').decode(bytes), { bytes, type: 'text/plain', name: seed.file });
    const { file: _file, ...overrides } = seed;
    candidate.metadata = { ...candidate.metadata, ...overrides };
    ids.push(storeArticle(library, candidate).id);
  }
  return ids;
}
