// A reader (main/db/readers.ts): a read-only connection to the library, kept open in this
// worker thread, answering one statement at a time. Each runs in its own read transaction
// with the newest change set id read in it, so the caller can tell which moment of the
// library every part of a split read saw. Built, it is its own entry
// (electron.vite.config.ts), like the import worker; the CLI has no readers.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { CLOSE_READER, ReadJob, ReadReply } from './readers.ts';

const { libraryPath } = workerData as { libraryPath: string };
const db = new Database(libraryPath, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const newestChangeSet = db.prepare('SELECT coalesce(max(id), 0) FROM change_set').pluck();

const read = db.transaction((job: ReadJob): ReadReply => {
  const changeSet = newestChangeSet.get() as number;
  return { id: job.id, ok: true, rows: db.prepare(job.sql).all(job.params), changeSet };
});

parentPort!.on('message', (job: ReadJob | typeof CLOSE_READER) => {
  if ('close' in job) {
    // Messages come one at a time: no statement is running. With the port closed, the thread ends.
    db.close();
    parentPort!.close();
    return;
  }
  let reply: ReadReply;
  try {
    reply = read(job);
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    reply = { id: job.id, ok: false, code: typeof code === 'string' ? code : null, message: typeof message === 'string' ? message : 'The read failed.' };
  }
  parentPort!.postMessage(reply);
});
