import type { ArticleMetadata } from '../../../common/api/methods/articles.ts';
import type { SerializedDocument } from '../../../common/text/document.ts';

/** The original file exactly as it was imported: kept as evidence. */
export interface OriginalFile {
  bytes: Uint8Array;
  /** MIME type of the original, e.g. "text/plain", "text/html", "application/pdf". */
  type: string;
  /** File name as it was on disk (no directories), or null for pasted content. */
  name: string | null;
  /** The character encoding a text-like file (.txt, .md, .html) was read in, e.g. "utf-8", "windows-1256". */
  encoding?: string;
}

/**
 * A converted article, ready to be stored: metadata (every field as well as could be
 * determined), its Lexical body, and the original bytes.
 */
export interface ImportCandidate {
  metadata: ArticleMetadata;
  body: SerializedDocument;
  original: OriginalFile;
}

/**
 * A candidate made ready to store where it was converted (in a conversion worker): the
 * work that would otherwise hold the thread that owns the database. Built only by
 * prepareCandidate, from the candidate's own body and bytes.
 */
export interface PreparedCandidate {
  metadata: ArticleMetadata;
  /** `stored`: the bytes as the library stores them (storedOriginal in the articles repository). */
  original: OriginalFile & { sha256: string; stored: Uint8Array };
  /** The body as the library stores it (storedBody: its JSON, compressed against the text). */
  storedBody: Uint8Array;
  /** The canonical plain text of the body (canonicalText). */
  text: string;
  /** SHA-256 of `text` (UTF-8), hex: how the same text imported again is recognised. */
  textSha256: string;
  /** Locality-sensitive hashes of the text's MinHash signature: how a near-copy of a story is found. */
  storyBands: number[] | null;
}
