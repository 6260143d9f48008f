// Article metadata a web page declares about itself, read in order of trust: JSON-LD,
// then OpenGraph / citation_* / Dublin Core meta tags, then the document itself.
// Everything here only reads; JSON-LD is parsed as data, never run.
import { TITLE_MAX_LENGTH } from '../../../common/api/limits.ts';
import type { TextDirection } from '../../../common/api/methods/articles.ts';
import { normalizeDate } from './dates.ts';
import { normalizeLanguageTag } from './language.ts';
import { truncateAtBoundary } from './title.ts';

export interface PageMetadata {
  title: string | null;
  byline: string | null;
  outlet: string | null;
  url: string | null;
  publishedAt: string | null;
  language: string | null;
  direction: TextDirection | null;
}

export const EMPTY_METADATA: PageMetadata = {
  title: null,
  byline: null,
  outlet: null,
  url: null,
  publishedAt: null,
  language: null,
  direction: null,
};

/** Field by field, the first layer that knows a value wins. */
export function mergeMetadata(...layers: Partial<PageMetadata>[]): PageMetadata {
  const merged: PageMetadata = { ...EMPTY_METADATA };
  for (const key of Object.keys(merged) as (keyof PageMetadata)[]) {
    for (const layer of layers) {
      const value = layer[key];
      if (value !== null && value !== undefined && value !== '') {
        (merged as unknown as Record<string, unknown>)[key] = value;
        break;
      }
    }
  }
  return merged;
}

// ---- small value helpers ------------------------------------------------------------

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the few entities CMSs leave double-encoded in metadata ("Q&amp;A"). */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n = code[1] === 'x' || code[1] === 'X' ? Number.parseInt(code.slice(2), 16) : Number.parseInt(code.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
    }
    return NAMED_ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/** Trimmed, whitespace-collapsed, entity-decoded text, or null when blank; beyond `max`, cut at a word with "…". */
export function cleanText(value: unknown, max = 500): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = decodeEntities(String(value)).replace(/\s+/g, ' ').trim();
  return text.length > 0 ? truncateAtBoundary(text, max) : null;
}

/** cleanText for a title: as long as the API allows a title to be. */
export function cleanTitle(value: unknown): string | null {
  return cleanText(value, TITLE_MAX_LENGTH);
}

/** An absolute http(s) URL, or null. */
export function httpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A byline as a reader expects it: no "By " prefix, no URL, no social handle. */
export function cleanByline(value: string | null | undefined): string | null {
  const text = cleanText(value, 300)?.replace(/^(?:by[\s:]+|(?:تحریر|بقلم|نویسنده)\s*:?\s*)/i, '').trim();
  if (!text || httpUrl(text) || /^@\w+$/.test(text)) return null;
  return text;
}

function directionOf(value: string | null | undefined): TextDirection | null {
  const v = value?.trim().toLowerCase();
  return v === 'rtl' || v === 'ltr' ? v : null;
}

// ---- JSON-LD ------------------------------------------------------------------------

type Json = Record<string, unknown>;

const ARTICLE_TYPES = new Set([
  'newsarticle', 'article', 'reportagenewsarticle', 'analysisnewsarticle', 'opinionnewsarticle',
  'backgroundnewsarticle', 'reviewnewsarticle', 'askpublicnewsarticle', 'blogposting',
  'liveblogposting', 'scholarlyarticle', 'report', 'techarticle', 'socialmediaposting',
]);

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typesOf(node: Json): string[] {
  const t = node['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^.*[/#]/, '').toLowerCase());
}

function jsonLdNodes(doc: Document): Json[] {
  const nodes: Json[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) {
      nodes.push(value);
      if (Array.isArray(value['@graph'])) value['@graph'].forEach(visit);
      // A WebPage often carries its article as mainEntity.
      if (isObject(value.mainEntity)) visit(value.mainEntity);
    }
  };
  for (const script of Array.from(doc.getElementsByTagName('script'))) {
    if ((script.getAttribute('type') ?? '').trim().toLowerCase() !== 'application/ld+json') continue;
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // Broken JSON-LD is common; the other metadata layers still apply.
    }
  }
  return nodes;
}

function namesOf(value: unknown, byId: Map<string, Json>, depth = 0): string[] {
  if (depth > 3) return [];
  if (typeof value === 'string') return cleanText(value) ? [cleanText(value)!] : [];
  if (Array.isArray(value)) return value.flatMap((v) => namesOf(v, byId, depth + 1));
  if (!isObject(value)) return [];
  const name = cleanText(value.name) ?? cleanText([value.givenName, value.familyName].filter((x) => typeof x === 'string').join(' '));
  if (name) return [name];
  const ref = typeof value['@id'] === 'string' ? byId.get(value['@id']) : undefined;
  return ref && ref !== value ? namesOf(ref, byId, depth + 1) : [];
}

export function jsonLdMetadata(doc: Document): PageMetadata {
  const nodes = jsonLdNodes(doc);
  const article = nodes.find((n) => typesOf(n).some((t) => ARTICLE_TYPES.has(t)));
  if (!article) return { ...EMPTY_METADATA };
  const byId = new Map<string, Json>();
  for (const node of nodes) if (typeof node['@id'] === 'string') byId.set(node['@id'], node);

  const authors = [...new Set(namesOf(article.author ?? article.creator, byId))];
  const mainEntity = article.mainEntityOfPage;
  const pageUrl = httpUrl(article.url) ?? httpUrl(mainEntity) ?? (isObject(mainEntity) ? httpUrl(mainEntity['@id']) ?? httpUrl(mainEntity.url) : null);
  const lang = article.inLanguage;
  return {
    title: cleanTitle(article.headline) ?? cleanTitle(article.name),
    byline: authors.length > 0 ? cleanByline(authors.join(', ')) : null,
    outlet: namesOf(article.publisher ?? article.sourceOrganization, byId)[0] ?? null,
    url: pageUrl,
    publishedAt: normalizeDate(cleanText(article.datePublished) ?? cleanText(article.dateCreated)),
    language: normalizeLanguageTag(typeof lang === 'string' ? lang : isObject(lang) ? (cleanText(lang.alternateName) ?? cleanText(lang.name)) : null),
    direction: null,
  };
}

// ---- meta tags ----------------------------------------------------------------------

function metaMap(doc: Document): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const meta of Array.from(doc.getElementsByTagName('meta'))) {
    const content = meta.getAttribute('content');
    if (content === null || content.trim() === '') continue;
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = meta.getAttribute(attr)?.trim().toLowerCase();
      if (!key) continue;
      const values = map.get(key) ?? [];
      values.push(content);
      map.set(key, values);
    }
  }
  return map;
}

function firstOf<T>(map: Map<string, string[]>, keys: string[], read: (value: string) => T | null): T | null {
  for (const key of keys) {
    for (const value of map.get(key) ?? []) {
      const result = read(value);
      if (result !== null) return result;
    }
  }
  return null;
}

export function metaTagMetadata(doc: Document): PageMetadata {
  const meta = metaMap(doc);
  const citationAuthors = (meta.get('citation_author') ?? []).map((a) => cleanText(a)).filter((a): a is string => a !== null);
  const canonicalLink = Array.from(doc.getElementsByTagName('link')).find((l) => /(^|\s)canonical(\s|$)/i.test(l.getAttribute('rel') ?? ''));
  const canonical = canonicalLink?.getAttribute('href') ?? null;
  return {
    title: firstOf(meta, ['og:title', 'twitter:title', 'citation_title', 'dc.title', 'dcterms.title', 'parsely-title'], cleanTitle),
    byline:
      // Citation authors are written "Last, First", so a semicolon keeps them apart.
      (citationAuthors.length > 0 ? citationAuthors.join('; ') : null) ??
      firstOf(meta, ['author', 'article:author', 'dc.creator', 'dcterms.creator', 'parsely-author', 'sailthru.author', 'byl'], cleanByline),
    outlet: firstOf(meta, ['og:site_name', 'citation_journal_title', 'citation_publisher', 'dc.publisher', 'dcterms.publisher'], (v) => cleanText(v)),
    url: firstOf(meta, ['og:url', 'citation_public_url', 'citation_abstract_html_url', 'dc.identifier'], httpUrl) ?? httpUrl(canonical),
    publishedAt: firstOf(
      meta,
      [
        'article:published_time', 'og:article:published_time', 'citation_publication_date', 'citation_date',
        'citation_online_date', 'dc.date', 'dc.date.issued', 'dcterms.issued', 'dcterms.date', 'dcterms.created',
        'datepublished', 'date', 'pubdate', 'publishdate', 'publish-date', 'sailthru.date', 'parsely-pub-date',
      ],
      normalizeDate,
    ),
    language: firstOf(meta, ['og:locale', 'citation_language', 'dc.language', 'dcterms.language', 'content-language'], normalizeLanguageTag),
    direction: null,
  };
}

// ---- the document itself ------------------------------------------------------------

export function documentMetadata(doc: Document): PageMetadata {
  const html = doc.documentElement;
  return {
    ...EMPTY_METADATA,
    title: cleanTitle(doc.getElementsByTagName('title')[0]?.textContent ?? null),
    language: normalizeLanguageTag(html?.getAttribute('lang') ?? html?.getAttribute('xml:lang') ?? null),
    direction: directionOf(html?.getAttribute('dir')) ?? directionOf(doc.body?.getAttribute('dir')),
  };
}

/** The page's own address for resolving relative links: an absolute <base href>, else the declared URL. */
export function baseUrlOf(doc: Document, declared: string | null): string | null {
  return httpUrl(doc.getElementsByTagName('base')[0]?.getAttribute('href') ?? null) ?? declared;
}
