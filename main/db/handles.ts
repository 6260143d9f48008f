// Database handles by what they may do. A read path takes a ReadDb: its statements have no
// `run`, it has no `exec`, so it cannot write (better-sqlite3 itself refuses get/all/iterate
// on a statement that returns no rows, so a DELETE prepared on a ReadDb fails at once too).
// A write takes a WriteDb, which only `mutate` hands out (its work callback's argument), and
// migration or maintenance code that says so by name (`maintenanceWriteDb`). So a write
// outside the one write path is a type error before it is a trigger's refusal at run time.
//
// Why a typed view of the same connection, not a wrapper object: repositories run on the
// hot path (an import runs a dozen statements per article), and a wrapper would add a call
// per statement for a check the compiler already makes. At run time both are the
// better-sqlite3 Database; only the types differ.
import type { ColumnDefinition, Statement } from 'better-sqlite3';
import type { Db } from './db.ts';

/** A prepared statement that can only read rows. */
export interface ReadStatement<Result = unknown> {
  readonly source: string;
  /** True when the statement returns rows (a SELECT, or ... RETURNING). */
  readonly reader: boolean;
  get(...params: unknown[]): Result | undefined;
  all(...params: unknown[]): Result[];
  iterate(...params: unknown[]): IterableIterator<Result>;
  pluck(toggleState?: boolean): ReadStatement<Result>;
  raw(toggleState?: boolean): ReadStatement<Result>;
  expand(toggleState?: boolean): ReadStatement<Result>;
  columns(): ColumnDefinition[];
}

/** A connection seen by a read path: statements without `run`, no `exec`, no pragmas. */
export interface ReadDb {
  readonly inTransaction: boolean;
  prepare(source: string): ReadStatement;
  /** Several reads seen as one snapshot. */
  transaction<T>(fn: () => T): () => T;
}

declare const writable: unique symbol;

/** A connection inside the one write path: only `mutate` (or maintenance code) makes one. */
export type WriteDb = Db & { readonly [writable]: true };

/** A write statement kept per connection (see statements.ts). */
export type WriteStatement = Statement;

/**
 * The connection as a WriteDb. For `mutate` and for code that writes outside the change log
 * on purpose: migrations, maintenance (derived tables, settings), schema tests. Not for
 * user data: the capture triggers refuse a user-table write outside `mutate` anyway.
 */
export function maintenanceWriteDb(db: Db): WriteDb {
  return db as WriteDb;
}
