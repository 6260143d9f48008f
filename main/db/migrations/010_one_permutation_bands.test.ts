import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { bandHashes, signature } from '../minhash.ts';
import { tempDir } from '../../testing/temp.ts';
import { migrations } from './index.ts';

const NOW = '2026-12-05T10:00:00.000Z';
const WIRE = Array.from({ length: 8 }, (_, i) => `Paragraph ${i}: officials at the Torkham crossing said trade would resume once the talks in Islamabad ended.`).join('\n');

describe('migration 010: story bands from a one-permutation MinHash', () => {
  it('replaces every stored band with the bands of the text as the signature now computes them', () => {
    const file = path.join(tempDir(), 'v9.casefile');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    migrate(db, 0, { libraryPath: file, migrations: migrations.filter((m) => m.version <= 9) });
    const insert = db.prepare(`INSERT INTO article (gid, title, retrieved_at, text_sha256, created_at, updated_at, body, text) VALUES (?, 'Torkham', ?, ?, ?, ?, x'00', ?)`);
    const long = Number(insert.run('g1', NOW, 'a', NOW, NOW, WIRE).lastInsertRowid);
    const short = Number(insert.run('g2', NOW, 'b', NOW, NOW, 'Too short to compare.').lastInsertRowid);
    // Bands as the 64-hash signature stored them (any other values: they are only compared with bands).
    const band = db.prepare('INSERT INTO article_story_band (band, hash, article_id) VALUES (?, ?, ?)');
    for (let b = 0; b < 16; b += 1) band.run(b, 1000 + b, long);
    band.run(0, 7, short);

    migrate(db, 9, { libraryPath: file, migrations: migrations.filter((m) => m.version <= 10) });
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    const stored = db.prepare('SELECT article_id, band, hash FROM article_story_band ORDER BY article_id, band').all();
    expect(stored).toEqual(bandHashes(signature(WIRE)!).map((hash, b) => ({ article_id: long, band: b, hash })));
    db.close();
  });
});
