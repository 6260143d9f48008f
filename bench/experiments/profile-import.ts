// Where does the main thread spend a text import? (An experiment, not part of `npm run
// bench`.) `node --cpu-prof --cpu-prof-dir=DIR bench/experiments/profile-import.ts CORPUS_TXT_DIR [count]`
// imports the first `count` text files into a new library, as the bench's import phase does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectInputs, importInputs } from '../../main/services/import/importer.ts';
import { ConversionPool } from '../../main/services/import/pool.ts';
import { closeLibrary, openLibrarySession } from '../../main/services/library.ts';

const [dir, count = '1000'] = process.argv.slice(2);
if (!dir) throw new Error('usage: node bench/experiments/profile-import.ts CORPUS_TXT_DIR [count]');
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-profile-')), 'import.casefile');
const library = openLibrarySession(file, { create: true, seed: false, dailyBackup: false });
const { inputs } = collectInputs([dir]);
inputs.splice(Number(count));
const pool = new ConversionPool();
const started = performance.now();
const outcomes = await importInputs(library, inputs, { pool });
const seconds = (performance.now() - started) / 1000;
await pool.close();
closeLibrary(library);
console.log(`${outcomes.filter((o) => o.status === 'imported').length} imported in ${seconds.toFixed(1)} s`);
