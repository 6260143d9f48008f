import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/temp.ts';
import { fileSecretStore, type SecretCipher } from './secrets.ts';

/** Stands in for the keychain: reversible, and never the plain text (safeStorage itself needs Electron). */
const cipher: SecretCipher = {
  encryptString: (plain) => Buffer.from(`sealed:${Buffer.from(plain).reverse().toString('hex')}`),
  decryptString: (encrypted) => {
    const text = encrypted.toString();
    if (!text.startsWith('sealed:')) throw new Error('not ours');
    return Buffer.from(text.slice(7), 'hex').reverse().toString();
  },
};

describe('fileSecretStore', () => {
  it('keeps, reads and forgets secrets by key, writing only what the cipher sealed, readable by the user alone', () => {
    const file = path.join(tempDir(), 'app', 'team-passwords.json');
    const store = fileSecretStore(file, cipher);
    expect(store.read('desk')).toBeNull();
    store.keep('desk', 'correct horse battery');
    store.keep('newsroom', 'another one');
    expect(store.read('desk')).toBe('correct horse battery');
    expect(fileSecretStore(file, cipher).read('newsroom')).toBe('another one');
    expect(fs.readFileSync(file, 'utf8')).not.toContain('correct horse');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['team-passwords.json']); // no temporary file left
    store.forget('desk');
    expect(store.read('desk')).toBeNull();
    expect(store.read('newsroom')).toBe('another one');
  });

  it('reads nothing from a damaged file or a secret sealed by another keychain, and recovers on the next keep', () => {
    const file = path.join(tempDir(), 'team-passwords.json');
    fs.writeFileSync(file, '{not json');
    const store = fileSecretStore(file, cipher);
    expect(store.read('desk')).toBeNull();
    fs.writeFileSync(file, JSON.stringify({ desk: Buffer.from('sealed elsewhere').toString('base64') }));
    expect(store.read('desk')).toBeNull();
    store.keep('desk', 'fresh');
    expect(store.read('desk')).toBe('fresh');
  });

  it('is readable by the user alone even when a temporary file of a crashed run was left with wider permissions', () => {
    const file = path.join(tempDir(), 'team-passwords.json');
    fs.writeFileSync(file, '{}', { mode: 0o644 });
    // What an older run killed between its write and its rename could leave, under this process's number.
    fs.writeFileSync(`${file}.${process.pid}.tmp`, 'stale', { mode: 0o644 });
    fileSecretStore(file, cipher).keep('desk', 'correct horse battery');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fileSecretStore(file, cipher).read('desk')).toBe('correct horse battery');
  });
});
