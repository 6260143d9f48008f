// What storing an imported article costs on the thread that writes, part by part (an
// experiment, not part of `npm run bench`): `node bench/experiments/store-parts.ts
// CORPUS_DIR [count] [rounds]`. The first `count` text files of a bench corpus are
// converted and prepared first (as the workers do), then stored with storeArticle, 200 a
// transaction as importInputs batches them, into a new library as it is and with one part
// of the schema switched off; and, beside them, the engine: the same texts into a bare
// table with the same FTS5 index. Each variant is its own library, in rounds, so a change
// in the machine's load falls on all of them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { storeArticle } from '../../main/services/articles.ts';
import { convertFile } from '../../main/services/import/convert.ts';
import { prepareCandidate } from '../../main/services/import/prepare.ts';
import type { PreparedCandidate } from '../../main/services/import/types.ts';
import { closeLibrary, openLibrarySession } from '../../main/services/library.ts';
import { articlePath } from '../lib/corpus.ts';

const [corpus, countArg = '3000', roundsArg = '3'] = process.argv.slice(2);
if (!corpus) throw new Error('usage: node bench/experiments/store-parts.ts CORPUS_DIR [count] [rounds]');
const count = Number(countArg);
const BATCH = 200;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-store-parts-'));

const candidates: PreparedCandidate[] = [];
for (let i = 0; i < count; i += 1) {
  const file = articlePath(corpus, 'txt', i);
  candidates.push(prepareCandidate(await convertFile(new Uint8Array(fs.readFileSync(file)), path.basename(file))));
}

/** SQL run on the new library before storing: the part it switches off. */
const LIBRARY_VARIANTS: Record<string, string> = {
  'storeArticle, the library as it is': '',
  'without the full-text index': 'DROP TRIGGER article_fts_after_insert;',
  'full-text index without the fold': `DROP TRIGGER article_fts_after_insert;
    CREATE TRIGGER article_fts_after_insert AFTER INSERT ON article BEGIN
      INSERT INTO article_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END;`,
  'without the change log capture': 'DROP TRIGGER temp.cf_article_insert; DROP TRIGGER temp.cf_article_original_insert;',
  'without checkpoints (wal_autocheckpoint 0)': 'PRAGMA wal_autocheckpoint = 0;',
};

function storeInLibrary(setup: string): number {
  const file = path.join(work, 'library.casefile');
  const library = openLibrarySession(file, { create: true, seed: false, dailyBackup: false });
  try {
    if (setup) library.db.exec(setup);
    const started = performance.now();
    for (let i = 0; i < count; i += BATCH) {
      library.db.transaction(() => {
        for (const candidate of candidates.slice(i, i + BATCH)) storeArticle(library, candidate);
      })();
    }
    return (performance.now() - started) / count;
  } finally {
    closeLibrary(library);
    fs.rmSync(work, { recursive: true, force: true });
    fs.mkdirSync(work);
  }
}

/** The engine: title and text into a bare table with the same FTS5 index, the same pragmas and batches. */
function storeBare(withIndex: boolean): number {
  const db = new Database(path.join(work, 'bare.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`CREATE TABLE doc (id INTEGER PRIMARY KEY, title TEXT NOT NULL, text TEXT NOT NULL) STRICT;
      CREATE VIRTUAL TABLE doc_fts USING fts5(title, text, content='doc', content_rowid='id', tokenize='unicode61 remove_diacritics 2');`);
    if (withIndex) db.exec(`CREATE TRIGGER doc_ai AFTER INSERT ON doc BEGIN INSERT INTO doc_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END;`);
    const insert = db.prepare('INSERT INTO doc (title, text) VALUES (?, ?)');
    const started = performance.now();
    for (let i = 0; i < count; i += BATCH) {
      db.transaction(() => {
        for (const c of candidates.slice(i, i + BATCH)) insert.run(c.metadata.title, c.text);
      })();
    }
    return (performance.now() - started) / count;
  } finally {
    db.close();
    fs.rmSync(work, { recursive: true, force: true });
    fs.mkdirSync(work);
  }
}

const variants: [string, () => number][] = [
  ...Object.entries(LIBRARY_VARIANTS).map(([name, setup]): [string, () => number] => [name, () => storeInLibrary(setup)]),
  ['engine: bare table + FTS5', () => storeBare(true)],
  ['engine: bare table, no index', () => storeBare(false)],
];
const times = new Map<string, number[]>(variants.map(([name]) => [name, []]));
for (let round = 0; round < Number(roundsArg); round += 1) {
  for (const [name, run] of variants) times.get(name)!.push(run());
}
console.log(`${count} articles, ${BATCH} a transaction; ms per article, median of ${roundsArg} rounds:`);
for (const [name, samples] of times) {
  const sorted = [...samples].sort((a, b) => a - b);
  console.log(`  ${sorted[Math.floor(sorted.length / 2)]!.toFixed(3)}  ${name}`);
}
fs.rmSync(work, { recursive: true, force: true });
