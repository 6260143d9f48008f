// The daily backup's worker thread (started by startDailyBackup in daily-backup.ts): its own
// read-only connection to the library, VACUUM INTO a temporary file, integrity_check,
// rename, prune; the outcome goes back as one message. Built, it is its own entry
// (electron.vite.config.ts), like the import worker.
import { parentPort, workerData } from 'node:worker_threads';
import { runDailyBackupJob, type DailyBackupJob } from './daily-backup.ts';

parentPort!.postMessage(runDailyBackupJob(workerData as DailyBackupJob));
