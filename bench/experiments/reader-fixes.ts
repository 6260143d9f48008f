// A/B of proposed renderer changes, before anyone edits renderer/ (an experiment, not part
// of `npm run bench`): `node bench/experiments/reader-fixes.ts LIBRARY [runs]`.
// Copies renderer/ into $TMPDIR/casefile-bench-experiments/<variant>/, applies each variant's
// patch, builds it as the app does (minified), serves it with the app's own server and
// dispatcher on LIBRARY (which must hold the bench's big article), and times opening the
// 20,000-word article with 1,000 highlights and creating a highlight, variants
// interleaved so the machine's load falls on all of them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { createDispatcher } from '../../main/api/dispatch.ts';
import { closeLibrary, openLibrarySession } from '../../main/services/library.ts';
import { startServer, type RunningServer } from '../../main/server/server.ts';
import { BIG_TITLE, ensureBigFixture } from '../lib/big.ts';
import { projectRoot } from '../lib/phase.ts';
import { closePopover, measureOpen, timeHighlight, type OpenRun } from '../lib/reader.ts';
import { dist } from '../lib/stats.ts';

const [libraryPath, runsArg = '5'] = process.argv.slice(2);
if (!libraryPath) throw new Error('usage: node bench/experiments/reader-fixes.ts LIBRARY [runs]');
const runs = Number(runsArg);
// Outside the project: copies of renderer sources inside it would join the typecheck and the tests.
const root = path.join(os.tmpdir(), 'casefile-bench-experiments');

type Patch = (dir: string) => void;
const edit = (file: string, from: string, to: string) => {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`patch does not apply to ${file}: ${from.slice(0, 60)}`);
  fs.writeFileSync(file, text.replace(from, to));
};

/** One formatter per time zone, made once: toLocaleDateString with options builds an Intl.DateTimeFormat per call. */
const cachedFormatter: Patch = (dir) => {
  const file = path.join(dir, 'src/format.ts');
  if (!fs.readFileSync(file, 'utf8').includes("date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: iso.length <= 10 ? 'UTC' : undefined })")) {
    throw new Error('format.ts changed: the patch does not apply');
  }
  fs.writeFileSync(
    file,
    `const DAY = { day: 'numeric', month: 'short', year: 'numeric' } as const;
const UTC_DAY = new Intl.DateTimeFormat(undefined, { ...DAY, timeZone: 'UTC' });
const LOCAL_DAY = new Intl.DateTimeFormat(undefined, DAY);

export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return (iso.length <= 10 ? UTC_DAY : LOCAL_DAY).format(date);
}
`,
  );
};

/** The read-only reader needs no list editing commands; ListPlugin's transforms re-walk the whole document on mount. */
const noListPluginInReader: Patch = (dir) => edit(path.join(dir, 'src/reader/ArticleView.tsx'), '                <ListPlugin />\n', '');

/** Chromium skips style, layout and paint of blocks out of view. */
const contentVisibility: Patch = (dir) =>
  fs.appendFileSync(path.join(dir, 'src/styles.css'), '\n.reader-body > * { content-visibility: auto; contain-intrinsic-size: auto 6em; }\n');

const variants: { name: string; patches: Patch[] }[] = [
  { name: 'as is', patches: [] },
  { name: 'cached date formatter', patches: [cachedFormatter] },
  { name: '+ no ListPlugin in the reader', patches: [cachedFormatter, noListPluginInReader] },
  { name: '+ content-visibility on blocks', patches: [cachedFormatter, noListPluginInReader, contentVisibility] },
];

const { build } = await import('vite');
const react = (await import('@vitejs/plugin-react')).default;
const built: { name: string; out: string }[] = [];
for (const [i, v] of variants.entries()) {
  const dir = path.join(root, `v${i}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.cpSync(path.join(projectRoot, 'renderer'), path.join(dir, 'renderer'), { recursive: true });
  // The renderer imports ../../common and its packages from the project's node_modules.
  fs.symlinkSync(path.join(projectRoot, 'common'), path.join(dir, 'common'));
  fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'));
  for (const patch of v.patches) patch(path.join(dir, 'renderer'));
  const out = path.join(dir, 'out');
  await build({
    configFile: false,
    root: path.join(dir, 'renderer'),
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir: out, emptyOutDir: true, target: 'chrome130', assetsInlineLimit: 0, rollupOptions: { input: path.join(dir, 'renderer', 'index.html') } },
  });
  built.push({ name: v.name, out });
}

const library = openLibrarySession(path.resolve(libraryPath), { dailyBackup: false });
const fixture = await ensureBigFixture(library, 1, path.join(root, 'work'));
const otherTitle = library.db.prepare('SELECT title FROM article WHERE id <> ? ORDER BY retrieved_at DESC, id DESC LIMIT 1').pluck().get(fixture.articleId) as string;
const dispatch = createDispatcher(() => ({ library }));
const servers: RunningServer[] = [];
for (const b of built) servers.push(await startServer({ dispatch, events: () => library.events, staticDir: b.out, port: 0 }));

const browser = await chromium.launch({ executablePath: process.env.CASEFILE_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const pages = [];
for (const s of servers) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(s.appUrl);
  await page.locator('nav[aria-label="Library"] button').first().waitFor();
  await measureOpen(page, fixture, otherTitle); // warm-up
  await closePopover(page);
  pages.push(page);
}
const opens: OpenRun[][] = built.map(() => []);
const creates: number[][] = built.map(() => []);
const words = [...fixture.text.matchAll(/\S+ \S+ \S+/g)].map((m) => m[0]).filter((w) => /^[a-z]+ [a-z]+ [a-z]+$/.test(w));
for (let r = 0; r < runs; r += 1) {
  for (const [i, page] of pages.entries()) {
    opens[i]!.push(await measureOpen(page, fixture, otherTitle));
    await closePopover(page);
    creates[i]!.push(await timeHighlight(page, words[(r * 131 + i * 17 + 5) % words.length]!));
  }
}
await browser.close();
// Leave the article with its 1,000 highlights.
library.db.prepare('DELETE FROM annotation WHERE article_id = ? AND id > ?').run(fixture.articleId, Math.max(...fixture.ranges.map((x) => x.id)));
for (const s of servers) await s.close();
closeLibrary(library);

const f = (x: { median: number; p95: number }) => `${x.median.toFixed(0)} / ${x.p95.toFixed(0)} ms`;
console.log(`\n${BIG_TITLE}: ${fixture.words} words, ${fixture.highlights} highlights; ${runs} runs per variant, interleaved (median / p95)`);
console.log('| Variant | Requests sent | Text and marks | Interactive | Panel | Create highlight (click to mark) |');
console.log('|---|---|---|---|---|---|');
for (const [i, b] of built.entries()) {
  const o = opens[i]!;
  console.log(`| ${b.name} | ${f(dist(o.map((x) => x.requestsSent)))} | ${f(dist(o.map((x) => x.text)))} | ${f(dist(o.map((x) => x.interactive)))} | ${f(dist(o.map((x) => x.panel)))} | ${f(dist(creates[i]!))} |`);
}
process.exit(0);
