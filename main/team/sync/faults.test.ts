// Faults during sync: a lost acknowledgement, the server restarted mid-push, the client
// killed with SIGKILL mid-sync, a removed member, a week offline. Nothing is lost and
// nothing is applied twice.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable, startCluster, type Cluster } from '../testing/cluster.ts';
import { createTestTeam, type TestTeam } from '../testing/team.ts';
import { addArticle, addHighlight, closeLibrary, edit, openTestLibrary, snapshot, tempDir } from '../testing/library.ts';
import { connectTeam } from '../server/connect.ts';
import { removeMember } from '../server/members.ts';
import type { Library } from '../../services/library.ts';
import { syncLibrary } from './engine.ts';
import { joinTeam } from './team.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const KILLS = Number(process.env.CASEFILE_TEAM_KILLS ?? (process.env.CASEFILE_SOAK ? 20 : 5));

describe.skipIf(!postgresAvailable)('team sync under faults', () => {
  let cluster: Cluster;
  let team: TestTeam;
  let a: Library;
  let b: Library;
  let raw: pg.Client;
  let dir: string;
  let articleA: number;
  const syncA = () => syncLibrary(a.db, { password: team.owner.password });
  const syncB = () => syncLibrary(b.db, { password: team.members.edith!.password });
  const serverCount = async (sql: string) => Number((await raw.query(sql)).rows[0].n);

  beforeAll(async () => {
    cluster = await startCluster();
    team = await createTestTeam(cluster, { edith: 'editor', rex: 'viewer' });
    dir = tempDir();
    a = openTestLibrary(path.join(dir, 'a.casefile'));
    b = openTestLibrary(path.join(dir, 'b.casefile'));
    articleA = addArticle(a.db, 'Barrage report', 'Gauges at Guddu and Sukkur recorded the highest discharge since 2010. '.repeat(20)).id;
    await joinTeam(a.db, team.owner.url, { password: team.owner.password });
    await joinTeam(b.db, team.members.edith!.url, { password: team.members.edith!.password });
    raw = await team.raw(team.owner);
  });
  afterAll(async () => {
    await raw?.end().catch(() => {});
    if (a) closeLibrary(a);
    if (b) closeLibrary(b);
    cluster?.stop();
  });

  it('acknowledges a push whose answer was lost, without applying it twice', async () => {
    for (let i = 0; i < 10; i += 1) addHighlight(a.db, articleA, 'Guddu', 'highlight', `lost ack ${i}`);
    const before = await serverCount('SELECT count(*) AS n FROM casefile.change_set');
    await expect(
      syncLibrary(a.db, {
        password: team.owner.password,
        onStep: (step) => {
          if (step === 'pushed-before-ack') throw new Error('connection lost after commit');
        },
      }),
    ).rejects.toThrow();
    expect(await serverCount('SELECT count(*) AS n FROM casefile.change_set')).toBe(before + 1);
    const again = await syncA();
    expect(again.pushed).toBe(0);
    expect(await serverCount('SELECT count(*) AS n FROM casefile.change_set')).toBe(before + 1);
    await syncB();
    expect(snapshot(b.db)).toEqual(snapshot(a.db));
  });

  it('survives a server restart in the middle of a push', async () => {
    for (let i = 0; i < 20; i += 1) addHighlight(b.db, articleOf(b, 'Barrage report'), 'Sukkur', 'highlight', `restart ${i}`);
    await expect(
      syncLibrary(b.db, {
        password: team.members.edith!.password,
        onStep: (step) => {
          if (step === 'outbox-written') cluster.restart();
        },
      }),
    ).rejects.toMatchObject({ code: 'TEAM_UNREACHABLE' });
    await raw.end().catch(() => {});
    raw = await team.raw(team.owner);
    await syncB();
    await syncA();
    expect(snapshot(a.db)).toEqual(snapshot(b.db));
    expect(a.db.prepare("SELECT count(*) FROM annotation WHERE note LIKE 'restart %'").pluck().get()).toBe(20);
  });

  it(`loses and duplicates nothing when the client is killed with SIGKILL during sync (${KILLS} kills)`, async () => {
    const file = path.join(dir, 'b.casefile');
    closeLibrary(b);
    const addBatch = (round: number) => {
      const lib = openTestLibrary(file);
      edit(lib.db, 'Batch of highlights', () => {
        const articleId = articleOf(lib, 'Barrage report');
        for (let i = 0; i < 150; i += 1) {
          lib.db
            .prepare(
              `INSERT INTO annotation (gid, article_id, kind, quote_exact, start_offset, end_offset, note, created_at, updated_at)
               VALUES (casefile_gid(), ?, 'highlight', 'Guddu', 10, 15, ?, ?, ?)`,
            )
            .run(articleId, `kill ${round} #${i}`, new Date().toISOString(), new Date().toISOString());
        }
      });
      closeLibrary(lib);
    };
    const runSync = (killAfterMs: number | null) => {
      const started = Date.now();
      const child = spawn(process.execPath, [path.join(root, 'bin/casefile.mjs'), '--library', file, 'team', 'sync'], {
        env: { ...process.env, PGPASSWORD: team.members.edith!.password },
        stdio: 'ignore',
      });
      const exited = new Promise<{ ms: number; killed: boolean; code: number | null }>((resolve) =>
        child.once('exit', (code, signal) => resolve({ ms: Date.now() - started, killed: signal === 'SIGKILL' && code === null, code })),
      );
      if (killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      return exited;
    };
    // One sync left to finish shows how long a whole one takes; the kills land inside that span.
    addBatch(-1);
    const whole = await runSync(null);
    expect(whole.code).toBe(0);
    let killedMidway = 0;
    for (let kill = 0; kill < KILLS; kill += 1) {
      addBatch(kill);
      const outcome = await runSync(Math.floor(whole.ms * (0.4 + 0.6 * Math.random())));
      if (outcome.killed) killedMidway += 1;
    }
    process.stdout.write(`team kill test: ${killedMidway} of ${KILLS} syncs killed before they finished (a whole sync took ${whole.ms} ms)\n`);
    expect(killedMidway).toBeGreaterThan(0);
    b = openTestLibrary(file);
    await syncB();
    await syncA();
    expect(snapshot(a.db)).toEqual(snapshot(b.db));
    expect(a.db.prepare("SELECT count(*) FROM annotation WHERE note LIKE 'kill %'").pluck().get()).toBe((KILLS + 1) * 150);
    expect(await serverCount("SELECT count(*) AS n FROM casefile.row WHERE data->>'note' LIKE 'kill %'")).toBe((KILLS + 1) * 150);
  }, 300_000);

  it('syncs a week offline (1,000 changes) in one go', async () => {
    const articleId = articleOf(b, 'Barrage report');
    for (let i = 0; i < 1000; i += 1) addHighlight(b.db, articleId, 'Sukkur', 'highlight', `offline ${i}`);
    const report = await syncB();
    expect(report.pushed).toBe(1000);
    expect(report.queries).toBeLessThan(20);
    await syncA();
    expect(snapshot(a.db)).toEqual(snapshot(b.db));
  });

  it('refuses a removed member', async () => {
    const viewer = openTestLibrary(path.join(dir, 'rex.casefile'));
    try {
      await joinTeam(viewer.db, team.members.rex!.url, { password: team.members.rex!.password });
      const client = await connectTeam(team.owner.url, { password: team.owner.password });
      await removeMember(client, team.library, 'rex');
      await client.end();
      await expect(syncLibrary(viewer.db, { password: team.members.rex!.password })).rejects.toMatchObject({ code: 'TEAM_REFUSED' });
    } finally {
      closeLibrary(viewer);
    }
  });
});

function articleOf(library: Library, title: string): number {
  return library.db.prepare('SELECT id FROM article WHERE title = ?').pluck().get(title) as number;
}
