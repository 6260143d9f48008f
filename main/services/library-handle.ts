// A library in use: the open database, where it lives, and its event bus. Every service
// function takes it first. Opened and closed by library.ts (openLibrarySession,
// closeLibrary), which also re-exports this type. It sits in a module of its own that
// imports only types of modules below it, so the services library.ts uses (seeds,
// articles) can name it without an import circle.
import type { Db } from '../db/db.ts';
import type { DailyBackupOutcome } from './daily-backup.ts';
import type { EventBus } from './events.ts';

export interface Library {
  readonly db: Db;
  readonly path: string;
  readonly id: string;
  readonly events: EventBus;
  /** True when this session created the library (and filled it with the seed articles). */
  readonly created: boolean;
  /**
   * Today's daily backup, written in a worker thread after opening (see daily-backup.ts): settles
   * when it is written, was not due (already made today, a new library, dailyBackup: false),
   * failed (outcome.problem, also warned on stderr) or was stopped by closeLibrary
   * (outcome.cancelled). Never rejects.
   */
  readonly dailyBackup: Promise<DailyBackupOutcome>;
}
