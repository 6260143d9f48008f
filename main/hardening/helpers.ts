// Test helpers for the hardening tests: child processes that open or lock a library, a
// small tmpfs to fill up, and the "nothing half-done" check of a library after a crash.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openLibrary, type Db } from '../db/open.ts';
import { AppError } from '../../common/api/errors.ts';
import { eachStoredOriginal, readStoredOriginal } from '../db/repositories/articles.ts';
import { sha256Hex } from '../db/sha256.ts';

export const HERE = import.meta.dirname;
export const ROOT = path.resolve(HERE, '..', '..');
export const BIN = path.join(ROOT, 'bin', 'casefile.mjs');

export const isRoot = (): boolean => process.getuid?.() === 0;

/** A reproducible stream of numbers in [0, 1) from a seed (xorshift32): crash runs print their seed to replay. */
export function randomFrom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4_294_967_296;
  };
}

/** The refusal openLibrary gives `file` (fails the test if it opens). */
export function openRefusal(file: string): AppError {
  try {
    openLibrary(file).db.close();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`${file} was opened`);
}

export interface ProbeResult {
  ok: boolean;
  code?: string;
  detail?: string;
}

/** Opens the library in a child process (as user nobody when `asNobody` and we are root). */
export function probeOpen(file: string, options: { asNobody?: boolean } = {}): ProbeResult {
  const args = [path.join(HERE, 'open-probe.ts'), file, ...(options.asNobody ? ['--as-nobody'] : [])];
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: ROOT });
  const line = result.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as ProbeResult;
  } catch {
    throw new Error(`open-probe.ts printed no result: ${result.stdout}${result.stderr}`);
  }
}

/** Another process holding the library's write lock until `release()`. */
export async function holdLock(file: string): Promise<{ release(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [path.join(HERE, 'lock-holder.ts'), file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`lock-holder did not start: ${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('locked')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`lock-holder exited with ${code}: ${output}`)));
  });
  return {
    release: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

/**
 * A tmpfs of `kilobytes` at a new folder under `parent`, or null where mounting is not
 * allowed (not root, no CAP_SYS_ADMIN, a container that forbids it).
 */
export function mountTmpfs(parent: string, kilobytes: number): { dir: string; unmount(): void } | null {
  const dir = fs.mkdtempSync(path.join(parent, 'tmpfs-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${kilobytes}k,mode=0755`, 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    unmount() {
      spawnSync('umount', ['-l', dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fills the file system holding `dir` until fewer than `leaveBytes` are free. */
export function fillDisk(dir: string, leaveBytes: number): string {
  const filler = path.join(dir, 'filler.bin');
  const chunk = Buffer.alloc(16 * 1024, 0x41);
  const fd = fs.openSync(filler, 'w');
  try {
    for (;;) {
      const free = fs.statfsSync(dir).bavail * fs.statfsSync(dir).bsize;
      if (free <= leaveBytes) break;
      const size = Math.min(chunk.length, free - leaveBytes);
      try {
        fs.writeSync(fd, chunk, 0, Math.max(1, size));
      } catch {
        break;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return filler;
}

export interface ConsistencyReport {
  articles: number;
  annotations: number;
  problems: string[];
}

/**
 * What "nothing half-imported" means, checked row by row (beside checkLibrary's SQLite and
 * FTS5 integrity checks): every article has its original file, its stored text hashes to
 * its text_sha256, the original's bytes hash to its sha256 and have its size, and the
 * full-text index has a document for it (and for nothing else); no original is left without
 * its article; every annotation's range lies inside its article's text.
 */
export function consistencyReport(db: Db): ConsistencyReport {
  const problems: string[] = [];
  const articles = db.prepare('SELECT id, text, text_sha256 FROM article').all() as { id: number; text: string; text_sha256: string }[];
  const originals = new Map(
    [...eachStoredOriginal(db)].filter((o) => o.appearanceId === null).map((o) => [o.articleId, o]),
  );
  for (const a of articles) {
    if (sha256Hex(a.text) !== a.text_sha256) problems.push(`article ${a.id}: text does not match text_sha256`);
    const original = originals.get(a.id);
    if (!original) problems.push(`article ${a.id}: no article_original row`);
    else {
      const reading = readStoredOriginal(original.stored, original);
      if (!reading.ok) problems.push(`article ${a.id}: original: ${reading.problem}`);
    }
  }
  // The index's own per-document rows (FTS5's docsize shadow table), not its content table:
  // one for every article and none for anything else. (checkLibrary's FTS5 integrity-check
  // then shows each holds that article's words.)
  const unindexed = db.prepare('SELECT id FROM article EXCEPT SELECT id FROM article_fts_docsize').pluck().all() as number[];
  const strays = db.prepare('SELECT id FROM article_fts_docsize EXCEPT SELECT id FROM article').pluck().all() as number[];
  for (const id of unindexed) problems.push(`article ${id}: not in the full-text index`);
  for (const id of strays) problems.push(`full-text index row ${id} has no article`);
  const orphans = db.prepare('SELECT article_id FROM article_original EXCEPT SELECT id FROM article').pluck().all() as number[];
  for (const id of orphans) problems.push(`article_original ${id} has no article`);
  const annotations = db
    .prepare('SELECT n.id, n.start_offset AS start, n.end_offset AS end, length(a.text) AS length FROM annotation n JOIN article a ON a.id = n.article_id')
    .all() as { id: number; start: number; end: number; length: number }[];
  for (const n of annotations) if (n.end > n.length || n.start >= n.end) problems.push(`annotation ${n.id}: range ${n.start}-${n.end} outside its article`);
  return { articles: articles.length, annotations: annotations.length, problems };
}
