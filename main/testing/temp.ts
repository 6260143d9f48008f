// Test helpers: throwaway folders and libraries.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach } from 'vitest';
import { closeLibrary, openLibrarySession, type Library, type OpenLibraryOptions } from '../services/library.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

export function tempDir(prefix = 'casefile-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A new library in a temp folder (with the seed articles unless seed: false); closed after the test. */
export function tempLibrary(options: OpenLibraryOptions = {}): Library {
  const library = openLibrarySession(path.join(tempDir(), 'test.casefile'), { create: true, ...options });
  cleanups.push(() => closeLibrary(library));
  return library;
}

export function fileSha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
