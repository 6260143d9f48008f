// The anchoring module: selectors over canonical text, re-anchoring, and quote lookup.
export { anchor, anchorAll, describe, ACCEPT_SCORE, CONTEXT_LENGTH, DISTINCTIVE_LENGTH } from './anchoring.ts';
export type { AnchorResult, AnchorStatus, TextSelector } from './anchoring.ts';
export { findQuote, QuoteAmbiguousError, QuoteNotFoundError } from './find-quote.ts';
export type { TextRange } from './find-quote.ts';
