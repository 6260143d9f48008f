// Suggested actor mentions in one article: known actors' names and aliases found in the
// text, and capitalised runs that may name actors nobody has recorded. Only where no
// actor highlight is yet, and never a text the researcher dismissed in this article.
// Nothing is highlighted until the researcher accepts, through annotations.create.
import { AppError } from '../../../common/api/errors.ts';
import type { ParsedInput } from '../../../common/api/contract.ts';
import type { Annotation, EntityRef } from '../../../common/api/methods/annotations.ts';
import type { ArticleSuggestions, CandidateSuggestion, KnownMentionSuggestion, TextRange } from '../../../common/api/methods/connections.ts';
import type { Db } from '../../db/open.ts';
import * as repo from '../../db/repositories/search.ts';
import { createAnnotation } from '../annotations.ts';
import { nowIso } from '../../db/time.ts';
import type { Library } from '../library.ts';
import { properNounRuns } from './propernouns.ts';
import { mutate } from '../../db/mutation.ts';
import { quoted } from '../../../common/text/quote.ts';

/** Same-length folding so offsets in the folded text are offsets in the article: curly apostrophes, no-break spaces. */
function fold(text: string): string {
  return text.replace(/[’‘ʼ]/gu, "'").replace(/\u00a0/gu, ' ');
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Matches any of the names as whole words, longest first; spaces in a name match any run of spaces. */
function namesPattern(names: readonly string[]): RegExp | null {
  if (names.length === 0) return null;
  const alternatives = [...names]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map((n) => escapeRegExp(fold(n)).replace(/\s+/gu, '[ \\t]+'));
  return new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{M}\\p{N}])`, 'gu');
}

interface ArticleContext {
  text: string;
  folded: string;
  /** Ranges of the article's actor highlights, sorted by start. */
  actorRanges: TextRange[];
  dismissed: Set<string>;
}

function readArticle(db: Db, articleId: number): ArticleContext {
  const text = repo.articleText(db, articleId);
  if (text === undefined) throw new AppError('NOT_FOUND', `There is no article ${articleId} in this library.`);
  const actorRanges: TextRange[] = repo.actorHighlightRanges(db, articleId);
  const dismissed = new Set(repo.dismissedSuggestions(db, articleId));
  return { text, folded: fold(text), actorRanges, dismissed };
}

function overlaps(ranges: readonly TextRange[], r: TextRange): boolean {
  return ranges.some((x) => x.start < r.end && r.start < x.end);
}

/** Known names as they are written for matching, each with the actors it may name. */
function knownNames(db: Db): Map<string, EntityRef[]> {
  const rows = repo.actorNames(db);
  const names = new Map<string, EntityRef[]>();
  for (const r of rows) {
    const key = fold(r.text.trim());
    if (!/[\p{L}\p{N}]/u.test(key)) continue;
    const list = names.get(key) ?? [];
    if (!list.some((e) => e.id === r.id)) list.push({ id: r.id, kind: 'actor', name: r.name, reliability: null });
    names.set(key, list);
  }
  return names;
}

function findKnown(context: ArticleContext, names: Map<string, EntityRef[]>): KnownMentionSuggestion[] {
  const pattern = namesPattern([...names.keys()]);
  if (!pattern) return [];
  const byText = new Map<string, KnownMentionSuggestion>();
  for (const m of context.folded.matchAll(pattern)) {
    const range = { start: m.index, end: m.index + m[0].length };
    if (overlaps(context.actorRanges, range)) continue;
    const key = m[0].replace(/[ \t]+/gu, ' ');
    const written = context.text.slice(range.start, range.end);
    if (context.dismissed.has(written) || context.dismissed.has(key)) continue;
    const entry = byText.get(key) ?? { text: written, actors: names.get(key) ?? [], occurrences: [] };
    entry.occurrences.push(range);
    byText.set(key, entry);
  }
  return [...byText.values()].sort((a, b) => b.occurrences.length - a.occurrences.length || a.occurrences[0]!.start - b.occurrences[0]!.start);
}

function findCandidates(context: ArticleContext, names: Map<string, EntityRef[]>, taken: readonly TextRange[], limit: number): CandidateSuggestion[] {
  const known = new Set([...names.keys()].map((n) => n.toLowerCase()));
  const byText = new Map<string, CandidateSuggestion>();
  for (const run of properNounRuns(context.text)) {
    const key = fold(run.text).replace(/\s+/gu, ' ');
    if (known.has(key.toLowerCase()) || context.dismissed.has(run.text) || context.dismissed.has(key)) continue;
    const range = { start: run.start, end: run.end };
    // A longer run around a known name ("Muhammad Ishaq Dar" around the alias "Dar") may be someone else: keep it.
    if (overlaps(context.actorRanges, range) || taken.some((t) => t.start <= range.start && range.end <= t.end)) continue;
    const entry = byText.get(key) ?? { text: run.text, occurrences: [] };
    entry.occurrences.push(range);
    byText.set(key, entry);
  }
  return [...byText.values()]
    .sort((a, b) => b.occurrences.length - a.occurrences.length || a.occurrences[0]!.start - b.occurrences[0]!.start)
    .slice(0, limit);
}

export function listSuggestions(library: Library, input: ParsedInput<'suggestions.list'>): ArticleSuggestions {
  const context = readArticle(library.db, input.articleId);
  const names = knownNames(library.db);
  const known = findKnown(context, names);
  const candidates = findCandidates(context, names, known.flatMap((k) => k.occurrences), input.limit);
  return { articleId: input.articleId, known: known.slice(0, input.limit), candidates, dismissed: [...context.dismissed].sort() };
}

/** Where `text` stands as a whole word in the article and no actor highlight is yet. */
function occurrencesOf(context: ArticleContext, text: string): TextRange[] {
  const pattern = namesPattern([text]);
  if (!pattern) return [];
  return [...context.folded.matchAll(pattern)]
    .map((m) => ({ start: m.index, end: m.index + m[0].length }))
    .filter((r) => !overlaps(context.actorRanges, r));
}

export function acceptSuggestion(library: Library, input: ParsedInput<'suggestions.accept'>): Annotation[] {
  const { db } = library;
  return mutate(db, { label: `Tag ${ranges(input)} ${quoted(input.text)} as actor` }, () => {
    const context = readArticle(db, input.articleId);
    const wanted = fold(input.text).replace(/\s+/gu, ' ');
    const ranges = [...(input.ranges ?? occurrencesOf(context, input.text))].sort((a, b) => a.start - b.start);
    if (ranges.some((r, i) => i > 0 && r.start < ranges[i - 1]!.end)) throw new AppError('INVALID_INPUT', 'The ranges to highlight overlap each other.');
    if (ranges.length === 0) throw new AppError('CONFLICT', `"${input.text}" no longer occurs in article ${input.articleId} outside actor highlights.`);
    for (const r of ranges) {
      const found = fold(context.text.slice(r.start, r.end)).replace(/\s+/gu, ' ');
      if (r.end > context.text.length || found !== wanted) {
        throw new AppError('CONFLICT', `The text at ${r.start}-${r.end} in article ${input.articleId} is not "${input.text}" (the article may have changed).`);
      }
      if (overlaps(context.actorRanges, r)) throw new AppError('CONFLICT', `The text at ${r.start}-${r.end} is already highlighted as an actor.`);
    }
    return ranges.map((r) =>
      createAnnotation(library, { articleId: input.articleId, kind: 'actor', target: { start: r.start, end: r.end }, entity: input.actor }),
    );
  }).result;
}

function ranges(input: ParsedInput<'suggestions.accept'>): string {
  return input.ranges?.length === 1 ? 'one' : 'every';
}

export function dismissSuggestion(library: Library, input: ParsedInput<'suggestions.dismiss'>): { articleId: number; text: string } {
  readArticle(library.db, input.articleId);
  mutate(library.db, { label: `Dismiss the suggestion ${quoted(input.text)}` }, () => repo.insertDismissal(library.db, input.articleId, input.text, nowIso()));
  return { articleId: input.articleId, text: input.text };
}

export function undismissSuggestion(library: Library, input: ParsedInput<'suggestions.undismiss'>): { articleId: number; text: string } {
  readArticle(library.db, input.articleId);
  const removed = mutate(library.db, { label: `Suggest ${quoted(input.text)} again` }, () => repo.deleteDismissal(library.db, input.articleId, input.text)).result;
  if (removed === 0) throw new AppError('NOT_FOUND', `"${input.text}" was not dismissed in article ${input.articleId}.`);
  return { articleId: input.articleId, text: input.text };
}
