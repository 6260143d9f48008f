// Child process for the recovery tests: another program holding a library's write lock.
// Opens the file, BEGIN EXCLUSIVE, writes a row it never commits, prints "locked" and
// waits until it is killed (the transaction dies with it).
// `node main/hardening/lock-holder.ts FILE`
import Database from 'better-sqlite3';

const db = new Database(process.argv[2], { fileMustExist: true });
db.exec('BEGIN EXCLUSIVE');
db.prepare("INSERT INTO library_meta (key, value) VALUES ('held_by_another_program', 'yes')").run();
process.stdout.write('locked\n');
// The timer keeps the process alive and the connection reachable: a connection nothing
// refers to is garbage-collected, closed, and its lock let go.
setInterval(() => db.inTransaction || process.exit(3), 1_000);
