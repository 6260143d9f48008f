// The stored story bands of every article, computed from its text as main/db/minhash.ts
// computes them now: how migration 005 gave existing articles their bands and how
// migration 010 computed them again for the one-permutation signature.
import type { Database } from 'better-sqlite3';
import { bandHashes, signature } from '../minhash.ts';

export function storeBandsOfEveryArticle(db: Database): void {
  const insert = db.prepare('INSERT OR IGNORE INTO article_story_band (band, hash, article_id) VALUES (?, ?, ?)');
  // A page of texts at a time: a statement cannot write while another iterates, and a
  // large library's texts do not all fit in memory at once.
  const page = db.prepare('SELECT id, text FROM article WHERE id > ? ORDER BY id LIMIT 500');
  for (let after = 0; ; ) {
    const rows = page.all(after) as { id: number; text: string }[];
    if (rows.length === 0) break;
    for (const row of rows) {
      const sig = signature(row.text);
      if (sig) bandHashes(sig).forEach((hash, band) => insert.run(band, hash, row.id));
    }
    after = rows[rows.length - 1]!.id;
  }
}
