import type { Database } from 'better-sqlite3';

export interface Migration {
  /** The PRAGMA user_version the library has after this migration. */
  version: number;
  name: string;
  /** Runs inside the migration transaction; must not change journal mode or commit. */
  up(db: Database): void;
}
