// The names and ids Casefile gives things in a REFI-QDA project, shared by the export
// (which writes them) and the import (which recognises a project Casefile wrote).
import { sha256Hex } from '../../db/sha256.ts';
import type { AnnotationKind } from '../../../common/api/methods/annotations.ts';

/**
 * A GUID derived from a name: the same record gets the same GUID in every export, so a
 * tool that re-imports an updated project can match what it already has. Formatted as
 * a name-based UUID (version 5 bits, SHA-256 rather than SHA-1).
 */
export function guidFor(name: string): string {
  const h = sha256Hex(name);
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`.toUpperCase();
}

/** The codes that stand for Casefile's kinds: the same GUIDs from every library. */
export const KIND_CODE_GUIDS: Record<AnnotationKind, string> = {
  claim: guidFor('casefile:kind:claim'),
  actor: guidFor('casefile:kind:actor'),
  source: guidFor('casefile:kind:source'),
  highlight: guidFor('casefile:kind:highlight'),
};

export const KIND_CODE_NAMES: Record<AnnotationKind, string> = { claim: 'Claim', actor: 'Actor', source: 'Source', highlight: 'Highlight' };

/** Article metadata travels as REFI variables on each text source, by these names. */
export const ARTICLE_VARIABLES = ['Outlet', 'Byline', 'URL', 'Published', 'Retrieved', 'Language', 'Text SHA-256', 'Original SHA-256'] as const;
export type ArticleVariable = (typeof ARTICLE_VARIABLES)[number];
