// The handle types are the rule "a read path cannot write": these lines must not compile
// (tsc checks test files), and at run time a ReadDb statement that writes is refused too.
import { describe, expect, it } from 'vitest';
import type { ReadDb, WriteDb } from './handles.ts';
import { mutate } from './mutation.ts';
import { tempLibrary } from '../testing/temp.ts';

function readPath(db: ReadDb): void {
  // @ts-expect-error a read handle's statements have no run()
  db.prepare('DELETE FROM tag').run();
  // @ts-expect-error a read handle has no exec()
  db.exec('DELETE FROM tag');
  // @ts-expect-error a read handle is not a write handle: a read path cannot call a write
  writePath(db);
}

function writePath(db: WriteDb): void {
  db.prepare("INSERT INTO tag (gid, name, color, created_at) VALUES (casefile_gid(), 'x', '#000000', '2026-01-01')").run();
}

describe('database handles', () => {
  it('gives a write handle only inside mutate; a raw connection is not one', () => {
    const { db } = tempLibrary({ seed: false });
    // @ts-expect-error a connection outside mutate is not a WriteDb
    expect(() => writePath(db)).toThrow(/outside mutate/);
    mutate(db, { label: 'Tag' }, (write) => writePath(write));
    expect(db.prepare('SELECT count(*) FROM tag').pluck().get()).toBe(1);
  });

  it('refuses at run time a read statement that would write', () => {
    const { db } = tempLibrary({ seed: false });
    const read: ReadDb = db;
    expect(() => read.prepare('DELETE FROM tag').all()).toThrow(/does not return data/);
    expect(() => readPath(read)).toThrow();
  });
});
