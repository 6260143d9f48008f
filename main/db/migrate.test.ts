import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from './migrate.ts';
import { migrations } from './migrations/index.ts';
import type { Migration } from './migrations/types.ts';
import { openLibrary } from './open.ts';
import { fixture, tempDir } from '../testing/temp.ts';

const addColour: Migration = {
  version: migrations.length + 1,
  name: 'test: tag colours required',
  up(db) {
    db.exec("CREATE TABLE test_migration_marker (x INTEGER) STRICT");
  },
};

const broken: Migration = {
  version: migrations.length + 1,
  name: 'test: fails half way',
  up(db) {
    db.exec('CREATE TABLE half_done (x INTEGER) STRICT');
    db.exec('THIS IS NOT SQL');
  },
};

function libraryAtLatest(): { file: string; db: Database.Database } {
  const file = path.join(tempDir(), 'lib.casefile');
  const { db } = openLibrary(file, { create: true });
  fixture(db, () => db.prepare("INSERT INTO tag (gid, name, created_at) VALUES (casefile_gid(), 'kept', 'now')").run());
  return { file, db };
}

describe('migrations', () => {
  it('backs the library up with VACUUM INTO before migrating, then records the new version', () => {
    const { file, db } = libraryAtLatest();
    const from = db.pragma('user_version', { simple: true }) as number;
    const backup = migrate(db, from, { libraryPath: file, migrations: [...migrations, addColour] });
    expect(backup).not.toBeNull();
    expect(path.dirname(backup!)).toBe(path.dirname(file));
    expect(db.pragma('user_version', { simple: true })).toBe(addColour.version);
    db.close();

    const saved = new Database(backup!, { readonly: true });
    expect(saved.pragma('user_version', { simple: true })).toBe(from);
    expect(saved.prepare('SELECT name FROM tag').pluck().all()).toEqual(['kept']);
    saved.close();
  });

  it('rolls a failing migration back whole: version, schema and data unchanged', () => {
    const { file, db } = libraryAtLatest();
    const from = db.pragma('user_version', { simple: true }) as number;
    expect(() => migrate(db, from, { libraryPath: file, migrations: [...migrations, broken] })).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(from);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT name FROM tag').pluck().all()).toEqual(['kept']);
    db.close();
  });

  it('makes no backup when creating a new library', () => {
    const dir = tempDir();
    openLibrary(path.join(dir, 'new.casefile'), { create: true }).db.close();
    expect(fs.readdirSync(dir).filter((f) => f.includes('backup'))).toEqual([]);
  });
});
