// Prepared statements kept per connection: the write path runs the same few statements for
// every change (and an import for every article), and preparing costs more than running a
// lookup by index.
import type { Statement } from 'better-sqlite3';
import type { ReadDb, ReadStatement } from './handles.ts';
import type { Db } from './db.ts';

const statements = new WeakMap<object, Map<string, Statement>>();

function kept(db: ReadDb, sql: string): Statement {
  let mine = statements.get(db);
  if (!mine) statements.set(db, (mine = new Map<string, Statement>()));
  let statement = mine.get(sql);
  if (!statement) mine.set(sql, (statement = db.prepare(sql) as Statement));
  return statement;
}

/** A kept statement on a connection that may write (a WriteDb inside `mutate`). */
export function cachedStatement(db: Db, sql: string): Statement {
  return kept(db, sql);
}

/** A kept statement for a read path: it has no `run`. */
export function cachedRead(db: ReadDb, sql: string): ReadStatement {
  return kept(db, sql);
}
