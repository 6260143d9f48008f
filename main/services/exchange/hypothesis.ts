// Hypothesis annotations: the JSON of its API (a search result, { rows, total }), of its
// client's export ({ export_date, export_userid, client_version, annotations }), or a
// bare list. Each annotation is matched to an article by its page's address (the
// article's recorded address, or the canonical address its original page declares),
// anchored with its quote and position selectors through Casefile's own anchoring, and
// becomes a highlight: its tags are tags, its text the note, its author and link a line
// of the note. Annotations on pages not in the library are listed by address, not
// written; replies and page notes, which quote no passage, are listed too.
import { anchor, findQuote } from '../../../common/anchoring/index.ts';
import { AppError } from '../../../common/api/errors.ts';
import type { ImportItemOutcome, ImportOutcome } from '../../../common/api/methods/import.ts';
import { createAnnotation } from '../annotations.ts';
import { displayName, importFailed } from '../import/failure.ts';
import { anchorText, findHighlightNoting } from '../../db/repositories/annotations.ts';
import type { Library } from '../library.ts';
import { eachStoredOriginal, listArticleUrls, readStoredOriginal } from '../../db/repositories/articles.ts';
import { runExchangeImport, short, SkipFile, SkipItem, type ExchangeImport, type ExchangeOptions } from './session.ts';
import type { Db } from '../../db/db.ts';

interface Selector {
  type?: string;
  exact?: string;
  prefix?: string;
  suffix?: string;
  start?: number;
  end?: number;
}

interface HypothesisAnnotation {
  id?: string;
  uri?: string;
  text?: string;
  tags?: unknown[];
  user?: string;
  user_info?: { display_name?: string | null } | null;
  created?: string;
  references?: unknown[];
  target?: { source?: string; selector?: Selector[] }[];
  document?: { title?: unknown; link?: { href?: string }[] };
  links?: { html?: string; incontext?: string };
}

/** The annotations in a Hypothesis JSON file, or null when it is not one. */
function annotationsOf(data: unknown): HypothesisAnnotation[] | null {
  const isAnnotation = (x: unknown): x is HypothesisAnnotation => typeof x === 'object' && x !== null && ('target' in x || 'uri' in x) && 'id' in x;
  if (Array.isArray(data)) return data.every(isAnnotation) ? data : null;
  if (typeof data !== 'object' || data === null) return null;
  const record = data as Record<string, unknown>;
  for (const key of ['rows', 'annotations']) {
    const list = record[key];
    if (Array.isArray(list) && list.every(isAnnotation)) return list;
  }
  return isAnnotation(data) ? [data] : null;
}

/** An address reduced to what identifies a page: no fragment, no tracking parameters, no trailing slash, case-insensitive host. */
export function pageKey(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  for (const name of [...url.searchParams.keys()]) if (/^(utm_|fbclid$|gclid$|mc_)/i.test(name)) url.searchParams.delete(name);
  url.hash = '';
  const path = url.pathname.replace(/\/+$/, '');
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  return `${host}${path}${url.search}`;
}

export async function importHypothesis(library: Library, bytes: Uint8Array, label: string, options: ExchangeOptions = {}): Promise<ImportOutcome> {
  return runExchangeImport(
    library,
    label,
    bytes,
    options,
    async (steps) => {
      let data: unknown;
      try {
        data = JSON.parse(new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, ''));
      } catch {
        throw importFailed(label, 'is not valid JSON');
      }
      const annotations = annotationsOf(data);
      if (!annotations) {
        throw new SkipFile(`${displayName(label)} is JSON but not Hypothesis annotations (a search result with "rows", a client export with "annotations", or a list of annotations); nothing was imported.`);
      }
      const reader = new HypothesisReader(library.db);
      // Finding each annotation's article and passage is the costly part: done here, where a cancel can come between two.
      const plans = await steps.each(annotations, 'annotation', (annotation) => reader.plan(annotation));
      return { plans, missing: reader.missing };
    },
    (session, { plans, missing }) => {
      let first: number | undefined;
      for (const plan of plans) {
        if (plan === null) continue;
        if ('report' in plan) session.report(plan.report);
        else {
          const articleId = write(session, plan);
          first ??= articleId ?? undefined;
        }
      }
      for (const [address, count] of missing) {
        session.report({
          item: `${count} annotation${count === 1 ? '' : 's'} on ${address}`,
          kind: 'highlight',
          status: 'skipped',
          reason: 'That page is not in the library: import it first (Import > From a web address), then this file again.',
        });
      }
      return first === undefined ? {} : { articleId: first };
    },
  );
}

/**
 * What to do with one annotation: report it as it is (a reply, a page note, an orphan),
 * write the highlight placed here, or nothing yet (null: its page is not in the library;
 * those are reported together, by address).
 */
type Plan =
  | null
  | { report: ImportItemOutcome }
  | { what: string; articleId: number; link: string | null; annotation: HypothesisAnnotation; quote: Selector; position: Selector | undefined; text: string; placed: ReturnType<typeof place> };

/** Writes a planned highlight (unless the same Hypothesis annotation is already one); its article's id, or null when it was skipped. */
function write(session: ExchangeImport, plan: Extract<NonNullable<Plan>, { placed: unknown }>): number | null {
  const { what, articleId, link, annotation, quote } = plan;
  try {
    // The article was read before the transaction: placed again should it have changed since.
    const text = anchorText(session.library.db, articleId);
    if (text === undefined) throw new SkipItem('Its article was deleted while the file was being read.');
    const placed = text === plan.text ? plan.placed : place(text, quote, plan.position);
    if (link) {
      const existing = findHighlightNoting(session.library.db, articleId, link);
      if (existing !== undefined) {
        session.report({ item: what, kind: 'highlight', status: 'duplicate', articleId, reason: `Already highlight ${existing}.` });
        return articleId;
      }
    }
    const tagIds = (annotation.tags ?? []).filter((t): t is string => typeof t === 'string' && t.trim().length > 0).map((t) => session.tag([t]));
    const note = [
      (annotation.text ?? '').trim(),
      placed.status === 'fuzzy' ? `Hypothesis quoted: “${quote.exact}”` : '',
      `Annotated by ${author(annotation)} on Hypothesis${annotation.created ? `, ${annotation.created.slice(0, 10)}` : ''}${link ? ` (${link})` : ''}`,
    ]
      .filter(Boolean)
      .join('\n\n');
    createAnnotation(session.library, session.input('annotations.create', { articleId, kind: 'highlight', target: { start: placed.start, end: placed.end }, note, tagIds }));
    session.report({
      item: what,
      kind: 'highlight',
      status: 'imported',
      articleId,
      anchor: placed.status,
      ...(placed.status !== 'exact' ? { reason: placed.status === 'moved' ? 'Found by its quote away from its recorded position.' : 'Found by a close match: the article’s words differ a little from the quote (kept in the note).' } : {}),
    });
    return articleId;
  } catch (error) {
    if (error instanceof SkipItem || (error instanceof AppError && error.code !== 'DISK_FULL')) {
      session.report({ item: what, kind: 'highlight', status: 'skipped', articleId, reason: error instanceof AppError ? (error.detail ?? error.message) : error.message });
      return null;
    }
    throw error;
  }
}

/** Reads, never writes: finds each annotation's article and the passage it quotes there. */
class HypothesisReader {
  readonly #db: Db;
  readonly #byKey = new Map<string, number>();
  #canonicalScanned = false;
  /** Annotations on pages not in the library, counted by address. */
  readonly missing = new Map<string, number>();

  constructor(db: Db) {
    this.#db = db;
    // The newest version of each address wins: annotations belong on the text as it is now.
    for (const row of listArticleUrls(db)) {
      const key = pageKey(row.url);
      if (key) this.#byKey.set(key, row.id);
    }
  }

  /** The article for an address: by its recorded address, else by the canonical address its original page declares. */
  #articleFor(addresses: string[]): number | null {
    const keys = addresses.map(pageKey).filter((k): k is string => k !== null);
    for (const key of keys) {
      const id = this.#byKey.get(key);
      if (id !== undefined) return id;
    }
    if (!this.#canonicalScanned) {
      this.#canonicalScanned = true;
      // Every page kept (an article's own or another appearance), read and checked a page of rows at a time.
      for (const original of eachStoredOriginal(this.#db, 'text/html')) {
        const id = original.articleId;
        // A damaged page cannot be matched by its address; it does not stop the rest of the import
        // (casefile check names it).
        const reading = readStoredOriginal(original.stored, original);
        if (!reading.ok) continue;
        const head = new TextDecoder('utf-8').decode(reading.bytes.subarray(0, 64 * 1024));
        for (const address of declaredAddresses(head)) {
          const key = pageKey(address);
          if (key && !this.#byKey.has(key)) this.#byKey.set(key, id);
        }
      }
      return this.#articleFor(addresses);
    }
    return null;
  }

  plan(annotation: HypothesisAnnotation): Plan {
    const target = annotation.target?.[0];
    const selectors = target?.selector ?? [];
    const quote = selectors.find((s) => s.type === 'TextQuoteSelector' && typeof s.exact === 'string' && s.exact.length > 0);
    const position = selectors.find((s) => s.type === 'TextPositionSelector' && Number.isInteger(s.start) && Number.isInteger(s.end));
    const address = target?.source ?? annotation.uri ?? '';
    const what = quote ? `annotation “${short(quote.exact!)}” on ${address}` : `annotation ${annotation.id ?? ''} on ${address}`;
    if ((annotation.references?.length ?? 0) > 0) {
      return { report: { item: what, kind: 'highlight', status: 'skipped', reason: 'A reply to another annotation: it quotes no passage.' } };
    }
    if (!quote) return { report: { item: what, kind: 'highlight', status: 'skipped', reason: 'A page note: it quotes no passage to highlight.' } };
    const articleId = this.#articleFor([address, annotation.uri ?? '', ...(annotation.document?.link ?? []).map((l) => l.href ?? '')]);
    if (articleId === null) {
      const shown = address || '(no address)';
      this.missing.set(shown, (this.missing.get(shown) ?? 0) + 1);
      return null;
    }
    const link = annotation.links?.html ?? (annotation.id ? `https://hypothes.is/a/${annotation.id}` : null);
    try {
      const text = anchorText(this.#db, articleId)!;
      return { what, articleId, link, annotation, quote, position, text, placed: place(text, quote, position) };
    } catch (error) {
      if (error instanceof SkipItem || (error instanceof AppError && error.code !== 'DISK_FULL')) {
        return { report: { item: what, kind: 'highlight', status: 'skipped', articleId, reason: error instanceof AppError ? (error.detail ?? error.message) : error.message } };
      }
      throw error;
    }
  }
}

/**
 * Where the quote is in the article: Casefile's anchoring (position, exact quote, scored
 * fuzzy match), then the quote with its whitespace loosened (a web page's text has line
 * breaks and runs of spaces where the article has one). An orphan is not written.
 */
function place(text: string, quote: Selector, position: Selector | undefined): { start: number; end: number; status: 'exact' | 'moved' | 'fuzzy' } {
  const exact = quote.exact!;
  const found = anchor(text, { exact, prefix: quote.prefix ?? '', suffix: quote.suffix ?? '', start: position?.start ?? 0, end: position?.end ?? exact.length });
  if (found.status === 'exact' || found.status === 'moved') return { start: found.start, end: found.end, status: found.status };
  const loose = looseMatch(text, exact);
  if (loose) return { ...loose, status: 'moved' };
  if (found.status === 'fuzzy') return { start: found.start, end: found.end, status: 'fuzzy' };
  // The context and position describe the web page (its menus, its headings), not the
  // article Casefile kept: the quote alone decides the close match.
  const byQuote = anchor(text, { exact, prefix: '', suffix: '', start: 0, end: exact.length });
  if (byQuote.status !== 'orphan') return { start: byQuote.start, end: byQuote.end, status: byQuote.status === 'fuzzy' ? 'fuzzy' : 'moved' };
  throw new SkipItem('Its quote is not in the article’s text (an orphan): nothing was written.');
}

function looseMatch(text: string, exact: string): { start: number; end: number } | null {
  const words = exact.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'g');
  const matches = [...text.matchAll(pattern)];
  if (matches.length !== 1) return null;
  const m = matches[0]!;
  try {
    // The same words once, whatever the spacing: confirm with the quote finder on the article's own spelling.
    return findQuote(text, m[0], undefined);
  } catch {
    return { start: m.index, end: m.index + m[0].length };
  }
}

function author(annotation: HypothesisAnnotation): string {
  const display = annotation.user_info?.display_name?.trim();
  if (display) return display;
  const account = /^acct:([^@]+)@(.+)$/.exec(annotation.user ?? '');
  return account ? account[1]! : (annotation.user ?? 'an unknown user');
}

/** Addresses an HTML page declares for itself: rel=canonical and og:url. */
function declaredAddresses(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    if (/\brel\s*=\s*["']?[^"'>]*\bcanonical\b/i.test(m[0])) {
      const href = /\bhref\s*=\s*["']([^"']+)["']/i.exec(m[0]);
      if (href) out.push(href[1]!);
    }
  }
  for (const m of html.matchAll(/<meta\b[^>]*>/gi)) {
    if (/\bproperty\s*=\s*["']og:url["']/i.test(m[0])) {
      const content = /\bcontent\s*=\s*["']([^"']+)["']/i.exec(m[0]);
      if (content) out.push(content[1]!);
    }
  }
  return out;
}

