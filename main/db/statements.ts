// Prepared statements kept per connection: the write path runs the same few statements for
// every change (and an import for every article), and preparing costs more than running a
// lookup by index.
import type { Statement } from 'better-sqlite3';
import type { Db } from './db.ts';

const statements = new WeakMap<Db, Map<string, Statement>>();

export function cachedStatement(db: Db, sql: string): Statement {
  let mine = statements.get(db);
  if (!mine) statements.set(db, (mine = new Map<string, Statement>()));
  let statement = mine.get(sql);
  if (!statement) mine.set(sql, (statement = db.prepare(sql)));
  return statement;
}
