// The state a crash leaves in the middle of a checkpoint: SQLite has copied page 1 from the
// write-ahead log into the main file (so the header counts the grown database) but not yet
// the pages after it. The library is whole: the missing pages are in the log, and SQLite
// reads them from there on open. Casefile must open it, not call it damaged.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLibrary, closeLibrary, openLibrarySession } from '../services/library.ts';
import { BIN, ROOT, openRefusal } from '../hardening/helpers.ts';
import { fileSha256 } from '../testing/temp.ts';
import { interruptedCheckpoint, WAL_FRAME_HEADER_BYTES as FRAME_HEADER, WAL_HEADER_BYTES as WAL_HEADER } from '../testing/interrupted-checkpoint.ts';
import { listBackups, manualBackupPath } from './backup/files.ts';
import { restoreBackup } from './backup/restore.ts';
import { writeBackup } from './backup/write.ts';
import { checkNotTruncated, readWal } from './file-check.ts';

const refusal = openRefusal;

function walReader(file: string) {
  const bytes = fs.readFileSync(file);
  return readWal((position, length) => bytes.subarray(position, position + length), bytes.length);
}

describe('a checkpoint interrupted by a crash', () => {
  it('leaves a header ahead of the main file with the missing pages in the log: the library opens, passes check and keeps every row', () => {
    const { file, rows, mainPages, headerPages } = interruptedCheckpoint();
    expect(headerPages, 'the header counts pages the main file does not hold').toBeGreaterThan(mainPages + 20);
    expect(checkNotTruncated(file)).toEqual({ truncated: false, pagesFromWal: headerPages - mainPages });

    const opened = openLibrarySession(file, { dailyBackup: false });
    try {
      expect(checkLibrary(opened)).toMatchObject({ ok: true });
      expect(opened.db.prepare('SELECT id, note, start_offset, end_offset FROM annotation ORDER BY id').all()).toEqual(rows);
    } finally {
      closeLibrary(opened);
    }
    const check = spawnSync(process.execPath, [BIN, 'check', '--library', file], { cwd: ROOT, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.stdout).toMatch(/^ok: /);
  });

  it('the check itself writes nothing: both files byte-identical and no shared-memory file made', () => {
    const { file } = interruptedCheckpoint();
    const before = [fileSha256(file), fileSha256(`${file}-wal`)];
    checkNotTruncated(file);
    expect([fileSha256(file), fileSha256(`${file}-wal`)]).toEqual(before);
    expect(fs.existsSync(`${file}-shm`)).toBe(false);
  });

  it('casefile restore does not replace it without --force: it opens fine', () => {
    const { file } = interruptedCheckpoint();
    const backup = manualBackupPath(file);
    const other = openLibrarySession(path.join(path.dirname(file), 'other.casefile'), { create: true, dailyBackup: false });
    writeBackup(other.db, backup);
    closeLibrary(other);
    expect(listBackups(file)).toHaveLength(1);
    expect(() => restoreBackup(backup, file)).toThrow(/opens fine \(2 articles, 240 highlights\)/);
  });

  it('with the log gone, the same file is refused as cut short, byte-identical', () => {
    const { file } = interruptedCheckpoint();
    fs.rmSync(`${file}-wal`);
    const before = fileSha256(file);
    const error = refusal(file);
    expect(error.code).toBe('LIBRARY_CORRUPT');
    expect(error.detail).toMatch(/Research\.casefile is damaged \(it has \d+ of its \d+ bytes: the file was cut short, and there is no write-ahead log/);
    expect(fileSha256(file)).toBe(before);
  });

  it('a log cut before the frames that hold the missing pages is refused', () => {
    const { file, mainPages } = interruptedCheckpoint();
    const wal = fs.readFileSync(`${file}-wal`);
    const pageSize = wal.readUInt32BE(8);
    // Keep only the frames up to (not including) the first that writes a page past the main file.
    let cut = WAL_HEADER;
    while (cut + FRAME_HEADER + pageSize <= wal.length && wal.readUInt32BE(cut) <= mainPages) cut += FRAME_HEADER + pageSize;
    fs.writeFileSync(`${file}-wal`, wal.subarray(0, cut));
    const error = refusal(file);
    expect(error.code).toBe('LIBRARY_CORRUPT');
    // Cut before any commit that writes a missing page: either no complete transaction is left, or not the ones that matter.
    expect(error.detail).toMatch(/(its write-ahead log lacks \d+ of the \d+ missing pages|the write-ahead log beside it holds no complete transaction)/);
  });

  it('a log whose frames fail their checksum counts for nothing', () => {
    const { file } = interruptedCheckpoint();
    const wal = fs.readFileSync(`${file}-wal`);
    const pageSize = wal.readUInt32BE(8);
    // One flipped byte in the first frame's page breaks the checksum chain from there on,
    // as SQLite reads it: no frame is valid, so nothing supplies the missing pages.
    wal[WAL_HEADER + FRAME_HEADER + pageSize - 1]! ^= 0xff;
    fs.writeFileSync(`${file}-wal`, wal);
    expect(walReader(`${file}-wal`)).toMatchObject({ committedPageCount: null, committedFrames: 0 });
    const error = refusal(file);
    expect(error.code).toBe('LIBRARY_CORRUPT');
    expect(error.detail).toMatch(/the write-ahead log beside it holds no complete transaction to supply the rest/);
  });

  it('a log of another generation (salts that do not match its header) or not a log at all is no help', () => {
    const { file } = interruptedCheckpoint();
    const wal = fs.readFileSync(`${file}-wal`);
    const otherSalt = Buffer.from(wal);
    otherSalt.writeUInt32BE((otherSalt.readUInt32BE(16) + 1) >>> 0, 16);
    expect(walReader(file + '-wal')).not.toBeNull();
    fs.writeFileSync(`${file}-wal`, otherSalt);
    expect(walReader(`${file}-wal`)).toBeNull(); // the header's own checksum no longer matches
    expect(refusal(file).code).toBe('LIBRARY_CORRUPT');
    fs.writeFileSync(`${file}-wal`, 'not a write-ahead log');
    expect(refusal(file).code).toBe('LIBRARY_CORRUPT');
  });
});
