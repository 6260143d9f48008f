// Zotero exports: Zotero RDF (with the "files/" folder "Export Files" writes beside it),
// CSL JSON, BibTeX with `file` fields, and RIS with L1/L2 file links. Each reference whose
// attached HTML snapshot or PDF can be read becomes an article through the ordinary
// converters (the attachment kept as the evidence original), carrying Zotero's metadata:
// title, creators as byline, date, publication as outlet, URL and access date as the
// retrieval time. Every readable attachment is stored (a snapshot and a PDF are both
// evidence). Child notes become notebook pages naming the article; a standalone note (RDF)
// becomes a page of its own. References with
// no attached text are listed with the reason, never stored as empty articles. Attachment
// paths must stay inside the export's folder.
//
// BibTeX and RIS metadata are read with Citation.js (a kept library: BibTeX's braces,
// accents and name lists are not worth re-deriving); the `file` field and the RIS file
// links, which Citation.js drops, are read from its raw entries and from the RIS lines.
// Zotero RDF is read with the hardened XML helper (no DOCTYPE, no entities).
import fs from 'node:fs';
import path from 'node:path';
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { AppError } from '../../../common/api/errors.ts';
import type { ImportOutcome } from '../../../common/api/methods/import.ts';
import { storeArticle } from '../articles.ts';
import { convertFile, isSupportedFile } from '../import/convert.ts';
import { normalizeDate } from '../import/dates.ts';
import { MAX_IMPORT_BYTES } from '../import/decode.ts';
import { displayName, importFailed } from '../import/failure.ts';
import { prepareCandidate } from '../import/prepare.ts';
import type { ImportCandidate, PreparedCandidate } from '../import/types.ts';
import { findNote } from '../../db/repositories/notes.ts';
import type { Library } from '../library.ts';
import { createNote } from '../notes.ts';
import { mapSourceText } from './plaintext.ts';
import { runExchangeImport, short, SkipFile, type ExchangeOptions, type ItemSteps } from './session.ts';
import { attr, child, children, parseXml, textOf, type XmlElement } from './xml.ts';

/** One Zotero reference as the export describes it, whatever the format. */
export interface ZoteroReference {
  title: string | null;
  creators: string[];
  date: string | null;
  publication: string | null;
  url: string | null;
  accessed: string | null;
  /** Attachment paths as written in the export (relative to its folder, or absolute, or file: URLs). */
  attachments: string[];
  /** Child notes, as Zotero wrote them (HTML). */
  notes: string[];
  /** A note with no parent reference (Zotero RDF's standalone note): `notes` holds it, and it becomes a notebook page of its own. */
  standaloneNote?: true;
}

// ---- Zotero RDF --------------------------------------------------------------------------

/** Zotero RDF node names that are not references of their own. */
const RDF_SUPPORT_NODES = new Set(['Attachment', 'Memo', 'Journal', 'Periodical', 'Website', 'Series', 'Person', 'Organization', 'Collection']);

export function readZoteroRdf(text: string, label: string): ZoteroReference[] {
  const root = child(parseXml(text, label), 'RDF');
  if (!root) throw new SkipFile(`${displayName(label)} is XML but not a Zotero RDF export (no rdf:RDF root); nothing was imported.`);
  // Every top-level node by its rdf:about, so links (#item_12, urn:issn:…) can be followed.
  const nodes: { name: string; node: XmlElement }[] = [];
  const byAbout = new Map<string, XmlElement>();
  for (const [name, value] of Object.entries(root)) {
    if (!Array.isArray(value)) continue;
    for (const node of value) {
      nodes.push({ name, node });
      const about = attr(node, 'about');
      if (about) byAbout.set(about, node);
    }
  }
  const value = (node: XmlElement | undefined, name: string): string | null => {
    const v = textOf(child(node, name)).trim();
    return v || null;
  };
  const linked = (node: XmlElement | undefined): XmlElement | undefined => {
    const resource = attr(node, 'resource');
    return resource ? byAbout.get(resource) : (Object.values(node ?? {}).find((v): v is XmlElement[] => Array.isArray(v))?.[0] ?? node);
  };
  const references: ZoteroReference[] = [];
  const fileOf = (attachment: XmlElement | undefined): string | undefined =>
    // Zotero writes the file as <rdf:resource rdf:resource="files/…"/>; older exports as <z:path>.
    attr(child(attachment, 'resource'), 'resource') ?? attr(child(attachment, 'path'), 'resource');
  const linkedAttachments = new Set(nodes.flatMap(({ node }) => children(node, 'link').map((l) => attr(l, 'resource') ?? '')));
  const childNotes = new Set(nodes.flatMap(({ node }) => children(node, 'isReferencedBy').map((l) => attr(l, 'resource') ?? '')));
  for (const { name, node } of nodes) {
    // A standalone note (Zotero writes it as a bib:Memo no reference points to).
    if (name === 'Memo' && !childNotes.has(attr(node, 'about') ?? '')) {
      const note = value(node, 'value');
      if (note) references.push({ title: null, creators: [], date: null, publication: null, url: null, accessed: null, attachments: [], notes: [note], standaloneNote: true });
      continue;
    }
    // A standalone attachment (a PDF or snapshot with no parent reference) is a reference of its own.
    if (name === 'Attachment' && !linkedAttachments.has(attr(node, 'about') ?? '') && fileOf(node)) {
      const title = value(node, 'title');
      references.push({ title, creators: [], date: null, publication: null, url: value(child(child(node, 'identifier'), 'URI'), 'value'), accessed: value(node, 'dateSubmitted'), attachments: [fileOf(node)!], notes: [] });
      continue;
    }
    const itemType = value(node, 'itemType');
    if (RDF_SUPPORT_NODES.has(name) || itemType === 'attachment' || itemType === 'note' || itemType === null) continue;
    const creators = children(child(child(node, 'authors'), 'Seq'), 'li').flatMap((li) =>
      [...children(li, 'Person'), ...children(li, 'Organization')].map((p) =>
        [value(p, 'givenName'), value(p, 'surname') ?? value(p, 'name')].filter(Boolean).join(' '),
      ),
    );
    const url = value(child(child(node, 'identifier'), 'URI'), 'value');
    const container = linked(child(node, 'isPartOf'));
    const attachments: string[] = [];
    const notes: string[] = [];
    for (const link of children(node, 'link')) {
      const file = fileOf(byAbout.get(attr(link, 'resource') ?? ''));
      if (file) attachments.push(file);
    }
    for (const ref of children(node, 'isReferencedBy')) {
      const memo = byAbout.get(attr(ref, 'resource') ?? '');
      const note = value(memo, 'value');
      if (note) notes.push(note);
    }
    references.push({
      title: value(node, 'title'),
      creators,
      date: value(node, 'date'),
      publication: value(container, 'title'),
      url,
      accessed: value(node, 'dateSubmitted'),
      attachments,
      notes,
    });
  }
  return references;
}

// ---- CSL JSON ----------------------------------------------------------------------------

interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

interface CslDate {
  'date-parts'?: (number | string)[][];
  raw?: string;
}

interface CslItem {
  type?: string;
  title?: string;
  author?: CslName[];
  /** Citation.js gives a newspaper article's RIS authors (AU) as reporters. */
  reporter?: CslName[] | string;
  issued?: CslDate;
  accessed?: CslDate;
  'container-title'?: string;
  URL?: string;
}

/** Whether parsed JSON is a list of CSL items (each with a type, none with a Hypothesis target or page address). */
export function isCslJson(data: unknown): data is CslItem[] {
  return (
    Array.isArray(data) &&
    data.length > 0 &&
    data.every((x) => typeof x === 'object' && x !== null && typeof (x as CslItem).type === 'string' && !('target' in x) && !('uri' in x))
  );
}

function cslDate(date: CslDate | undefined): string | null {
  const parts = date?.['date-parts']?.[0];
  if (parts && parts.length > 0) return parts.map((p, i) => String(p).padStart(i === 0 ? 4 : 2, '0')).join('-');
  return date?.raw ?? null;
}

/** Display names ("Ali Breland") of the authors, else the reporters (which Citation.js may leave as one "Family, Given" string). */
function creatorsOf(item: CslItem): string[] {
  const names = [item.author, item.reporter].find((n) => (Array.isArray(n) && n.length > 0) || (typeof n === 'string' && n)) ?? [];
  const list: CslName[] = typeof names === 'string' ? [{ literal: names.split(/,\s*/).reverse().join(' ') }] : names;
  return list.map((a) => a.literal ?? [a.given, a.family].filter(Boolean).join(' ')).filter(Boolean);
}

function fromCsl(item: CslItem, attachments: string[] = [], notes: string[] = []): ZoteroReference {
  const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
  return {
    title: str(item.title),
    creators: creatorsOf(item),
    date: cslDate(item.issued),
    publication: str(item['container-title']),
    url: str(item.URL),
    accessed: cslDate(item.accessed),
    attachments,
    notes,
  };
}

export function readCslJson(items: CslItem[]): ZoteroReference[] {
  // CSL JSON carries no files and no child notes: every item is listed as having no text.
  return items.map((item) => fromCsl(item));
}

// ---- BibTeX ------------------------------------------------------------------------------

interface BibtexEntry {
  type: string;
  label: string;
  properties: Record<string, string>;
}

/**
 * The paths in a Zotero/Better BibTeX `file` field: "Description:path:mime" triples
 * separated by ";", with "\:" and "\;" escaping those characters inside a part; a bare
 * path (Better BibTeX's simplest form) is taken whole.
 */
export function bibtexFilePaths(field: string): string[] {
  const unescape = (s: string): string => s.replace(/\\([:;\\])/g, '$1').trim();
  return field
    .split(/(?<!\\);/)
    .map((spec) => {
      const parts = spec.split(/(?<!\\):/);
      // "Description:path:mime" (the path may itself hold unescaped colons, as in C:\…), "path:mime", or a bare path.
      const raw = parts.length >= 3 ? parts.slice(1, -1).join(':') : parts.length === 2 && parts[1]!.includes('/') ? parts[1]! : parts[0]!;
      return unescape(raw);
    })
    .filter(Boolean);
}

export function readBibtex(text: string, label: string): ZoteroReference[] {
  let entries: BibtexEntry[];
  try {
    entries = plugins.input.chainLink(text, { forceType: '@bibtex/text' }) as BibtexEntry[];
  } catch {
    throw importFailed(label, 'is not a BibTeX file Casefile can read');
  }
  if (!Array.isArray(entries) || entries.length === 0) throw importFailed(label, 'has no BibTeX entries (@article{…}, @misc{…})');
  return entries.map((entry) => {
    const [csl] = plugins.input.chain([entry], { generateGraph: false }) as CslItem[];
    const props = entry.properties;
    const notes = [props.annote, props.annotation].filter((n): n is string => typeof n === 'string' && n.trim().length > 0);
    return fromCsl(csl ?? {}, props.file ? bibtexFilePaths(props.file) : [], notes);
  });
}

// ---- RIS ---------------------------------------------------------------------------------

/** A RIS date ("2017/12/04/", "1972///", "2017/12/04/morning") as year-month-day, as far as it goes. */
function risDate(value: string): string | null {
  const [y, m, d] = value.trim().split('/');
  if (!y || !/^\d{4}$/.test(y)) return null;
  const rest = [m, d].filter((p) => p && /^\d{1,2}$/.test(p)).map((p) => p!.padStart(2, '0'));
  // A day without its month means nothing: stop at the first missing part.
  return [y, ...(m && /^\d{1,2}$/.test(m) ? rest : [])].join('-');
}

export function readRis(text: string, label: string): ZoteroReference[] {
  const records: { lines: string[]; files: string[]; notes: string[]; date: string | null }[] = [];
  let current: (typeof records)[number] | null = null;
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const m = /^([A-Z][A-Z0-9])  -(?: (.*))?$/.exec(line);
    if (!m) {
      // A continuation line (long notes and abstracts wrap).
      if (current && line.trim()) current.lines[current.lines.length - 1] += `\n${line}`;
      continue;
    }
    const [, tag, value = ''] = m;
    if (tag === 'TY') current = { lines: [], files: [], notes: [], date: null };
    if (!current) continue;
    current.lines.push(line);
    if (tag === 'L1' || tag === 'L2') current.files.push(value.trim());
    if (tag === 'N1' && value.trim()) current.notes.push(value.trim());
    // Zotero writes "2017/12/04/"; Citation.js leaves DA out for some types (newspaper articles).
    if ((tag === 'DA' || tag === 'PY' || tag === 'Y1') && !current.date) current.date = risDate(value);
    if (tag === 'ER') {
      records.push(current);
      current = null;
    }
  }
  if (records.length === 0) throw importFailed(label, 'has no RIS records (TY … ER)');
  return records.map((record) => {
    let csl: CslItem = {};
    try {
      [csl = {}] = plugins.input.chain(`${record.lines.join('\n')}\n`, { forceType: '@ris/file', generateGraph: false }) as CslItem[];
    } catch {
      // The record's metadata could not be read: it is still listed (with no title) below.
    }
    // L2 is a link: only a file path (not a web address) is an attachment.
    const reference = fromCsl(csl, record.files.filter((f) => f && !/^https?:/i.test(f)), record.notes);
    return { ...reference, date: reference.date && reference.date.length >= (record.date?.length ?? 0) ? reference.date : record.date };
  });
}

// ---- import ------------------------------------------------------------------------------

/** An attachment's path resolved inside `folder`, or a sentence saying why it is refused. */
export function attachmentPath(folder: string, given: string): { file: string } | { refused: string } {
  let p = given.trim();
  if (/^file:/i.test(p)) {
    try {
      p = decodeURIComponent(new URL(p).pathname);
    } catch {
      return { refused: `its attachment address “${short(given, 80)}” cannot be read` };
    }
  }
  const resolved = path.resolve(folder, p);
  const relative = path.relative(folder, resolved);
  if (p.includes('\0') || relative.startsWith('..') || path.isAbsolute(relative)) {
    return { refused: `its attachment “${short(given, 80)}” lies outside the export’s folder; export again with “Export Files” and import the file from that folder` };
  }
  try {
    // A link inside the folder must not lead out of it either.
    const real = fs.realpathSync(resolved);
    const realRelative = path.relative(fs.realpathSync(folder), real);
    if (realRelative.startsWith('..') || path.isAbsolute(realRelative)) return { refused: `its attachment “${short(given, 80)}” links outside the export’s folder` };
    return { file: real };
  } catch {
    return { refused: `its attachment “${short(given, 80)}” is not in the export’s folder` };
  }
}

/** The text of a Zotero note (HTML) with paragraphs and line breaks kept. */
export function noteText(html: string): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return html
    .replace(/<(br|\/p|\/div|\/h[1-6]|\/li|\/blockquote)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e.startsWith('#')) {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      }
      return entities[e.toLowerCase()] ?? m;
    })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** One readable attachment of a reference, converted; or why one was not read. */
type PreparedFile = { attachment: string } & ({ candidate: PreparedCandidate } | { refused: string });
type Prepared = { reference: ZoteroReference; what: string } & ({ files: PreparedFile[] } | { skipped: string } | { standaloneNote: string });

/**
 * Converts every readable attachment of each reference (async: pdf.js, jsdom), one
 * reference at a time (the progress and the cancel go by references), before the one
 * synchronous write. A reference often has more than one (a snapshot and a PDF of the
 * same article): each is evidence, so each is stored; the same text twice becomes one
 * article with both files as its appearances.
 */
async function prepare(references: ZoteroReference[], folder: string | null, steps: ItemSteps): Promise<Prepared[]> {
  const out: Prepared[] = [];
  await steps.each(references, 'reference', async (reference) => {
    if (reference.standaloneNote) {
      const text = noteText(reference.notes[0] ?? '');
      out.push({ reference, what: `standalone note “${short(text.split('\n')[0] || '(empty)')}”`, standaloneNote: reference.notes[0] ?? '' });
      return;
    }
    const what = `reference “${short(reference.title ?? '(untitled)')}”`;
    const usable = reference.attachments.filter((a) => isSupportedFile(a));
    if (usable.length === 0) {
      out.push({ reference, what, skipped: reference.attachments.length ? 'Its attachments are not HTML snapshots or PDFs Casefile can read.' : 'It has no attached HTML snapshot or PDF: there is no text to import.' });
      return;
    }
    if (folder === null) {
      out.push({ reference, what, skipped: 'Its attachment is in the export’s files folder, which an uploaded file cannot reach: import the export file from its folder on disk (or with casefile import).' });
      return;
    }
    const files: PreparedFile[] = [];
    for (const given of usable) {
      const found = attachmentPath(folder, given);
      if ('refused' in found) {
        files.push({ attachment: given, refused: `${what}: ${found.refused}; nothing was read from it.` });
        continue;
      }
      try {
        const stat = fs.statSync(found.file);
        if (stat.size > MAX_IMPORT_BYTES) throw importFailed(given, 'is larger than the 50 MB import limit');
        const converted = await convertFile(new Uint8Array(fs.readFileSync(found.file)), path.basename(found.file));
        // Hashed and compressed here, not in the one transaction that stores every reference.
        files.push({ attachment: given, candidate: prepareCandidate(withMetadata(converted, reference)) });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        files.push({ attachment: given, refused: error.detail ?? error.message });
      }
    }
    if (files.some((f) => 'candidate' in f)) out.push({ reference, what, files });
    else out.push({ reference, what, skipped: files.map((f) => ('refused' in f ? f.refused : '')).at(-1) ?? '' });
  });
  return out;
}

function withMetadata(candidate: ImportCandidate, reference: ZoteroReference): ImportCandidate {
  const m = candidate.metadata;
  return {
    ...candidate,
    metadata: {
      ...m,
      title: reference.title?.slice(0, 500) ?? m.title,
      byline: reference.creators.length ? reference.creators.join(', ').slice(0, 1_000) : m.byline,
      publishedAt: normalizeDate(reference.date) ?? m.publishedAt,
      outlet: reference.publication ?? m.outlet,
      url: reference.url && /^https?:\/\//i.test(reference.url) ? reference.url : m.url,
    },
  };
}

type Reader = (text: string, label: string) => ZoteroReference[];

/** Reads a Zotero export and imports what its attachments hold; `options.filePath` (when the file came from disk) locates the files folder. */
export async function importZotero(library: Library, bytes: Uint8Array, label: string, read: Reader, options: ExchangeOptions = {}): Promise<ImportOutcome> {
  const { filePath } = options;
  return runExchangeImport(
    library,
    label,
    bytes,
    options,
    async (steps) => {
      const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
      return prepare(read(text, label), filePath ? path.dirname(path.resolve(filePath)) : null, steps);
    },
    (session, prepared) => {
      let first: { articleId: number; title: string } | undefined;
      /** A Zotero note as a notebook page, unless the same page is there already. */
      const importNote = (html: string, what: string, title: string, articleId?: number): void => {
        const text = noteText(html);
        if (!text) return session.report({ item: what, kind: 'note', status: 'skipped', reason: 'It has no text.' });
        const { body, text: pageText } = mapSourceText(text);
        const existing = findNote(session.library.db, title, pageText);
        if (existing !== undefined) return session.report({ item: what, kind: 'note', status: 'duplicate', articleId, reason: `Already notebook page ${existing}.` });
        createNote(session.library, session.input('notes.create', { title, body }));
        session.report({ item: what, kind: 'note', status: 'imported', articleId });
      };
      for (const item of prepared) {
        if ('skipped' in item) {
          session.report({ item: item.what, kind: 'article', status: 'skipped', reason: item.skipped });
          continue;
        }
        if ('standaloneNote' in item) {
          importNote(item.standaloneNote, item.what, `Zotero note: ${short(noteText(item.standaloneNote).split('\n')[0] ?? '', 120)}`);
          continue;
        }
        const accessed = normalizeDate(item.reference.accessed);
        const retrievedAt = accessed && !Number.isNaN(Date.parse(accessed)) ? new Date(accessed).toISOString() : undefined;
        let own: { articleId: number; title: string } | undefined;
        item.files.forEach((file, i) => {
          // The first attachment is the reference; any other is named beside it.
          const what = i === 0 ? item.what : `${item.what}, attachment ${displayName(file.attachment)}`;
          if ('refused' in file) return session.report({ item: what, kind: 'article', status: 'skipped', reason: file.refused });
          const { candidate } = file;
          let stored;
          try {
            stored = storeArticle(session.library, candidate, retrievedAt);
          } catch (error) {
            if (!(error instanceof AppError) || error.code === 'DISK_FULL') throw error;
            return session.report({ item: what, kind: 'article', status: 'skipped', reason: error.detail ?? error.message });
          }
          const articleId = stored.duplicateOf ?? stored.appearanceOf ?? stored.id;
          session.report({
            item: what,
            kind: 'article',
            status: stored.duplicateOf === null ? 'imported' : 'duplicate',
            articleId,
            reason: `From its attachment ${displayName(file.attachment)}${stored.appearanceOf !== null ? ', recorded as another appearance of the same text' : ''}.`,
          });
          own ??= { articleId, title: candidate.metadata.title };
        });
        if (!own) continue;
        first ??= own;
        const article = own;
        item.reference.notes.forEach((html, i) =>
          importNote(html, `note ${i + 1} on ${item.what}`, `Zotero note on “${short(article.title, 120)}” (article ${article.articleId})`, article.articleId),
        );
      }
      return first ?? {};
    },
  );
}
