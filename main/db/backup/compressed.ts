// Compressed backups, whole or built on an earlier one.
//
// A backup file is zstd frames of the snapshot's pages, 32 MB of pages per frame, so writing
// and reading take 32 MB of memory however big the library is, synchronously (in the backup
// worker, or before a migration). Each data frame carries zstd's checksum of its content
// and is preceded by a skippable frame (zstd's own way to carry metadata, which `zstd -d`
// passes over) holding its compressed length, so it can be read frame by frame.
//
// Before the pages, two more skippable frames: a header (page size, page count, the
// snapshot's SHA-256, and the backup it is built on, if any) and the page table (each
// page's hash, and where it is: in this file, or page N of the backup it is built on).
//   - A whole backup stores every page: `zstd -d` of it gives the library file.
//   - A backup built on another stores only the pages that backup does not have. A day of
//     work changes a fraction of a library's pages, so a week of daily backups costs about
//     one or two compressed libraries plus a few tenths of one (issue 17: at most twice the
//     library on disk; bench "Backups on disk, daily use"), where seven whole ones cost
//     seven compressed libraries, about four times the library.
// Only a whole backup is ever built on (no chains: a restore reads at most two files), and
// only inside the library's backups folder, by daily and migration backups; pruning keeps
// a whole backup for as long as a kept one is built on it (pruneBackups, write.ts).
// Files written before the header existed (only data frames) are read as whole backups.
// Written by Node's zlib (zstd is built in from Node 22.15/23.8): no dependency.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { AppError } from '../../../common/api/errors.ts';
import { COMPRESSED_EXTENSION, fsyncPath, PARTIAL_MARK, partialPath, removeQuietly } from './files.ts';
import { sha256 } from '../sha256.ts';

const FRAME_INPUT = 32 * 2 ** 20;
const DATA_LENGTH_MAGIC = 0x184d2a50;
const HEADER_MAGIC = 0x184d2a51;
const TABLE_MAGIC = 0x184d2a52;
const HEADER_FORMAT = 'casefile-backup-pages-1';
/** Bytes of a page's SHA-256 kept in the table: 128 bits, and the whole snapshot's SHA-256 is checked too. */
const PAGE_HASH_BYTES = 16;
const TABLE_ENTRY_BYTES = PAGE_HASH_BYTES + 4;
/** A page stored in this file (else: the page's number in the backup this one is built on). */
const STORED = 0xffffffff;
/** Built on an earlier backup only while that saves at least half the pages: past that, a new whole one is cheaper for the days after. */
const MOST_STORED_IN_INCREMENT = 0.5;
/**
 * And only on a whole backup made less than six and a half days before: a new whole one
 * about once a week. Each day's backup holds every page changed since its whole one, so
 * it grows day by day (at 10k with 100 new articles a day: 17% of a whole one the first
 * day, 3% more each day after). Over any seven days the folder then holds at most two
 * whole backups and a week of increments (bench: "Backups on disk, daily use").
 */
const WHOLE_BACKUP_EVERY_MS = 6.5 * 86_400_000;
// Level 3 with a window as long as the frame and long-distance matching: a library
// compresses to about 0.24 of its size (0.25 without them, 0.27 at level 2) for 10% more time.
const ZSTD_OPTIONS: zlib.ZstdOptions = {
  params: {
    [zlib.constants.ZSTD_c_compressionLevel]: 3,
    [zlib.constants.ZSTD_c_windowLog]: 25,
    [zlib.constants.ZSTD_c_enableLongDistanceMatching]: 1,
    [zlib.constants.ZSTD_c_checksumFlag]: 1,
  },
};

interface BackupHeader {
  format: typeof HEADER_FORMAT;
  pageSize: number;
  pageCount: number;
  /** SHA-256 of the whole snapshot (the library file a restore writes). */
  sha256: string;
  /** The whole backup this one is built on (its file name, in the same folder, and its snapshot's SHA-256), or null. */
  base: { name: string; sha256: string } | null;
  /** Pages stored in this file. */
  stored: number;
}

interface PagedBackup {
  header: BackupHeader;
  /** pageCount entries of TABLE_ENTRY_BYTES: the page's hash, then where it is (STORED, or its page number in the base). */
  table: Buffer;
  /** Where the data frames begin. */
  dataStart: number;
}

function readFully(fd: number, buffer: Buffer, position: number): number {
  let read = 0;
  while (read < buffer.length) {
    const n = fs.readSync(fd, buffer, read, buffer.length - read, position + read);
    if (n === 0) break;
    read += n;
  }
  return read;
}

function writeFully(fd: number, bytes: Uint8Array): void {
  for (let written = 0; written < bytes.length; ) written += fs.writeSync(fd, bytes, written, bytes.length - written);
}

function skippableFrame(magic: number, content: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32LE(magic, 0);
  head.writeUInt32LE(content.length, 4);
  return Buffer.concat([head, content]);
}

function pageHash(page: Uint8Array): Buffer {
  return sha256().update(page).digest().subarray(0, PAGE_HASH_BYTES);
}

/** Calls `each` with every page of the file, in order, read 32 MB at a time. */
function forEachPage(fd: number, pageSize: number, each: (page: Buffer, index: number) => void): void {
  const buffer = Buffer.allocUnsafe(FRAME_INPUT - (FRAME_INPUT % pageSize));
  for (let position = 0, index = 0; ; ) {
    const n = readFully(fd, buffer, position);
    if (n === 0) return;
    if (n % pageSize !== 0) throw new Error('the snapshot is not a whole number of pages');
    for (let offset = 0; offset < n; offset += pageSize, index += 1) each(buffer.subarray(offset, offset + pageSize), index);
    position += n;
  }
}

/** The header of a backup and where its page table begins, or null for one written before headers existed. Throws when it is damaged. */
function readHeader(fd: number): { header: BackupHeader; tableAt: number } | null {
  const head = Buffer.alloc(8);
  if (readFully(fd, head, 0) < 8 || head.readUInt32LE(0) !== HEADER_MAGIC) return null;
  const headerBytes = Buffer.allocUnsafe(head.readUInt32LE(4));
  if (headerBytes.length > 65_536 || readFully(fd, headerBytes, 8) !== headerBytes.length) throw new Error('its header is cut short');
  let header: BackupHeader;
  try {
    header = JSON.parse(headerBytes.toString('utf8')) as BackupHeader;
  } catch {
    throw new Error('its header is damaged');
  }
  // SQLite's page sizes are powers of two from 512 to 65,536, and a library has fewer than 2^32 pages.
  const { pageSize, pageCount, stored } = header;
  const sane = (n: unknown, max: number) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= max;
  if (header.format !== HEADER_FORMAT || !sane(pageSize, 65_536) || pageSize < 512 || (pageSize & (pageSize - 1)) !== 0 || !sane(pageCount, 2 ** 32 - 2) || !sane(stored, pageCount)) {
    throw new Error('its header is damaged');
  }
  return { header, tableAt: 8 + headerBytes.length };
}

/** The header and page table of a backup, or null for one written before they existed. Throws when they are damaged. */
function readPaged(fd: number): PagedBackup | null {
  const found = readHeader(fd);
  if (!found) return null;
  const { header, tableAt } = found;
  const head = Buffer.alloc(8);
  if (readFully(fd, head, tableAt) < 8 || head.readUInt32LE(0) !== TABLE_MAGIC || head.readUInt32LE(4) !== header.pageCount * TABLE_ENTRY_BYTES) {
    throw new Error('its page table is damaged or cut short');
  }
  const table = Buffer.allocUnsafe(header.pageCount * TABLE_ENTRY_BYTES);
  if (readFully(fd, table, tableAt + 8) !== table.length) throw new Error('its page table is cut short');
  return { header, table, dataStart: tableAt + 8 + table.length };
}

/** The decompressed data frames from `position` on, one at a time. Throws on any damage (a checksum, a length, a cut). */
function* dataFrames(fd: number, position: number): Generator<Buffer> {
  const head = Buffer.alloc(12);
  for (;;) {
    const n = readFully(fd, head, position);
    if (n === 0) return;
    const length = head.readUInt32LE(8);
    if (n < head.length || head.readUInt32LE(0) !== DATA_LENGTH_MAGIC || head.readUInt32LE(4) !== 4 || length > 2 * FRAME_INPUT) {
      throw new Error('not a compressed Casefile backup, or cut short');
    }
    const frame = Buffer.allocUnsafe(length);
    if (readFully(fd, frame, position + head.length) !== length) throw new Error('cut short');
    yield zlib.zstdDecompressSync(frame, { maxOutputLength: FRAME_INPUT });
    position += head.length + length;
  }
}

/** The stored pages of a paged backup, in order, each checked against its hash in the table. */
function* storedPages(fd: number, paged: PagedBackup): Generator<Buffer> {
  const { pageSize } = paged.header;
  for (const piece of dataFrames(fd, paged.dataStart)) {
    if (piece.length % pageSize !== 0) throw new Error('a frame holds part of a page');
    for (let offset = 0; offset < piece.length; offset += pageSize) yield piece.subarray(offset, offset + pageSize);
  }
}

/** A whole backup in the same folder to build on: the newest one with a page table and the same page size, made in the last WHOLE_BACKUP_EVERY_MS before `now`. */
function baseFor(target: string, pageSize: number, now: Date): { path: string; paged: PagedBackup } | null {
  const dir = path.dirname(target);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return null;
  }
  const candidates = names
    .filter((name) => name.toLowerCase().endsWith(COMPRESSED_EXTENSION) && !name.includes(PARTIAL_MARK) && path.join(dir, name) !== target)
    .map((name) => {
      try {
        return { path: path.join(dir, name), mtime: fs.statSync(path.join(dir, name)).mtimeMs };
      } catch {
        return null;
      }
    })
    // (A backup dated after `now`, the clock having gone back, is not one to build on.)
    .filter((c): c is { path: string; mtime: number } => c !== null && c.mtime <= now.getTime() && now.getTime() - c.mtime < WHOLE_BACKUP_EVERY_MS)
    .sort((a, b) => b.mtime - a.mtime);
  for (const candidate of candidates) {
    try {
      const fd = fs.openSync(candidate.path, 'r');
      try {
        // The header first: an increment's page table (13 MB at 100k) is never read here.
        const found = readHeader(fd);
        if (!found || found.header.base !== null || found.header.pageSize !== pageSize) continue;
        const paged = readPaged(fd);
        if (paged) return { path: candidate.path, paged };
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      // Damaged or removed meanwhile: not one to build on.
    }
  }
  return null;
}

/** The base's pages by hash: a 48-bit key to page numbers (the full 128-bit hash is compared on a hit). */
function pagesByHash(table: Buffer): Map<number, number> {
  const byKey = new Map<number, number>();
  const count = table.length / TABLE_ENTRY_BYTES;
  for (let i = 0; i < count; i += 1) {
    const key = table.readUIntLE(i * TABLE_ENTRY_BYTES, 6);
    if (!byKey.has(key)) byKey.set(key, i);
  }
  return byKey;
}

function sameHash(a: Buffer, aIndex: number, b: Buffer, bIndex: number): boolean {
  return a.compare(b, bIndex * TABLE_ENTRY_BYTES, bIndex * TABLE_ENTRY_BYTES + PAGE_HASH_BYTES, aIndex * TABLE_ENTRY_BYTES, aIndex * TABLE_ENTRY_BYTES + PAGE_HASH_BYTES) === 0;
}

/** Page size from a SQLite header (bytes 16–17, big-endian; 1 means 65,536). */
function sqlitePageSize(fd: number): number {
  const header = Buffer.alloc(18);
  if (readFully(fd, header, 0) < 18) throw new Error('the snapshot is too short to be a library');
  const raw = header.readUInt16BE(16);
  return raw === 1 ? 65_536 : raw;
}

export interface PackOptions {
  /** Build on the newest whole backup in the target's folder made in the last week, when that stores at most half the pages (daily and migration backups). */
  incremental?: boolean;
  /** The time the backup is made (default: now); a whole backup's age is measured from it. */
  now?: Date;
  /** The temporary file to write first (default: a new hidden name beside `target`). */
  partial?: string;
}

/** Writes the compressed backup of the snapshot `source` to the new file `target`; when `incremental` (the time it is made), built on a whole backup beside it if one is recent and saves enough. */
function writePacked(source: string, target: string, incremental: Date | null): void {
  const input = fs.openSync(source, 'r');
  try {
    const pageSize = sqlitePageSize(input);
    const pageCount = fs.fstatSync(input).size / pageSize;
    const table = Buffer.alloc(pageCount * TABLE_ENTRY_BYTES);
    const whole = sha256();
    forEachPage(input, pageSize, (page, i) => {
      whole.update(page);
      pageHash(page).copy(table, i * TABLE_ENTRY_BYTES);
      table.writeUInt32LE(STORED, i * TABLE_ENTRY_BYTES + PAGE_HASH_BYTES);
    });
    let stored = pageCount;
    let base: BackupHeader['base'] = null;
    const found = incremental ? baseFor(target, pageSize, incremental) : null;
    if (found) {
      const byKey = pagesByHash(found.paged.table);
      const sources = new Uint32Array(pageCount).fill(STORED);
      let inBase = 0;
      for (let i = 0; i < pageCount; i += 1) {
        const j = byKey.get(table.readUIntLE(i * TABLE_ENTRY_BYTES, 6));
        if (j !== undefined && sameHash(table, i, found.paged.table, j)) {
          sources[i] = j;
          inBase += 1;
        }
      }
      if (pageCount - inBase <= MOST_STORED_IN_INCREMENT * pageCount) {
        for (let i = 0; i < pageCount; i += 1) table.writeUInt32LE(sources[i]!, i * TABLE_ENTRY_BYTES + PAGE_HASH_BYTES);
        stored = pageCount - inBase;
        base = { name: path.basename(found.path), sha256: found.paged.header.sha256 };
      }
    }
    const header: BackupHeader = { format: HEADER_FORMAT, pageSize, pageCount, sha256: whole.digest('hex'), base, stored };

    const output = fs.openSync(target, 'wx');
    try {
      writeFully(output, skippableFrame(HEADER_MAGIC, Buffer.from(JSON.stringify(header), 'utf8')));
      writeFully(output, skippableFrame(TABLE_MAGIC, table));
      const frame = Buffer.allocUnsafe(FRAME_INPUT - (FRAME_INPUT % pageSize));
      let filled = 0;
      const flush = () => {
        if (filled === 0) return;
        const compressed = zlib.zstdCompressSync(frame.subarray(0, filled), ZSTD_OPTIONS);
        const length = Buffer.alloc(4);
        length.writeUInt32LE(compressed.length, 0);
        writeFully(output, skippableFrame(DATA_LENGTH_MAGIC, length));
        writeFully(output, compressed);
        filled = 0;
      };
      forEachPage(input, pageSize, (page, i) => {
        if (table.readUInt32LE(i * TABLE_ENTRY_BYTES + PAGE_HASH_BYTES) !== STORED) return;
        page.copy(frame, filled);
        filled += pageSize;
        if (filled === frame.length) flush();
      });
      flush();
      fs.fsyncSync(output);
    } finally {
      fs.closeSync(output);
    }
  } finally {
    fs.closeSync(input);
  }
}

/**
 * Checks a written backup on its own: its header and table read, every stored page
 * decompresses and matches its hash, there are as many as the header says, and a whole
 * backup's pages give the snapshot's SHA-256. (A page taken from the base was matched by
 * hash when it was written; the base's own pages were checked when the base was.)
 */
function verifyPacked(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    const paged = readPaged(fd);
    if (!paged) throw new Error('it has no header');
    const { header, table } = paged;
    const whole = sha256();
    const isStored = (index: number) => table.readUInt32LE(index * TABLE_ENTRY_BYTES + PAGE_HASH_BYTES) === STORED;
    let i = -1;
    let count = 0;
    for (const page of storedPages(fd, paged)) {
      // The next page of the table that this file stores.
      i += 1;
      while (i < header.pageCount && !isStored(i)) i += 1;
      if (i >= header.pageCount || pageHash(page).compare(table, i * TABLE_ENTRY_BYTES, i * TABLE_ENTRY_BYTES + PAGE_HASH_BYTES) !== 0) throw new Error('a page does not match its hash');
      if (!header.base) whole.update(page);
      count += 1;
    }
    if (count !== header.stored) throw new Error('pages are missing');
    if (!header.base && whole.digest('hex') !== header.sha256) throw new Error('the pages do not give the snapshot');
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Compresses the checked snapshot `checked` into `target` (which must not exist): written
 * under a temporary name, read back and checked against the snapshot's page hashes, synced,
 * then renamed into place. `checked` is left for the caller to remove.
 */
export function packBackup(checked: string, target: string, options: PackOptions = {}): void {
  const partial = options.partial ?? `${checked}${COMPRESSED_EXTENSION}`;
  try {
    writePacked(checked, partial, options.incremental ? (options.now ?? new Date()) : null);
    try {
      verifyPacked(partial);
    } catch (error) {
      throw new AppError('EXPORT_FAILED', `The compressed backup ${target} did not read back as written (${(error as Error).message}); it was not kept.`);
    }
    fs.renameSync(partial, target);
    fsyncPath(path.dirname(target));
  } catch (error) {
    removeQuietly(partial);
    throw error;
  }
}

/** A backup's header; null for one written before headers existed, or one that cannot be read. */
function headerOf(backup: string): BackupHeader | null {
  try {
    const fd = fs.openSync(backup, 'r');
    try {
      return readHeader(fd)?.header ?? null;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return null;
  }
}

/** The file name of the whole backup `backup` is built on, or null (a whole backup, an older one, or unreadable). */
export function backupBase(backup: string): string | null {
  return headerOf(backup)?.base?.name ?? null;
}

/**
 * Writes the snapshot in the compressed backup `backup` to the new file `target`; throws a
 * reason on damage (every page checked against its hash, and the whole against the
 * snapshot's SHA-256). A backup built on another needs that one beside it: it is
 * decompressed first, to a temporary file beside `target`, and its pages read from there.
 * Throws NOT_FOUND when that backup is missing.
 */
export function decompressBackup(backup: string, target: string): void {
  const fd = fs.openSync(backup, 'r');
  let baseCopy: string | null = null;
  let baseFd: number | null = null;
  try {
    const paged = readPaged(fd);
    const out = fs.openSync(target, 'wx');
    try {
      if (!paged) {
        for (const piece of dataFrames(fd, 0)) writeFully(out, piece);
      } else {
        const { header, table } = paged;
        if (header.base) {
          const basePath = path.join(path.dirname(backup), header.base.name);
          if (!fs.existsSync(basePath)) {
            throw new AppError('NOT_FOUND', `${path.basename(backup)} holds only the pages that changed since the backup ${header.base.name}, which is missing from ${path.dirname(backup)}.`);
          }
          // Only a whole backup is built on, and only the very one it was written against (a
          // damaged or replaced header must not lead to a chain, or to itself).
          const baseHeader = headerOf(basePath);
          if (!baseHeader || baseHeader.base !== null || baseHeader.sha256 !== header.base.sha256) {
            throw new Error(`the backup it is built on, ${header.base.name}, is not the one it was written against`);
          }
          baseCopy = partialPath(target);
          try {
            decompressBackup(basePath, baseCopy);
          } catch (error) {
            // A full disk (any failed system call) is not damage: it goes up as it is.
            if (error instanceof AppError || (error as NodeJS.ErrnoException).syscall !== undefined) throw error;
            throw new Error(`the backup it is built on, ${header.base.name}, is damaged: ${(error as Error).message}`);
          }
          baseFd = fs.openSync(baseCopy, 'r');
        }
        const whole = sha256();
        const stored = storedPages(fd, paged);
        const fromBase = Buffer.allocUnsafe(header.pageSize);
        const batch = Buffer.allocUnsafe(FRAME_INPUT - (FRAME_INPUT % header.pageSize));
        let filled = 0;
        for (let i = 0; i < header.pageCount; i += 1) {
          const source = table.readUInt32LE(i * TABLE_ENTRY_BYTES + PAGE_HASH_BYTES);
          let page: Buffer;
          if (source === STORED) {
            const next = stored.next();
            if (next.done) throw new Error('pages are missing');
            page = next.value;
          } else {
            if (baseFd === null || readFully(baseFd, fromBase, source * header.pageSize) !== header.pageSize) throw new Error('its page table points past the backup it is built on');
            page = fromBase;
          }
          if (pageHash(page).compare(table, i * TABLE_ENTRY_BYTES, i * TABLE_ENTRY_BYTES + PAGE_HASH_BYTES) !== 0) throw new Error('a page does not match its hash');
          whole.update(page);
          page.copy(batch, filled);
          filled += header.pageSize;
          if (filled === batch.length) {
            writeFully(out, batch);
            filled = 0;
          }
        }
        writeFully(out, batch.subarray(0, filled));
        if (!stored.next().done) throw new Error('it holds more pages than its table');
        if (whole.digest('hex') !== header.sha256) throw new Error('the pages do not give the snapshot');
      }
      fs.fsyncSync(out);
    } finally {
      fs.closeSync(out);
    }
  } finally {
    fs.closeSync(fd);
    if (baseFd !== null) fs.closeSync(baseFd);
    if (baseCopy) removeQuietly(baseCopy);
  }
}
