// Crash safety: SIGKILL at random moments, many times, and after every kill the library is
// sound: SQLite's integrity check, the FTS5 checks and foreign keys pass (checkLibrary, and
// `casefile check` every few kills and at the end), no article is half-imported (every
// article has its original, its text matches its hash, the full-text index finds it), and
// every write that was acknowledged is there.
//
//  (a) `casefile import FOLDER --json` of generated folders of a few hundred files: killed
//      at a random time, or just after a random number of files were reported imported. A
//      folder is imported (and killed) three times running, so later runs meet duplicates.
//  (b) main/hardening/annotate-loop.ts writing highlights and notes through the service and
//      acknowledging each after the call returned: killed a random time after it started.
//  (c) main/hardening/undo-loop.ts undoing and redoing 50-row change sets (an actor and its 49
//      aliases) through history.undo/redo: killed at a random moment, every actor is there
//      whole or not at all, as the last acknowledged step left it.
//
// Default (npm test): 25 + 25 kills on 300-file folders. `npm run test:soak`
// (CASEFILE_SOAK=1): 150 + 150 kills on 500-file folders. CASEFILE_CRASH_KILLS=N sets
// the kills per loop, CASEFILE_CRASH_SEED=S replays a run (the seed is printed).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLibrary, closeLibrary, openLibrarySession } from '../services/library.ts';
import { tempDir } from '../testing/temp.ts';
import { BIN, HERE, ROOT, consistencyReport, randomFrom } from './helpers.ts';

const SOAK = process.env.CASEFILE_SOAK === '1';
const KILLS = Number(process.env.CASEFILE_CRASH_KILLS ?? (SOAK ? 150 : 25));
const FILES_PER_FOLDER = SOAK ? 500 : 300;
const RUNS_PER_FOLDER = 2;
const CLI_CHECK_EVERY = SOAK ? 25 : 8;
const UNDO_KILLS = Number(process.env.CASEFILE_CRASH_KILLS ?? (SOAK ? 100 : 15));
const SEED = Number(process.env.CASEFILE_CRASH_SEED ?? Date.now() % 1_000_000) >>> 0 || 1;

const WORDS = ['border', 'talks', 'ceasefire', 'ministry', 'statement', 'officials', 'province', 'mediation', 'delegation', 'security', 'trade', 'crossing', 'refugees', 'militants', 'governor', 'spokesman'];

/** A folder of articles as .txt, .md and .html files, each unique to (folder, index). */
function writeFolder(dir: string, folder: number, count: number): void {
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i += 1) {
    const tag = `f${folder}n${i}`;
    const paragraphs = Array.from({ length: 3 + (i % 4) }, (_, p) =>
      Array.from({ length: 40 + ((i * 7 + p) % 60) }, (_, w) => WORDS[(w * 5 + p * 3 + i + folder) % WORDS.length]).join(' ') + ` (${tag} paragraph ${p}).`,
    );
    const title = `Report ${tag} on the ${WORDS[(i + folder) % WORDS.length]}`;
    // Text and Markdown, and every tenth HTML (jsdom and Readability in the workers). The first
    // HTML file costs each worker a second or two of start-up; outside the soak the HTML files
    // sort last ("z-"), so most kills land among the quick ones, where commits come fastest.
    const kind = i % 10 === 9 ? 2 : i % 2;
    if (kind === 0) fs.writeFileSync(path.join(dir, `${tag}.txt`), `${title}\n\n${paragraphs.join('\n\n')}\n`);
    else if (kind === 1) fs.writeFileSync(path.join(dir, `${tag}.md`), `# ${title}\n\n${paragraphs.join('\n\n')}\n`);
    else {
      fs.writeFileSync(
        path.join(dir, `${SOAK ? '' : 'z-'}${tag}.html`),
        `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`,
      );
    }
  }
}

interface KilledRun {
  /** Lines the child printed before it died. */
  lines: string[];
  /** Milliseconds from spawn to the kill. */
  killedAfterMs: number;
  /** False when the child finished before the kill came. */
  killed: boolean;
}

/**
 * Spawns a child and SIGKILLs it when `killWhen` says so (checked on every output line and
 * every few milliseconds). Resolves with everything it printed.
 */
function runAndKill(args: string[], killWhen: (lines: string[], elapsedMs: number) => boolean): Promise<KilledRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let partial = '';
    let stderr = '';
    let killedAt: number | null = null;
    const consider = () => {
      if (killedAt === null && child.exitCode === null && killWhen(lines, performance.now() - started)) {
        killedAt = performance.now() - started;
        child.kill('SIGKILL');
      }
    };
    const timer = setInterval(consider, 2);
    child.stdout.on('data', (chunk: Buffer) => {
      partial += chunk.toString();
      const parts = partial.split('\n');
      partial = parts.pop()!;
      lines.push(...parts);
      consider();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(timer);
      if (signal !== 'SIGKILL' && code !== 0 && code !== 1) {
        reject(new Error(`${args.join(' ')} exited with ${code}: ${stderr}`));
        return;
      }
      resolve({ lines, killedAfterMs: killedAt ?? performance.now() - started, killed: signal === 'SIGKILL' });
    });
  });
}

function cliCheck(library: string): void {
  const check = spawnSync(process.execPath, [BIN, 'check', '--library', library], { cwd: ROOT, encoding: 'utf8' });
  expect(check.stderr).toBe('');
  expect(check.stdout).toMatch(/^ok: /);
  expect(check.status).toBe(0);
}

describe('crash safety (SIGKILL at random moments)', () => {
  it(`a bulk casefile import killed ${KILLS} times: check ok, nothing half-imported, every acknowledged article there`, async () => {
    const random = randomFrom(SEED);
    const dir = tempDir('casefile-crash-import-');
    const library = path.join(dir, 'Research.casefile');
    closeLibrary(openLibrarySession(library, { create: true }));
    const acknowledged = new Map<number, string>();
    const started = performance.now();
    let killedMidImport = 0;
    let totalImported = 0;
    let previousCount = 0;

    let finishedFirst = 0;
    for (let run = 0; run < KILLS; run += 1) {
      const folderIndex = Math.floor((run + finishedFirst) / RUNS_PER_FOLDER);
      const folder = path.join(dir, `folder-${folderIndex}`);
      if (!fs.existsSync(folder)) writeFolder(folder, folderIndex, FILES_PER_FOLDER);
      // A third of the kills come at a random time (start-up, conversion, a commit, anything),
      // the rest a random 0-300 ms after a random number of files were reported stored: in the
      // thick of the writes, where batches commit every 200 articles or 1 s.
      const byTime = random() < 1 / 3;
      const afterLines = 1 + Math.floor(random() * FILES_PER_FOLDER * 0.5);
      const extraMs = random() * 300;
      const atMs = 200 + random() * 3_500;
      let sawEnough: number | null = null;
      const result = await runAndKill([BIN, '--library', library, 'import', folder, '--json'], (lines, elapsed) => {
        if (byTime) return elapsed >= atMs;
        if (sawEnough === null && lines.length >= afterLines) sawEnough = elapsed;
        return sawEnough !== null && elapsed >= sawEnough + extraMs;
      });
      if (!result.killed) {
        // It finished first (a folder already mostly imported): no kill, take the next folder.
        finishedFirst += 1;
        run -= 1;
        expect(finishedFirst, `too many runs finished before the kill (seed ${SEED})`).toBeLessThan(KILLS);
      }

      const outcomes = result.lines.filter((l) => l.startsWith('{"file"')).map((l) => JSON.parse(l) as { file: string; status: string; articleId?: number });
      for (const o of outcomes) if (o.status === 'imported') acknowledged.set(o.articleId!, path.basename(o.file));
      totalImported += outcomes.filter((o) => o.status === 'imported').length;
      if (result.killed && outcomes.length > 0) killedMidImport += 1;

      const checkStarted = performance.now();
      const opened = openLibrarySession(library, { dailyBackup: false });
      try {
        const check = checkLibrary(opened);
        expect(check, `after run ${run} (seed ${SEED})`).toMatchObject({ ok: true });
        const report = consistencyReport(opened.db);
        expect(report.problems, `after run ${run} (seed ${SEED})`).toEqual([]);
        const names = new Map((opened.db.prepare('SELECT article_id, name FROM article_original').all() as { article_id: number; name: string }[]).map((r) => [r.article_id, r.name]));
        for (const [id, name] of acknowledged) expect(names.get(id), `acknowledged article ${id} (${name}) after run ${run} (seed ${SEED})`).toBe(name);
        // Nothing disappears, and each name is stored once (a re-run finds duplicates, never a second copy).
        expect(report.articles).toBeGreaterThanOrEqual(previousCount);
        previousCount = report.articles;
        const stored = [...names.values()].filter((n) => n.startsWith('f'));
        expect(new Set(stored).size).toBe(stored.length);
      } finally {
        closeLibrary(opened);
      }
      if ((run + 1) % CLI_CHECK_EVERY === 0) cliCheck(library);
      if (process.env.CASEFILE_CRASH_DEBUG) console.log(`run ${run}: killed after ${result.killedAfterMs.toFixed(0)} ms, ${result.lines.length} lines, checks ${(performance.now() - checkStarted).toFixed(0)} ms, total ${(performance.now() - started).toFixed(0)} ms`);
    }
    cliCheck(library);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `crash (a) import: ${KILLS} kills in ${seconds.toFixed(1)} s (seed ${SEED}); ${killedMidImport} after some files were stored, ${finishedFirst} runs finished first, ` +
        `${totalImported} imports acknowledged, ${previousCount} articles in the library at the end`,
    );
    expect(killedMidImport).toBeGreaterThanOrEqual(KILLS / 3);
  }, (SOAK ? 30 : 5) * 60_000);

  it(`a loop of annotation writes killed ${KILLS} times: check ok, every acknowledged write there`, async () => {
    const random = randomFrom(SEED + 1);
    const dir = tempDir('casefile-crash-annotate-');
    const library = path.join(dir, 'Research.casefile');
    closeLibrary(openLibrarySession(library, { create: true }));
    /** id -> the acknowledged highlight */
    const highlights = new Map<number, { articleId: number; start: number; end: number; kind: string }>();
    /** id -> the note it must have: the last acknowledged one, or the one in flight at the kill */
    const notes = new Map<number, { acked: string; inFlight: string | null }>();
    const started = performance.now();
    let acks = 0;
    let inFlightCreates = 0;

    for (let run = 0; run < KILLS; run += 1) {
      const afterFirstAckMs = random() * (SOAK ? 800 : 400);
      let firstAck: number | null = null;
      const result = await runAndKill([path.join(HERE, 'annotate-loop.ts'), library, String(SEED + run)], (lines, elapsed) => {
        if (firstAck === null && lines.some((l) => l.startsWith('ack '))) firstAck = elapsed;
        return firstAck !== null && elapsed >= firstAck + afterFirstAckMs;
      });
      expect(result.killed).toBe(true);

      let pendingCreate = false;
      for (const line of result.lines) {
        const [word, what, ...rest] = line.split(' ');
        if (word === 'begin' && what === 'create') pendingCreate = true;
        if (word === 'refused') pendingCreate = false;
        if (word === 'ack' && what === 'create') {
          const [id, articleId, start, end, kind, seq] = rest;
          highlights.set(Number(id), { articleId: Number(articleId), start: Number(start), end: Number(end), kind: kind! });
          notes.set(Number(id), { acked: `note ${seq}`, inFlight: null });
          pendingCreate = false;
          acks += 1;
        }
        if (word === 'begin' && what === 'note') notes.get(Number(rest[0]))!.inFlight = `note ${rest[1]}`;
        if (word === 'ack' && what === 'note') {
          notes.set(Number(rest[0]), { acked: `note ${rest[1]}`, inFlight: null });
          acks += 1;
        }
      }
      if (pendingCreate) inFlightCreates += 1;

      const opened = openLibrarySession(library, { dailyBackup: false });
      try {
        expect(checkLibrary(opened), `after run ${run} (seed ${SEED})`).toMatchObject({ ok: true });
        expect(consistencyReport(opened.db).problems).toEqual([]);
        const rows = new Map(
          (opened.db.prepare('SELECT id, article_id, start_offset, end_offset, kind, note FROM annotation').all() as { id: number; article_id: number; start_offset: number; end_offset: number; kind: string; note: string }[]).map((r) => [r.id, r]),
        );
        for (const [id, h] of highlights) {
          const row = rows.get(id);
          expect(row, `acknowledged highlight ${id} after run ${run} (seed ${SEED})`).toBeDefined();
          expect({ articleId: row!.article_id, start: row!.start_offset, end: row!.end_offset, kind: row!.kind }).toEqual(h);
          const note = notes.get(id)!;
          expect([note.acked, note.inFlight]).toContain(row!.note);
          // What is stored now is what the next run builds on.
          notes.set(id, { acked: row!.note, inFlight: null });
        }
        // Nothing appears that was not written: at most the one create in flight at the kill.
        expect(rows.size - highlights.size).toBeLessThanOrEqual(inFlightCreates);
        // A claim always comes with its claim record, an actor or source highlight with its entity.
        const claimsWithout = opened.db.prepare("SELECT count(*) FROM annotation n WHERE n.kind = 'claim' AND NOT EXISTS (SELECT 1 FROM claim c WHERE c.annotation_id = n.id)").pluck().get();
        const entitiesWithout = opened.db.prepare("SELECT count(*) FROM annotation WHERE kind IN ('actor', 'source') AND entity_id IS NULL").pluck().get();
        expect({ claimsWithout, entitiesWithout }).toEqual({ claimsWithout: 0, entitiesWithout: 0 });
      } finally {
        closeLibrary(opened);
      }
      if ((run + 1) % CLI_CHECK_EVERY === 0) cliCheck(library);
    }
    cliCheck(library);
    const seconds = (performance.now() - started) / 1000;
    console.log(`crash (b) annotations: ${KILLS} kills in ${seconds.toFixed(1)} s (seed ${SEED}); ${acks} writes acknowledged, ${highlights.size} highlights, ${inFlightCreates} creates in flight at a kill`);
    expect(acks).toBeGreaterThan(KILLS);
  }, (SOAK ? 30 : 5) * 60_000);

  it(`undo and redo of 50-row change sets killed ${UNDO_KILLS} times: each step all or nothing`, async () => {
    const random = randomFrom(SEED + 2);
    const dir = tempDir('casefile-crash-undo-');
    const library = path.join(dir, 'Research.casefile');
    closeLibrary(openLibrarySession(library, { create: true }));
    /** actor name -> whether the last acknowledged step left it there, and whether a step was in flight */
    const expected = new Map<string, { present: boolean; inFlight: boolean }>();
    let undoSteps = 0;
    let killedInStep = 0;
    for (let run = 0; run < UNDO_KILLS; run += 1) {
      const afterFirstAckMs = random() * 400;
      let firstAck: number | null = null;
      const result = await runAndKill([path.join(HERE, 'undo-loop.ts'), library, String(run)], (lines, elapsed) => {
        if (firstAck === null && lines.some((l) => l.startsWith('ack '))) firstAck = elapsed;
        return firstAck !== null && elapsed >= firstAck + afterFirstAckMs;
      });
      expect(result.killed).toBe(true);
      for (const line of result.lines) {
        const [word, step, ...rest] = line.split(' ');
        const name = rest.join(' ');
        if (word === 'begin') expected.set(name, { present: expected.get(name)?.present ?? false, inFlight: true });
        if (word === 'ack') {
          expected.set(name, { present: step !== 'undo', inFlight: false });
          if (step === 'undo' || step === 'redo') undoSteps += 1;
        }
      }
      if (result.lines.at(-1)?.startsWith('begin ')) killedInStep += 1;

      const opened = openLibrarySession(library, { dailyBackup: false });
      try {
        expect(checkLibrary(opened), `after run ${run} (seed ${SEED})`).toMatchObject({ ok: true });
        const aliases = new Map(
          (opened.db.prepare("SELECT e.name, (SELECT count(*) FROM entity_alias a WHERE a.entity_id = e.id) AS n FROM entity e WHERE e.name LIKE 'Crash actor %'").all() as { name: string; n: number }[]).map((r) => [r.name, r.n]),
        );
        // Aliases never outlive their actor (a half-undone step would leave some).
        expect(opened.db.prepare("SELECT count(*) FROM entity_alias WHERE alias LIKE 'Crash actor %' AND entity_id NOT IN (SELECT id FROM entity)").pluck().get()).toBe(0);
        for (const [name, want] of expected) {
          const have = aliases.get(name);
          // All or nothing: the actor with all 49 aliases, or no trace of it.
          expect(have === undefined || have === 49, `${name} has ${have} aliases after run ${run} (seed ${SEED})`).toBe(true);
          if (!want.inFlight) expect(have !== undefined, `${name} after run ${run} (seed ${SEED})`).toBe(want.present);
          expected.set(name, { present: have !== undefined, inFlight: false });
        }
      } finally {
        closeLibrary(opened);
      }
    }
    cliCheck(library);
    console.log(`crash (c) undo: ${UNDO_KILLS} kills (seed ${SEED}); ${undoSteps} undo/redo steps acknowledged, ${killedInStep} kills with a step in flight`);
    expect(undoSteps).toBeGreaterThan(UNDO_KILLS);
  }, (SOAK ? 30 : 5) * 60_000);
});
