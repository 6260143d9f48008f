// Story bands from a one-permutation MinHash (main/db/minhash.ts): one hash per shingle
// instead of 64, the costliest step of preparing an imported article. Bands are only ever
// compared with bands, so every stored one is computed again the new way; links already
// suggested, confirmed or dismissed stay as they are.
import { bandHashes, signature } from '../minhash.ts';
import type { Migration } from './types.ts';

export const migration010: Migration = {
  version: 10,
  name: 'story bands from a one-permutation MinHash',
  up(db) {
    db.exec('DELETE FROM article_story_band');
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
  },
};
