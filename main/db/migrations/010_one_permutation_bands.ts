// Story bands from a one-permutation MinHash (main/db/minhash.ts): one hash per shingle
// instead of 64, the costliest step of preparing an imported article. Bands are only ever
// compared with bands, so every stored one is computed again the new way; links already
// suggested, confirmed or dismissed stay as they are.
import { storeBandsOfEveryArticle } from './story-bands.ts';
import type { Migration } from './types.ts';

export const migration010: Migration = {
  version: 10,
  name: 'story bands from a one-permutation MinHash',
  up(db) {
    db.exec('DELETE FROM article_story_band');
    storeBandsOfEveryArticle(db);
  },
};
