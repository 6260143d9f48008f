// Team sync on loopback: a throwaway PostgreSQL cluster, an owner's library of N articles
// and H highlights pushed by `join`, a new member joining it (seconds, MB moved), one
// highlight from save on A to visible on B through live sync (LISTEN/NOTIFY), 1,000 offline
// changes pushed in one sync, and the queries each sync sends.
import path from 'node:path';
import { createHash } from 'node:crypto';
import { phaseMain, type PhaseConfig } from '../lib/phase.ts';
import { dist, log, type Dist } from '../lib/stats.ts';
import { startCluster } from '../../main/team/testing/cluster.ts';
import { createTestTeam } from '../../main/team/testing/team.ts';
import { closeLibrary, edit, openTestLibrary, tempDir } from '../../main/team/testing/library.ts';
import { joinTeam } from '../../main/team/sync/team.ts';
import { syncLibrary } from '../../main/team/sync/engine.ts';
import { LiveSync } from '../../main/team/sync/live.ts';
import { newGid } from '../../common/ids.ts';
import { storedBody, storedOriginal } from '../../main/db/repositories/articles.ts';
import type { Db } from '../../main/db/db.ts';

interface Config extends PhaseConfig {
  articles: number;
  highlights: number;
  offlineChanges: number;
  latencyRuns: number;
}

export interface TeamResult {
  articles: number;
  highlights: number;
  ownerJoin: { seconds: number; rows: number; mbOut: number; queries: number };
  memberJoin: { seconds: number; rows: number; mbIn: number; queries: number };
  /** Save on A (the change set recorded) to the row present in B's library, live sync on both. */
  highlightLatencyMs: Dist;
  offline: { changes: number; seconds: number; queries: number; mbOut: number };
  /** A sync with nothing to send or receive. */
  idleSyncQueries: number;
  /**
   * The member's library after joining: the whole file, and what the team's own tables
   * (the copy of each synced row that conflicts are told from, the outbox, conflicts) take of it.
   */
  memberLibrary: { mb: number; teamMb: number };
}

/** The file's pages, and those of the team's tables and indexes (SQLite's dbstat). */
function teamShare(db: Db): { mb: number; teamMb: number } {
  const pages = (where: string) => db.prepare(`SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE ${where}`).pluck().get() as number;
  const mb = (bytes: number) => Math.round((bytes / 1e6) * 10) / 10;
  return { mb: mb(pages('1')), teamMb: mb(pages("name LIKE 'team\\_%' ESCAPE '\\' OR name LIKE 'sqlite_autoindex_team\\_%' ESCAPE '\\'")) };
}

const WORDS = 'the minister said embankment barrage discharge flood gauges river province district relief camp officials reported water levels rose sharply overnight villagers evacuated'.split(' ');

function text(i: number): string {
  const words: string[] = [];
  for (let w = 0; w < 260; w += 1) words.push(WORDS[(i * 7 + w * 13) % WORDS.length]!);
  return `Report ${i}: ${words.join(' ')}.`;
}

phaseMain<Config, TeamResult>(async (config) => {
  const cluster = await startCluster();
  const dir = tempDir();
  const a = openTestLibrary(path.join(dir, 'a.casefile'));
  const b = openTestLibrary(path.join(dir, 'b.casefile'));
  const liveSyncs: LiveSync[] = [];
  try {
    const team = await createTestTeam(cluster, { edith: 'editor' });
    log(`team: building ${config.articles} articles, ${config.highlights} highlights`);
    const perArticle = Math.ceil(config.highlights / config.articles);
    const now = new Date().toISOString();
    for (let start = 0; start < config.articles; start += 500) {
      edit(a.db, 'Bench articles', () => {
        const article = a.db.prepare('INSERT INTO article (gid, title, retrieved_at, text_sha256, created_at, updated_at, body, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
        const original = a.db.prepare('INSERT INTO article_original (gid, article_id, type, name, sha256, size, bytes) VALUES (?, ?, ?, ?, ?, ?, ?)');
        const highlight = a.db.prepare(
          "INSERT INTO annotation (gid, article_id, kind, quote_exact, start_offset, end_offset, note, created_at, updated_at) VALUES (?, ?, 'highlight', ?, ?, ?, '', ?, ?)",
        );
        for (let i = start; i < Math.min(config.articles, start + 500); i += 1) {
          const t = text(i);
          const body = JSON.stringify({ root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text: t }] }] } });
          const id = Number(article.run(newGid(), `Report ${i}`, now, createHash('sha256').update(t).digest('hex'), now, now, storedBody(body, t), t).lastInsertRowid);
          const bytes = Buffer.from(t);
          original.run(newGid(), id, 'text/plain', `report-${i}.txt`, createHash('sha256').update(bytes).digest('hex'), bytes.length, storedOriginal(bytes));
          for (let h = 0; h < perArticle && i * perArticle + h < config.highlights; h += 1) highlight.run(newGid(), id, t.slice(h * 20, h * 20 + 15), h * 20, h * 20 + 15, now, now);
        }
      });
    }
    let t = performance.now();
    const ownerJoin = await joinTeam(a.db, team.owner.url, { password: team.owner.password });
    const ownerSeconds = (performance.now() - t) / 1000;
    log(`team: owner join ${ownerSeconds.toFixed(1)} s, ${ownerJoin.pushed} rows`);
    t = performance.now();
    const memberJoin = await joinTeam(b.db, team.members.edith!.url, { password: team.members.edith!.password });
    const memberSeconds = (performance.now() - t) / 1000;
    log(`team: member join ${memberSeconds.toFixed(1)} s, ${memberJoin.pulled} rows`);
    const idle = await syncLibrary(b.db, { password: team.members.edith!.password });
    const memberLibrary = teamShare(b.db);
    log(`team: member library ${memberLibrary.mb} MB, of which the team's tables ${memberLibrary.teamMb} MB`);

    // Live: both sides run the app's live sync; A saves a highlight, B's library has it.
    const liveA = new LiveSync(a.db, { password: team.owner.password, intervalMs: 3_600_000, debounceMs: 0 });
    const liveB = new LiveSync(b.db, { password: team.members.edith!.password, intervalMs: 3_600_000, debounceMs: 0 });
    liveSyncs.push(liveA, liveB);
    await liveA.start();
    await liveB.start();
    const articleId = a.db.prepare('SELECT id FROM article LIMIT 1').pluck().get() as number;
    const seen = b.db.prepare('SELECT 1 FROM annotation WHERE gid = ?');
    const latencies: number[] = [];
    for (let run = 0; run < config.latencyRuns; run += 1) {
      const gid = newGid();
      const saved = performance.now();
      edit(a.db, 'Highlight', () => {
        a.db
          .prepare("INSERT INTO annotation (gid, article_id, kind, quote_exact, start_offset, end_offset, note, created_at, updated_at) VALUES (?, ?, 'highlight', 'Report', 0, 6, ?, ?, ?)")
          .run(gid, articleId, `live ${run}`, now, now);
      });
      while (!seen.get(gid)) {
        if (performance.now() - saved > 30_000) throw new Error('a highlight did not arrive within 30 s');
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      latencies.push(performance.now() - saved);
    }
    await liveA.stop();
    await liveB.stop();

    // A week offline on B: many changes, one sync.
    const bArticle = b.db.prepare('SELECT id FROM article LIMIT 1').pluck().get() as number;
    for (let i = 0; i < config.offlineChanges; i += 1) {
      edit(b.db, 'Offline highlight', () => {
        b.db
          .prepare("INSERT INTO annotation (gid, article_id, kind, quote_exact, start_offset, end_offset, note, created_at, updated_at) VALUES (?, ?, 'highlight', 'Report', 0, 6, ?, ?, ?)")
          .run(newGid(), bArticle, `offline ${i}`, now, now);
      });
    }
    t = performance.now();
    const offline = await syncLibrary(b.db, { password: team.members.edith!.password });
    const offlineSeconds = (performance.now() - t) / 1000;
    const mb = (bytes: number) => Math.round((bytes / 1e6) * 10) / 10;
    return {
      articles: config.articles,
      highlights: config.highlights,
      ownerJoin: { seconds: ownerSeconds, rows: ownerJoin.pushed, mbOut: mb(ownerJoin.bytesOut), queries: ownerJoin.queries },
      memberJoin: { seconds: memberSeconds, rows: memberJoin.pulled, mbIn: mb(memberJoin.bytesIn), queries: memberJoin.queries },
      highlightLatencyMs: dist(latencies),
      offline: { changes: offline.pushed, seconds: offlineSeconds, queries: offline.queries, mbOut: mb(offline.bytesOut) },
      idleSyncQueries: idle.queries,
      memberLibrary,
    };
  } finally {
    for (const live of liveSyncs) await live.stop();
    closeLibrary(a);
    closeLibrary(b);
    cluster.stop();
  }
});
