import type { Database } from 'better-sqlite3';

export interface Migration {
  /** The PRAGMA user_version the library has after this migration. */
  version: number;
  name: string;
  /** Runs inside the migration transaction; must not change journal mode or commit. */
  up(db: Database): void;
  /** Rewrites so much that the library is vacuumed after the transaction, to give the freed pages back to the disk. */
  vacuum?: boolean;
}
