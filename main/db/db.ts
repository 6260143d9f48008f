// The connection type every layer names. It lives in a module of its own, below open.ts,
// so the modules open.ts uses (the write path, the statement cache) can name it without
// importing open.ts back.
import type Database from 'better-sqlite3';

export type Db = Database.Database;
