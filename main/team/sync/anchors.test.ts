// Re-anchoring's bookkeeping under sync, without a server: what a pull of a whole team
// library hands it must not overflow SQLite's limit on statement parameters.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newGid } from '../../../common/ids.ts';
import { mutate } from '../../db/mutation.ts';
import { closeLibrary, openTestLibrary, tempDir } from '../testing/library.ts';
import { AnchorWork } from './anchors.ts';

describe('re-anchoring after a pull', () => {
  it('takes the highlights of a whole team library at once (more than SQLite allows as parameters)', () => {
    const library = openTestLibrary(path.join(tempDir(), 'join.casefile'));
    try {
      const work = new AnchorWork(library.db);
      for (let i = 0; i < 40_000; i += 1) work.pulled(newGid(), undefined, true);
      const { changeSet } = mutate(library.db, { label: 'Sync: 40,000 changes from the team', origin: 'sync' }, (db) => work.apply(db));
      expect(changeSet).toBeNull();
    } finally {
      closeLibrary(library);
    }
  });
});
