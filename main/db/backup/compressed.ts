// Compressed backups.
//
// A zstd file of the snapshot, in frames of 32 MB of the snapshot each, so writing it and
// reading it back take 32 MB of memory however big the library is, synchronously (in the
// backup worker, or before a migration). Each data frame carries zstd's checksum of its
// content and is preceded by a skippable frame (zstd's own way to carry metadata, which
// `zstd -d` passes over) holding its compressed length, so it can be read frame by frame.
// Written by Node's zlib (zstd is built in from Node 22.15/23.8): no dependency.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { AppError } from '../../../common/api/errors.ts';
import { COMPRESSED_EXTENSION, fsyncPath, removeQuietly } from './files.ts';

const FRAME_INPUT = 32 * 2 ** 20;
const SKIPPABLE_MAGIC = 0x184d2a50;
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

/** Compresses `source` into a new file `target`; returns the SHA-256 of `source`. */
function compressFile(source: string, target: string): string {
  const hash = createHash('sha256');
  const input = fs.openSync(source, 'r');
  try {
    const output = fs.openSync(target, 'wx');
    try {
      const buffer = Buffer.allocUnsafe(FRAME_INPUT);
      for (let position = 0; ; ) {
        const n = readFully(input, buffer, position);
        if (n === 0) break;
        position += n;
        const chunk = buffer.subarray(0, n);
        hash.update(chunk);
        const frame = zlib.zstdCompressSync(chunk, ZSTD_OPTIONS);
        const head = Buffer.alloc(12);
        head.writeUInt32LE(SKIPPABLE_MAGIC, 0);
        head.writeUInt32LE(4, 4);
        head.writeUInt32LE(frame.length, 8);
        writeFully(output, head);
        writeFully(output, frame);
      }
      fs.fsyncSync(output);
    } finally {
      fs.closeSync(output);
    }
  } finally {
    fs.closeSync(input);
  }
  return hash.digest('hex');
}

/** Reads a compressed backup back, giving each piece of the snapshot to `sink`. Throws on any damage (a checksum, a length, a cut). */
function readCompressed(file: string, sink: (piece: Buffer) => void): void {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(12);
    for (let position = 0; ; ) {
      const n = readFully(fd, head, position);
      if (n === 0) return;
      const length = head.readUInt32LE(8);
      if (n < head.length || head.readUInt32LE(0) !== SKIPPABLE_MAGIC || head.readUInt32LE(4) !== 4 || length > 2 * FRAME_INPUT) {
        throw new Error('not a compressed Casefile backup, or cut short');
      }
      const frame = Buffer.allocUnsafe(length);
      if (readFully(fd, frame, position + head.length) !== length) throw new Error('cut short');
      sink(zlib.zstdDecompressSync(frame, { maxOutputLength: FRAME_INPUT }));
      position += head.length + length;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Compresses the checked snapshot `checked` into `target` (which must not exist): written
 * under a temporary name, read back and compared with the snapshot (SHA-256), synced, then
 * renamed into place. `checked` is left for the caller to remove.
 */
export function packBackup(checked: string, target: string, partial = `${checked}${COMPRESSED_EXTENSION}`): void {
  try {
    const digest = compressFile(checked, partial);
    const readBack = createHash('sha256');
    readCompressed(partial, (piece) => readBack.update(piece));
    if (readBack.digest('hex') !== digest) throw new AppError('EXPORT_FAILED', `The compressed backup ${target} did not read back as written; it was not kept.`);
    fs.renameSync(partial, target);
    fsyncPath(path.dirname(target));
  } catch (error) {
    removeQuietly(partial);
    throw error;
  }
}

/** Writes the snapshot in the compressed backup `backup` to the new file `target`; throws a reason on damage. */
export function decompressBackup(backup: string, target: string): void {
  const fd = fs.openSync(target, 'wx');
  try {
    readCompressed(backup, (piece) => writeFully(fd, piece));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
