import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SETTINGS_FILE, readSettings, writeSettings } from './settings.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-settings-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('settings', () => {
  it('starts from defaults and remembers the last library', () => {
    expect(readSettings(dir)).toEqual({ lastLibrary: null });
    writeSettings(dir, { lastLibrary: '/libs/a.casefile' });
    expect(readSettings(dir)).toEqual({ lastLibrary: '/libs/a.casefile' });
    writeSettings(dir, { lastLibrary: '/libs/b.casefile' });
    expect(readSettings(dir)).toEqual({ lastLibrary: '/libs/b.casefile' });
    // The rename leaves no temporary file behind.
    expect(fs.readdirSync(dir)).toEqual([SETTINGS_FILE]);
  });

  it('creates its folder', () => {
    const nested = path.join(dir, 'a', 'b');
    writeSettings(nested, { lastLibrary: null });
    expect(readSettings(nested)).toEqual({ lastLibrary: null });
  });

  it('treats a damaged or odd file as defaults', () => {
    fs.writeFileSync(path.join(dir, SETTINGS_FILE), '{"lastLibrary": "/half');
    expect(readSettings(dir)).toEqual({ lastLibrary: null });
    fs.writeFileSync(path.join(dir, SETTINGS_FILE), JSON.stringify({ lastLibrary: 'relative.casefile' }));
    expect(readSettings(dir)).toEqual({ lastLibrary: null });
    fs.writeFileSync(path.join(dir, SETTINGS_FILE), JSON.stringify({ lastLibrary: 42 }));
    expect(readSettings(dir)).toEqual({ lastLibrary: null });
  });

  it('keeps the previous file, and no temporary file, when a write fails', () => {
    writeSettings(dir, { lastLibrary: '/libs/a.casefile' });
    const rename = vi.spyOn(fs, 'renameSync').mockImplementation(() => {
      throw Object.assign(new Error('simulated I/O error'), { code: 'EIO' });
    });
    try {
      expect(() => writeSettings(dir, { lastLibrary: '/libs/b.casefile' })).toThrow('simulated I/O error');
    } finally {
      rename.mockRestore();
    }
    expect(readSettings(dir)).toEqual({ lastLibrary: '/libs/a.casefile' });
    expect(fs.readdirSync(dir)).toEqual([SETTINGS_FILE]);
  });
});
