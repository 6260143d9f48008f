// Passwords the desktop app keeps between runs (a team library's), encrypted by the
// operating system's keychain: Electron's safeStorage in the app (main/electron/main.ts
// makes the store). Only the encrypted bytes reach the disk, in one file of base64 blobs
// by key, replaced whole (replace-file.ts), readable by the user alone. Browser mode and
// the CLI have no store: there a password stays in memory (the CLI reads PGPASSWORD, a
// pgpass file or a prompt).
import fs from 'node:fs';
import { replaceFile } from './replace-file.ts';

export interface SecretStore {
  keep(key: string, secret: string): void;
  /** The secret kept under `key`, or null (none, or it can no longer be decrypted). */
  read(key: string): string | null;
  forget(key: string): void;
}

/** The operating system's encryption (Electron's safeStorage has this shape). */
export interface SecretCipher {
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export function fileSecretStore(file: string, cipher: SecretCipher): SecretStore {
  const load = (): Record<string, string> => {
    try {
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
    } catch {
      return {}; // no file yet, or a damaged one: nothing kept
    }
  };
  const save = (entries: Record<string, string>) => replaceFile(file, JSON.stringify(entries), 0o600);
  return {
    keep(key, secret) {
      save({ ...load(), [key]: cipher.encryptString(secret).toString('base64') });
    },
    read(key) {
      const blob = load()[key];
      if (typeof blob !== 'string') return null;
      try {
        return cipher.decryptString(Buffer.from(blob, 'base64'));
      } catch {
        return null; // encrypted under another account or keychain
      }
    },
    forget(key) {
      const entries = load();
      if (!(key in entries)) return;
      delete entries[key];
      save(entries);
    },
  };
}
