// The size limits of files from other tools, in one place. The exchange index checks every
// file against its format's limit once, before it is read from disk or, for bytes already in
// hand (an upload), before the format's module and parser are loaded.

/** A .qdpx above this is refused before it is opened. */
export const MAX_QDPX_BYTES = 500 * 1024 * 1024;
export const MAX_HYPOTHESIS_BYTES = 50 * 1024 * 1024;
export const MAX_ZOTERO_BYTES = 50 * 1024 * 1024;
/** A web archive above this is refused before it is read (a 1 GB crawl is not a reading list). */
export const MAX_WARC_BYTES = 500 * 1024 * 1024;
