import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isGid } from '../../../common/ids.ts';
import { migrate } from '../migrate.ts';
import { schemaDb } from '../../testing/temp.ts';
import { migration001 } from './001_initial.ts';
import { migration002 } from './002_suggestion_dismissal.ts';
import { migration003 } from './003_change_log.ts';

const NOW = '2026-11-22T10:00:00.000Z';

describe('migration 003: global ids and the change log', () => {
  it('gives every existing row a UUIDv7 gid after a backup, and keeps gids present, unique and fixed', () => {
    const db = schemaDb([migration001, migration002]);
    const file = db.name;
    db.exec(`
      INSERT INTO article (title, retrieved_at, text_sha256, created_at, updated_at, body, text) VALUES ('A', '${NOW}', 'sha', '${NOW}', '${NOW}', '{}', 'Asim Munir spoke.');
      INSERT INTO annotation (article_id, kind, quote_exact, start_offset, end_offset, created_at, updated_at) VALUES (1, 'claim', 'Asim', 0, 4, '${NOW}', '${NOW}');
      INSERT INTO claim (annotation_id) VALUES (1);
      INSERT INTO tag (name, created_at) VALUES ('Talks', '${NOW}');
      INSERT INTO annotation_tag (annotation_id, tag_id) VALUES (1, 1);
      INSERT INTO suggestion_dismissal (article_id, text, created_at) VALUES (1, 'Munir', '${NOW}');
    `);
    const backup = migrate(db, 2, { libraryPath: file, migrations: [migration001, migration002, migration003] });
    expect(backup && fs.existsSync(backup)).toBe(true);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    const gids = ['article', 'annotation', 'claim', 'tag', 'annotation_tag', 'suggestion_dismissal'].flatMap((t) => db.prepare(`SELECT gid FROM ${t}`).pluck().all() as string[]);
    expect(gids).toHaveLength(6);
    expect(gids.every(isGid)).toBe(true);
    expect(new Set(gids).size).toBe(6);
    expect(isGid(db.prepare("SELECT value FROM library_meta WHERE key = 'device'").pluck().get())).toBe(true);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name IN ('change_set', 'row_change')").pluck().get()).toBe(2);

    expect(() => db.prepare("INSERT INTO tag (name, created_at) VALUES ('No gid', 'now')").run()).toThrow(/tag.gid is required/);
    expect(() => db.prepare('INSERT INTO tag (gid, name, created_at) VALUES (?, ?, ?)').run(gids[3], 'Same gid', NOW)).toThrow(/UNIQUE/);
    expect(() => db.prepare("UPDATE article SET gid = 'other'").run()).toThrow(/article.gid never changes/);
    expect(() => db.prepare('UPDATE article SET gid = NULL').run()).toThrow(/never changes/);
  });
});
