// Everything about a converted article that storing needs and that does not need the
// database: its canonical text, the two SHA-256 hashes that find duplicates, and the
// body and original file in their stored (compressed) form. Computed in the conversion worker, so the thread that owns the database
// only looks up and inserts. The hashes are the ones libraries already hold: SHA-256 of
// the canonical text (UTF-8) and of the original bytes, lower-case hex.
import { canonicalText } from '../../../common/text/document.ts';
import { bandHashes, signature } from '../../db/minhash.ts';
import { storedBody, storedOriginal } from '../../db/repositories/articles.ts';
import { sha256Hex } from '../../db/sha256.ts';
import type { ImportCandidate, PreparedCandidate } from './types.ts';

export function prepareCandidate(candidate: ImportCandidate): PreparedCandidate {
  const text = canonicalText(candidate.body);
  return {
    metadata: candidate.metadata,
    // Compressed here, in the conversion worker, like the hashes: the thread that owns the
    // database only inserts. Own copies (zlib hands back views on larger chunks), so the
    // worker can transfer them.
    original: { ...candidate.original, sha256: sha256Hex(candidate.original.bytes), stored: new Uint8Array(storedOriginal(candidate.original.bytes)) },
    storedBody: new Uint8Array(storedBody(JSON.stringify(candidate.body), text)),
    text,
    textSha256: sha256Hex(text),
    storyBands: storyBands(text),
  };
}

/** The bands of the text's MinHash signature (main/db/minhash.ts), or null for a text too short to compare. */
export function storyBands(text: string): number[] | null {
  const sig = signature(text);
  return sig ? bandHashes(sig) : null;
}

export function isPrepared(candidate: ImportCandidate | PreparedCandidate): candidate is PreparedCandidate {
  return 'textSha256' in candidate;
}
