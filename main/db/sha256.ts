// SHA-256, the library's one fingerprint: of original files and canonical texts (lower-case
// hex, as libraries store them), of backup pages. node:crypto loads on the first hash
// (process.getBuiltinModule): a command that hashes nothing, like `casefile list`, does not
// pay its 5 ms load.
import type { Hash } from 'node:crypto';

/** A SHA-256 hash to feed piece by piece. */
export function sha256(): Hash {
  return process.getBuiltinModule('node:crypto').createHash('sha256');
}

/** SHA-256 of bytes, or of a string's UTF-8, as lower-case hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return sha256().update(data).digest('hex');
}
