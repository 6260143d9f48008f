// Backups at the bench's library size: a compressed daily backup written (VACUUM INTO,
// integrity_check, zstd, read back and compared) and restored (decompressed, checked,
// renamed into place), beside SQLite alone (VACUUM INTO) and the uncompressed backup and
// restore Casefile made before. Sizes: one backup, and a week of daily use (seven daily
// backups, plus one migration backup) against the library's size.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DAILY_BACKUPS_KEPT } from '../../main/db/backup/files.ts';
import { restoreBackup } from '../../main/db/backup/restore.ts';
import { writeBackup } from '../../main/db/backup/write.ts';
import { phaseMain, type PhaseConfig } from '../lib/phase.ts';
import { dist, log, mb, type Dist } from '../lib/stats.ts';

interface Config extends PhaseConfig {
  library: string;
  label: string;
  runs: number;
}

export interface BackupFigure {
  label: string;
  libraryMb: number;
  compressedMb: number;
  uncompressedMb: number;
  /** Seven daily backups and one migration backup, compressed, as a multiple of the library's size. */
  weekRatio: number;
  /** The same before: uncompressed. */
  weekRatioUncompressed: number;
  backup: Dist;
  backupUncompressed: Dist;
  vacuumInto: Dist;
  restore: Dist;
  restoreUncompressed: Dist;
}

phaseMain(async (config: Config): Promise<BackupFigure> => {
  const dir = fs.mkdtempSync(path.join(path.dirname(config.library), '.bench-backup-'));
  const samples = { backup: [] as number[], backupUncompressed: [] as number[], vacuumInto: [] as number[], restore: [] as number[], restoreUncompressed: [] as number[] };
  let compressed = 0;
  let uncompressed = 0;
  try {
    const db = new Database(config.library, { readonly: true, fileMustExist: true });
    for (let run = 0; run < config.runs; run += 1) {
      const time = (key: keyof typeof samples, body: () => void) => {
        const t = performance.now();
        body();
        samples[key].push(performance.now() - t);
      };
      const zst = path.join(dir, `daily-${run}.casefile.zst`);
      const plain = path.join(dir, `daily-${run}.casefile`);
      const bare = path.join(dir, `bare-${run}.casefile`);
      time('vacuumInto', () => db.prepare('VACUUM INTO ?').run(bare));
      time('backup', () => writeBackup(db, zst));
      time('backupUncompressed', () => writeBackup(db, plain));
      compressed = fs.statSync(zst).size;
      uncompressed = fs.statSync(plain).size;
      fs.rmSync(bare);
      time('restore', () => restoreBackup(zst, path.join(dir, `restored-${run}.casefile`)));
      time('restoreUncompressed', () => restoreBackup(plain, path.join(dir, `restored-plain-${run}.casefile`)));
      for (const name of fs.readdirSync(dir)) fs.rmSync(path.join(dir, name), { force: true });
    }
    db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const library = fs.statSync(config.library).size;
  const figure: BackupFigure = {
    label: config.label,
    libraryMb: mb(library) ?? 0,
    compressedMb: mb(compressed) ?? 0,
    uncompressedMb: mb(uncompressed) ?? 0,
    weekRatio: ((DAILY_BACKUPS_KEPT + 1) * compressed) / library,
    weekRatioUncompressed: ((DAILY_BACKUPS_KEPT + 1) * uncompressed) / library,
    backup: dist(samples.backup),
    backupUncompressed: dist(samples.backupUncompressed),
    vacuumInto: dist(samples.vacuumInto),
    restore: dist(samples.restore),
    restoreUncompressed: dist(samples.restoreUncompressed),
  };
  log(`  backups at ${config.label} (${os.loadavg()[0]!.toFixed(1)} load): ${figure.compressedMb} MB compressed of ${figure.libraryMb} MB, a week ${figure.weekRatio.toFixed(2)}× the library (was ${figure.weekRatioUncompressed.toFixed(1)}×); backup ${Math.round(figure.backup.median)} ms (uncompressed ${Math.round(figure.backupUncompressed.median)}, VACUUM INTO alone ${Math.round(figure.vacuumInto.median)}); restore ${Math.round(figure.restore.median)} ms (uncompressed ${Math.round(figure.restoreUncompressed.median)})`);
  return figure;
});
