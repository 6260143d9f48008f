// Live sync: a teammate's change arrives by LISTEN/NOTIFY (no polling: the interval is set
// far beyond the test), and a local change is pushed without being asked.
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { postgresAvailable, startCluster, type Cluster } from '../testing/cluster.ts';
import { createTestTeam, type TestTeam } from '../testing/team.ts';
import { addArticle, addHighlight, closeLibrary, openTestLibrary, tempDir } from '../testing/library.ts';
import type { Library } from '../../services/library.ts';
import { joinTeam } from './team.ts';
import { LiveSync, type SyncIndicator } from './live.ts';

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.skipIf(!postgresAvailable)('live team sync (LISTEN/NOTIFY)', () => {
  let cluster: Cluster;
  let team: TestTeam;
  let a: Library;
  let b: Library;
  let liveA: LiveSync;
  let liveB: LiveSync;
  const indicatorsB: SyncIndicator[] = [];

  beforeAll(async () => {
    cluster = await startCluster();
    team = await createTestTeam(cluster, { edith: 'editor' });
    const dir = tempDir();
    a = openTestLibrary(path.join(dir, 'a.casefile'));
    b = openTestLibrary(path.join(dir, 'b.casefile'));
    addArticle(a.db, 'Report', 'Gauges at Guddu recorded the highest discharge.');
    await joinTeam(a.db, team.owner.url, { password: team.owner.password });
    await joinTeam(b.db, team.members.edith!.url, { password: team.members.edith!.password });
    liveA = new LiveSync(a.db, { password: team.owner.password, intervalMs: 3_600_000, debounceMs: 20 });
    liveB = new LiveSync(b.db, { password: team.members.edith!.password, intervalMs: 3_600_000, debounceMs: 20, onIndicator: (i) => indicatorsB.push(i) });
    await liveA.start();
    await liveB.start();
  });
  afterAll(async () => {
    await liveA?.stop();
    await liveB?.stop();
    if (a) closeLibrary(a);
    if (b) closeLibrary(b);
    cluster?.stop();
  });

  it("shows a teammate's highlight without a sync being asked for, and says it is up to date", async () => {
    const article = a.db.prepare('SELECT id FROM article').pluck().get() as number;
    const h = addHighlight(a.db, article, 'Guddu', 'highlight', 'live');
    await until(() => b.db.prepare('SELECT 1 FROM annotation WHERE gid = ?').get(h.gid) !== undefined, 'the highlight on B');
    await until(() => indicatorsB.at(-1)?.state === 'up-to-date', 'B up to date');
  });

  it('pushes a local change by itself, both ways', async () => {
    const article = b.db.prepare('SELECT id FROM article').pluck().get() as number;
    const h = addHighlight(b.db, article, 'discharge', 'highlight', 'from B');
    await until(() => a.db.prepare('SELECT 1 FROM annotation WHERE gid = ?').get(h.gid) !== undefined, 'the highlight on A');
  });
});
