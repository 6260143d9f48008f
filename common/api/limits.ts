// Lengths the API accepts, in one place: the schemas validate against them and the code
// that produces such values itself (the importer) keeps within them. Kept free of zod so
// the import workers can read them without loading the schemas.

/** An article's title, in UTF-16 code units (what `string.length` and zod's `max` count). */
export const TITLE_MAX_LENGTH = 2_000;
