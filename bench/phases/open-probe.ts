// One cold open, in a fresh process: `node bench/phases/open-probe.ts MODE LIBRARY`.
// Prints {startMs, loadedMs, openMs, queryMs, rows} as JSON. MODE: "service" opens
// through openLibrarySession (no daily backup) and asks for the library's first page
// through listArticles; "daily" does the same as the first open of a day (the daily
// backup is due: it runs in a worker thread, and backupMs is when it was written,
// counted from the start of the open); "raw" is the engine: better-sqlite3 with the same
// pragmas and the bare SELECT. Modules are loaded dynamically so "raw" does not pay for
// the services'.

// Node's own start-up, up to the first line of this module.
const startMs = performance.now();
const [mode, file] = process.argv.slice(2) as [string, string];
let loadedMs: number;
let openMs: number;
let queryMs: number;
let rows: number;
let backupMs: number | undefined;
if (mode === 'raw') {
  const Database = (await import('better-sqlite3')).default;
  loadedMs = performance.now();
  const t0 = performance.now();
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  const t1 = performance.now();
  rows = db
    .prepare(`SELECT a.id, a.title, a.byline, a.outlet, a.url, a.published_at, a.retrieved_at, a.language, a.direction,
        (SELECT count(*) FROM annotation n WHERE n.article_id = a.id) AS annotation_count
      FROM article a ORDER BY a.retrieved_at DESC, a.id DESC LIMIT 100`)
    .all().length;
  const t2 = performance.now();
  db.close();
  openMs = t1 - t0;
  queryMs = t2 - t1;
} else {
  const { closeLibrary, openLibrarySession } = await import('../../main/services/library.ts');
  const { listArticles } = await import('../../main/services/articles.ts');
  loadedMs = performance.now();
  const t0 = performance.now();
  const library = openLibrarySession(file, { dailyBackup: mode === 'daily' });
  const t1 = performance.now();
  rows = listArticles(library, { offset: 0, limit: 100, sort: 'retrieved' }).items.length;
  const t2 = performance.now();
  if (mode === 'daily') {
    const outcome = await library.dailyBackup;
    if (!outcome.written) throw new Error(`no daily backup was written: ${JSON.stringify(outcome)}`);
    backupMs = performance.now() - t0;
  }
  closeLibrary(library);
  openMs = t1 - t0;
  queryMs = t2 - t1;
}
process.stdout.write(`${JSON.stringify({ startMs, loadedMs, openMs, queryMs, rows, backupMs })}\n`);
