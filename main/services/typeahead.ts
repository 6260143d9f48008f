// What was typed in a picker's filter box ("Same claim as…", "Insert a highlight", the
// dossier's article list), read word by word so that each word may be found in a
// different place: the quote, the article's title, its outlet, a claimant's name. Each
// word is the search's own type-ahead term (search/query.ts: quotes and operators are
// plain text, Arabic-script spellings folded, the last word a prefix once it has two
// letters), plus the outlets and actors/sources whose names hold it.
import type { Db } from '../db/open.ts';
import { typeAheadQuery } from './search/query.ts';
import { entityIdsNamed } from '../db/repositories/entities.ts';
import { listOutlets } from '../db/repositories/library.ts';

export interface TypedWord {
  /** The word as an FTS5 expression. */
  fts: string;
  /** Outlets with a word starting with this one (as stored, for `outlet IN`). */
  outlets: string[];
  /** Actors and sources with a word of their name or of an alias starting with this one. */
  entityIds: number[];
}

/** More words than this narrow nothing a person would notice, and each costs a query. */
const MAX_WORDS = 8;

/** A typed word as it may appear in a name: letters and digits, with inner hyphens, apostrophes and dots ("al-Qaeda", "O'Neill"). */
function nameWord(chunk: string): string {
  return chunk
    .replace(/[^\p{L}\p{M}\p{N}'’.-]+/gu, ' ')
    .replace(/(^|\s)['’.-]+|['’.-]+(?=\s|$)/gu, '$1')
    .trim()
    .replace(/\s+/gu, ' ');
}

/** True when a word of `name` starts with `word` (ignoring case). */
function startsAWord(name: string, word: string): boolean {
  const lower = name.toLowerCase();
  const w = word.toLowerCase();
  return lower.startsWith(w) || lower.includes(` ${w}`);
}

/**
 * The words typed, each resolved to what it can match. Names (outlets, actors,
 * sources) are matched from a word's first two letters on, like entities.list: a single
 * letter would match half of them.
 */
export function typedWords(db: Db, text: string, options: { entities: boolean }): TypedWord[] {
  const endsInWord = !/[\s"”)]$/u.test(text);
  const chunks = text.split(/\s+/u).filter(Boolean).slice(0, MAX_WORDS);
  const words: TypedWord[] = [];
  let outlets: string[] | null = null;
  chunks.forEach((chunk, i) => {
    // typeAheadQuery reads its last word as a prefix: a trailing space keeps an earlier word whole.
    const fts = typeAheadQuery(i === chunks.length - 1 && endsInWord ? chunk : `${chunk} `);
    if (!fts) return;
    const word: TypedWord = { fts, outlets: [], entityIds: [] };
    const name = nameWord(chunk);
    if ([...name].length >= 2) {
      // A few dozen outlets at most, read once from their index.
      outlets ??= listOutlets(db);
      word.outlets = outlets.filter((o) => startsAWord(o, name));
      if (options.entities) {
        // As typed: LIKE ignores the case of ASCII letters only, as in entities.list.
        word.entityIds = entityIdsNamed(db, name);
      }
    }
    words.push(word);
  });
  return words;
}
