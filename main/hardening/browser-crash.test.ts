// Crash safety on the path users take: browser mode (the server the desktop app's main
// process runs, the same dispatch and services) saving highlights through its HTTP API as
// fast as it answers, killed with SIGKILL at a random moment, as a power cut or a crash
// would, and started again on the same library, again and again. After every restart the
// library must open (no refusal: the interrupted-checkpoint state among others, see
// main/db/file-check.ts), pass `library.check`, and hold every highlight whose save was
// answered, unchanged; nothing may appear that was not asked for.
//
// Default (npm test): 50 kills. `npm run test:soak` (CASEFILE_SOAK=1): 1,000 kills.
// CASEFILE_BROWSER_KILLS=N sets the kills, CASEFILE_CRASH_SEED=S replays a run.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../common/api/methods/annotations.ts';
import type { LibraryCheck, LibraryInfo } from '../../common/api/methods/library.ts';
import { invokeBrowserMode, startBrowserMode, type BrowserMode } from '../server/launch.ts';
import { closeLibrary, openLibrarySession } from '../services/library.ts';
import { tempDir } from '../testing/temp.ts';
import { randomFrom } from './helpers.ts';

const SOAK = process.env.CASEFILE_SOAK === '1';
const KILLS = Number(process.env.CASEFILE_BROWSER_KILLS ?? (SOAK ? 1_000 : 50));
const SEED = Number(process.env.CASEFILE_CRASH_SEED ?? Date.now() % 1_000_000) >>> 0 || 1;
/** Saves in flight at once: the renderer saves as the user tags, and a user can tag faster than one round trip. */
const WRITERS = 3;

interface Saved {
  articleId: number;
  start: number;
  end: number;
  note: string;
}

/** Every highlight in the library, through the API, a page at a time. */
async function allHighlights(server: BrowserMode, articleIds: number[]): Promise<Map<number, Annotation>> {
  const all = new Map<number, Annotation>();
  for (const articleId of articleIds) {
    for (let offset = 0; ; offset += 5_000) {
      const page = await invokeBrowserMode<Annotation[]>(server.appUrl, 'annotations.list', { articleId, offset, limit: 5_000 });
      for (const a of page) all.set(a.id, a);
      if (page.length < 5_000) break;
    }
  }
  return all;
}

/** The given highlights, through the API (annotations.get, one by one: gone ones are left out). */
async function someHighlights(server: BrowserMode, ids: Iterable<number>): Promise<Map<number, Annotation>> {
  const found = new Map<number, Annotation>();
  for (const id of ids) {
    try {
      found.set(id, await invokeBrowserMode<Annotation>(server.appUrl, 'annotations.get', { id }));
    } catch {
      // Not found: counted as lost by the caller.
    }
  }
  return found;
}

describe('crash safety of browser mode (SIGKILL while saving highlights)', () => {
  it(`killed ${KILLS} times while saving: every restart opens, passes check and holds every acknowledged highlight`, async () => {
    const random = randomFrom(SEED);
    const library = path.join(tempDir('casefile-browser-crash-'), 'Research.casefile');
    const created = openLibrarySession(library, { create: true, dailyBackup: false });
    const articles = created.db.prepare('SELECT id, length(text) AS length FROM article ORDER BY id').all() as { id: number; length: number }[];
    closeLibrary(created);

    const acknowledged = new Map<number, Saved>();
    const started = performance.now();
    let refusedOpens = 0;
    let lost = 0;
    let inFlightAtKills = 0;
    let sequence = 0;
    /** Highlights acknowledged since the last restart. */
    const lastRun = new Set<number>();

    for (let kill = 0; kill <= KILLS; kill += 1) {
      let server: BrowserMode;
      try {
        server = await startBrowserMode({ library });
      } catch (error) {
        refusedOpens += 1;
        throw new Error(`restart ${kill} (seed ${SEED}) was refused: ${(error as Error).message}`);
      }
      try {
        // The library as the last kill left it.
        const check = await invokeBrowserMode<LibraryCheck>(server.appUrl, 'library.check', {});
        expect(check, `check after restart ${kill} (seed ${SEED})`).toMatchObject({ ok: true });
        // Every highlight is compared after every restart while the library is small; past
        // 20,000 (the soak) every 20th restart and the last, and in between the count and
        // each highlight acknowledged since the last restart.
        const full = acknowledged.size <= 20_000 || kill % 20 === 0 || kill === KILLS;
        const stored = full ? await allHighlights(server, articles.map((a) => a.id)) : await someHighlights(server, lastRun);
        for (const [id, saved] of full ? acknowledged : new Map([...lastRun].map((id) => [id, acknowledged.get(id)!]))) {
          const row = stored.get(id);
          if (!row || row.articleId !== saved.articleId || row.start !== saved.start || row.end !== saved.end || row.note !== saved.note) lost += 1;
        }
        expect(lost, `acknowledged highlights missing or changed after restart ${kill} (seed ${SEED})`).toBe(0);
        const total = full ? stored.size : (await invokeBrowserMode<LibraryInfo>(server.appUrl, 'library.info', {})).annotationCount;
        // Nothing appears that was not asked for: at most the saves in flight at the kills.
        expect(total - acknowledged.size).toBeGreaterThanOrEqual(0);
        expect(total - acknowledged.size, `unasked-for highlights after restart ${kill}`).toBeLessThanOrEqual(inFlightAtKills);
        // A save in flight at a kill may have committed without its answer: from now on it is
        // in the library like any other and must stay.
        if (total > acknowledged.size) {
          const everything = full ? stored : await allHighlights(server, articles.map((a) => a.id));
          for (const [id, row] of everything) if (!acknowledged.has(id)) acknowledged.set(id, { articleId: row.articleId, start: row.start, end: row.end, note: row.note });
        }
        lastRun.clear();
        inFlightAtKills = 0;
        if (kill === KILLS) break;
        if (kill > 0 && kill % 100 === 0) {
          const seconds = ((performance.now() - started) / 1000).toFixed(0);
          console.log(`crash (browser mode): ${kill} kills so far in ${seconds} s; ${acknowledged.size} highlights acknowledged, ${lost} lost, ${refusedOpens} refused opens`);
        }

        // Save as fast as it answers until the kill, a random 0-600 ms after the first answer.
        let killed = false;
        let markFirst: () => void = () => {};
        const firstAck = new Promise<void>((resolve) => (markFirst = resolve));
        let inFlight = 0;
        const writer = async (): Promise<void> => {
          while (!killed) {
            const article = articles[Math.floor(random() * articles.length)]!;
            const start = Math.floor(random() * (article.length - 200));
            const end = start + 5 + Math.floor(random() * 150);
            const note = `saved ${(sequence += 1)}`;
            inFlight += 1;
            try {
              const saved = await invokeBrowserMode<Annotation>(server.appUrl, 'annotations.create', { articleId: article.id, kind: 'highlight', target: { start, end }, note });
              inFlight -= 1;
              if (killed) return; // the answer raced the kill; counted as in flight below
              acknowledged.set(saved.id, { articleId: saved.articleId, start: saved.start, end: saved.end, note });
              lastRun.add(saved.id);
              markFirst();
            } catch (error) {
              inFlight -= 1;
              // A range of only spaces is refused by the API: not a write, try another.
              if (!killed && (error as Error).message.startsWith('annotations.create failed')) continue;
              // The connection died with the server: not acknowledged.
              return;
            }
          }
        };
        const writers = Array.from({ length: WRITERS }, () => writer());
        await Promise.race([firstAck, Promise.all(writers)]);
        await new Promise((resolve) => setTimeout(resolve, random() * 600));
        inFlightAtKills += inFlight + WRITERS; // an answer in the pipe at the kill is not acknowledged
        killed = true;
        process.kill(server.pid, 'SIGKILL');
        await Promise.all(writers);
      } finally {
        await server.stop();
      }
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `crash (browser mode): ${KILLS} kills in ${seconds.toFixed(1)} s (seed ${SEED}); ${acknowledged.size} highlights acknowledged, ${lost} lost, ${refusedOpens} refused opens`,
    );
    expect({ lost, refusedOpens }).toEqual({ lost: 0, refusedOpens: 0 });
    expect(acknowledged.size).toBeGreaterThan(KILLS);
  }, (SOAK ? 240 : 8) * 60_000);
});
