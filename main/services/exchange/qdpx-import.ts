// REFI-QDA project import (.qdpx) from NVivo, ATLAS.ti, MAXQDA, QualCoder and others.
// Text sources become articles; codes become tags, nested as in the codebook (codes of a
// project Casefile exported become kinds, actors and sources again); coded text
// selections become highlights on the exact passages; notes become notebook pages or,
// when a selection refers to them, its note; users are recorded as the author in the
// notes of what they coded; sets become dossiers. Sources and selections Casefile
// cannot hold (PDF regions, pictures, audio, video) are listed with the reason.
//
// Positions are never trusted blindly: REFI-QDA counts UTF-16 code units on the
// source's text, but tools differ (some count code points), and a selection's name is
// often its quote. The quote is checked at the given positions, then at code-point
// positions, then looked for in the text; only a selection whose name is not a quote at
// all ("line:6") is placed by its positions alone, and that is said in the report.
import { findQuote } from '../../../common/anchoring/index.ts';
import { AppError } from '../../../common/api/errors.ts';
import type { AnnotationKind } from '../../../common/api/methods/annotations.ts';
import type { ImportItemOutcome, ImportOutcome } from '../../../common/api/methods/import.ts';
import { createAnnotation } from '../annotations.ts';
import { storeArticle } from '../articles.ts';
import { createDossier } from '../dossiers/service.ts';
import { resolveEntity } from '../entities.ts';
import { importFailed } from '../import/failure.ts';
import { guessScript } from '../import/language.ts';
import { prepareCandidate } from '../import/prepare.ts';
import { fitTitle } from '../import/title.ts';
import type { PreparedCandidate } from '../import/types.ts';
import { findSameHighlight } from '../../db/repositories/annotations.ts';
import { findNote } from '../../db/repositories/notes.ts';
import type { Library } from '../library.ts';
import { createNote } from '../notes.ts';
import { readArchive } from './archive.ts';
import { mapSourceText, type MappedText } from './plaintext.ts';
import { KIND_CODE_GUIDS } from './refi-ids.ts';
import { runExchangeImport, short, SkipItem, type ExchangeImport, type ExchangeOptions, type ItemSteps } from './session.ts';
import { attr, child, children, parseXml, textOf, type XmlElement } from './xml.ts';

interface CodeInfo {
  guid: string;
  name: string;
  color: string | null;
  path: string[];
  /** Set for Casefile's own kind codes and the actor/source records under them. */
  kind: AnnotationKind | null;
  entity: { kind: 'actor' | 'source'; name: string } | null;
}

const KIND_BY_GUID = new Map(Object.entries(KIND_CODE_GUIDS).map(([kind, guid]) => [guid.toUpperCase(), kind as AnnotationKind]));
const UNSUPPORTED_SOURCES: Record<string, { what: string; selection: string }> = {
  PDFSource: { what: 'a PDF source', selection: 'PDFSelection' },
  PictureSource: { what: 'a picture', selection: 'PictureSelection' },
  AudioSource: { what: 'an audio recording', selection: 'AudioSelection' },
  VideoSource: { what: 'a video', selection: 'VideoSelection' },
};

const norm = (guid: string | undefined): string => (guid ?? '').replace(/[{}]/g, '').toUpperCase();

export async function importQdpx(library: Library, bytes: Uint8Array, label: string, options: ExchangeOptions = {}): Promise<ImportOutcome> {
  return runExchangeImport(
    library,
    label,
    bytes,
    options,
    async (steps) => {
      const entries = readArchive(bytes, label);
      const qdeName = [...entries.keys()].find((name) => name.toLowerCase() === 'project.qde');
      if (!qdeName) throw importFailed(label, 'has no project.qde inside; it is not a REFI-QDA project');
      const project = child(parseXml(new TextDecoder('utf-8').decode(entries.get(qdeName)), `${label} (project.qde)`), 'Project');
      if (!project) throw importFailed(label, 'has a project.qde without a <Project> element');
      const reader = new QdpxReader(project, entries, label);
      await reader.readSources(steps);
      return reader;
    },
    (session, reader) => reader.write(session),
  );
}

/** Where a coded selection goes in its article's canonical text, or why it cannot. */
type Placement = { start: number; end: number; anchor: 'exact' | 'moved'; reason?: string } | { skip: string };

/** A text source made ready to store (its text mapped, hashed, its selections placed), or why it cannot be. */
type ReadySource =
  | { skip: string }
  | { text: string; mapped: MappedText; title: string; candidate: PreparedCandidate; placements: Map<XmlElement, Placement> };

class QdpxReader {
  readonly #users = new Map<string, string>();
  readonly #codes = new Map<string, CodeInfo>();
  readonly #variables = new Map<string, string>();
  /** Each note's text, or why it has none (its text file is not in the archive): then it is skipped, alone. */
  readonly #notes = new Map<string, { name: string; text: string; unreadable?: string }>();
  /** Notes that became part of a highlight's note (not pages of their own). */
  readonly #usedNotes = new Set<string>();
  readonly #articles = new Map<string, number>();
  readonly #pages = new Map<string, number>();
  readonly #entityIds = new Map<string, number>();
  /** Highlights each user coded in this import. */
  readonly #coders = new Map<string, number>();
  readonly #dossierAuthors = new Map<string, number>();
  readonly #fromCasefile: boolean;
  #writing: ExchangeImport | null = null;
  readonly #project: XmlElement;
  readonly #entries: Map<string, Uint8Array>;
  readonly #label: string;
  /** Each text source (a TextSource, or the text Representation of a PDF) made ready while the file is read. */
  readonly #ready = new Map<XmlElement, ReadySource>();
  /** The text Representation of each PDF source that has one, named for the report. */
  readonly #representations = new Map<XmlElement, XmlElement>();

  constructor(project: XmlElement, entries: Map<string, Uint8Array>, label: string) {
    this.#project = project;
    this.#entries = entries;
    this.#label = label;
    this.#fromCasefile = (attr(project, 'origin') ?? '').startsWith('Casefile');
    for (const variable of children(child(this.#project, 'Variables'), 'Variable')) this.#variables.set(norm(attr(variable, 'guid')), attr(variable, 'name') ?? '');
    const sources = child(this.#project, 'Sources');
    for (const tag of Object.keys(UNSUPPORTED_SOURCES)) {
      for (const source of children(sources, tag)) {
        const representation = child(source, 'Representation');
        const name = attr(source, 'name') ?? attr(source, 'guid') ?? 'unnamed';
        if (representation) this.#representations.set(source, { ...representation, '@name': attr(representation, 'name') ?? `${name} (text)` });
      }
    }
  }

  /** The import's session: only while the reader writes. */
  get #session(): ExchangeImport {
    if (!this.#writing) throw new Error('A REFI-QDA project is written only inside its import’s transaction.');
    return this.#writing;
  }

  get #library(): Library {
    return this.#session.library;
  }

  /**
   * Makes every text source ready to store, one at a time (the costly part: mapping the
   * text, hashing and compressing it, placing its selections), writing nothing.
   */
  async readSources(steps: ItemSteps): Promise<void> {
    const textSources = [...children(child(this.#project, 'Sources'), 'TextSource'), ...this.#representations.values()];
    await steps.each(textSources, 'source', (source) => {
      this.#ready.set(source, this.#readySource(source));
    });
  }

  #readySource(source: XmlElement): ReadySource {
    let text: string | null;
    try {
      text = this.#textOf(source);
    } catch (error) {
      if (!(error instanceof SkipItem)) throw error;
      return { skip: error.message };
    }
    if (text === null || !/\S/.test(text)) return { skip: `It has no text${text === null ? ' (neither PlainTextContent nor plainTextPath)' : ' (its text file is empty)'}.` };
    text = text.replace(/^\uFEFF/, '');
    const sourceName = this.#sourceName(source);
    const vars = this.#variablesOf(source);
    const { direction, language } = guessScript(text.slice(0, 20_000));
    const mapped = mapSourceText(text, direction);
    const path = attr(source, 'plainTextPath');
    const title = fitTitle(sourceName.replace(/\.(txt|docx?|rtf|odt|pdf|html?)$/i, '') || text.trim().split('\n')[0]!.slice(0, 200));
    const candidate = prepareCandidate({
      metadata: {
        title,
        byline: vars.get('byline') || null,
        outlet: vars.get('outlet') || null,
        url: vars.get('url') || null,
        publishedAt: vars.get('published') || null,
        language: vars.get('language') || language,
        direction,
      },
      body: mapped.body,
      // The source's own text as the tool stored it, named by where it was in the project.
      original: { bytes: new TextEncoder().encode(text), type: 'text/plain', name: `${this.#label} › ${path ? path.replace(/^internal:\/\//i, 'sources/') : `${sourceName || 'source'}.txt`}` },
    });
    const placements = new Map<XmlElement, Placement>();
    for (const selection of children(source, 'PlainTextSelection')) placements.set(selection, placeInText(selection, text, mapped));
    return { text, mapped, title, candidate, placements };
  }

  /** qc and some others leave the name out: the text file's name stands in. */
  #sourceName(source: XmlElement): string {
    return (attr(source, 'name') ?? '').trim() || (attr(source, 'plainTextPath') ?? '').split(/[\\/]/).pop()!.trim();
  }

  #report(item: ImportItemOutcome): void {
    this.#session.report(item);
  }

  /** Writes the project, its sources as #readSources made them ready; inside the import's one transaction. */
  write(session: ExchangeImport): { articleId?: number; title?: string } {
    this.#writing = session;
    try {
      return this.#write();
    } finally {
      this.#writing = null;
    }
  }

  #write(): { articleId?: number; title?: string } {
    for (const user of children(child(this.#project, 'Users'), 'User')) {
      const name = attr(user, 'name')?.trim() || attr(user, 'id')?.trim();
      if (name) this.#users.set(norm(attr(user, 'guid')), name);
    }
    for (const note of children(child(this.#project, 'Notes'), 'Note')) {
      const name = attr(note, 'name') ?? '';
      try {
        this.#notes.set(norm(attr(note, 'guid')), { name, text: this.#textOf(note) ?? '' });
      } catch (error) {
        if (!(error instanceof SkipItem)) throw error;
        this.#notes.set(norm(attr(note, 'guid')), { name, text: '', unreadable: error.message });
      }
    }
    this.#readCodes(children(child(child(this.#project, 'CodeBook'), 'Codes'), 'Code'), [], null);

    const sources = child(this.#project, 'Sources');
    let first: { articleId?: number; title?: string } = {};
    for (const source of children(sources, 'TextSource')) {
      const made = this.#textSource(source);
      if (made && first.articleId === undefined) first = made;
    }
    for (const [tag, info] of Object.entries(UNSUPPORTED_SOURCES)) {
      for (const source of children(sources, tag)) this.#unsupported(source, info.what, info.selection);
    }
    this.#pagesFromNotes();
    this.#sets();
    this.#reportUsers();
    return first;
  }

  // ---- codes ----------------------------------------------------------------------

  #readCodes(codes: XmlElement[], path: string[], under: CodeInfo | null): void {
    for (const code of codes) {
      const guid = norm(attr(code, 'guid'));
      const name = (attr(code, 'name') ?? '').trim() || 'Untitled code';
      const ownKind = this.#fromCasefile ? (KIND_BY_GUID.get(guid) ?? null) : null;
      const entityKind = under?.kind === 'actor' || under?.kind === 'source' ? under.kind : null;
      const info: CodeInfo = {
        guid,
        name,
        color: attr(code, 'color') ?? null,
        path: [...path, name],
        kind: ownKind ?? (entityKind && under?.entity === null ? entityKind : null),
        entity: entityKind && under?.entity === null ? { kind: entityKind, name } : null,
      };
      this.#codes.set(guid, info);
      if (info.kind === null) {
        // A code of the codebook is a tag even when nothing is coded with it yet.
        this.#session.tag(info.path, info.color);
      }
      this.#readCodes(children(code, 'Code'), info.kind === null ? info.path : [], info.kind === null ? null : info);
    }
  }

  // ---- sources --------------------------------------------------------------------

  /** The text of a TextSource or Note: its PlainTextContent or the file plainTextPath names inside the archive. */
  #textOf(element: XmlElement): string | null {
    const content = child(element, 'PlainTextContent');
    if (content !== undefined) return textOf(content);
    const path = attr(element, 'plainTextPath');
    if (!path) return null;
    const entry = this.#entry(path);
    if (!entry) throw new SkipItem(`Its text file (${short(path, 80)}) is not inside ${this.#label}.`);
    return new TextDecoder('utf-8').decode(entry);
  }

  /** An archive entry for a REFI path: internal://x is sources/x; a relative path is looked for under sources/ and at the top. */
  #entry(path: string): Uint8Array | undefined {
    const internal = /^internal:\/\/(.+)$/i.exec(path);
    const relative = internal ? internal[1]! : /^[a-z]+:\/\//i.test(path) || /^([a-z]:)?[\\/]/i.test(path) ? null : path;
    if (relative === null || relative.split(/[\\/]/).includes('..')) return undefined;
    return this.#entries.get(`sources/${relative}`) ?? this.#entries.get(relative);
  }

  #variablesOf(source: XmlElement): Map<string, string> {
    const values = new Map<string, string>();
    for (const value of children(source, 'VariableValue')) {
      const name = this.#variables.get(norm(attr(child(value, 'VariableRef'), 'targetGUID')));
      const text = ['TextValue', 'DateValue', 'DateTimeValue', 'IntegerValue', 'FloatValue', 'BooleanValue'].map((k) => child(value, k)).find((v) => v !== undefined);
      if (name && text !== undefined) values.set(name.toLowerCase(), textOf(text).trim());
    }
    return values;
  }

  #textSource(source: XmlElement): { articleId: number; title: string } | null {
    const sourceName = this.#sourceName(source);
    const what = `source “${short(sourceName || attr(source, 'guid') || 'unnamed')}”`;
    const selections = children(source, 'PlainTextSelection');
    const ready = this.#ready.get(source)!;
    if ('skip' in ready) {
      this.#skipSource(what, ready.skip, selections.length);
      return null;
    }
    const { title } = ready;
    const stored = storeArticle(this.#library, ready.candidate);
    const articleId = stored.duplicateOf ?? stored.id;
    this.#articles.set(norm(attr(source, 'guid')), articleId);
    this.#report({
      item: what,
      kind: 'article',
      status: stored.duplicateOf === null ? 'imported' : 'duplicate',
      articleId,
      ...(stored.duplicateOf !== null ? { reason: `The same text is already article ${articleId}; its coded selections are added there unless already present.` } : {}),
    });
    if (children(source, 'Coding').length > 0) {
      this.#report({ item: `codes applied to the whole of ${what}`, kind: 'tag', status: 'skipped', reason: 'Casefile tags highlights, not whole articles; code a passage instead.' });
    }
    for (const selection of selections) this.#selection(selection, ready.placements.get(selection)!, articleId, title, stored.duplicateOf !== null);
    return { articleId, title };
  }

  #skipSource(what: string, reason: string, selections: number): void {
    this.#report({ item: what, kind: 'article', status: 'skipped', reason });
    if (selections > 0) this.#report({ item: `${selections} coded selection${selections === 1 ? '' : 's'} in ${what}`, kind: 'highlight', status: 'skipped', reason: 'Their source was not imported.' });
  }

  #unsupported(source: XmlElement, what: string, selectionTag: string): void {
    const name = attr(source, 'name') ?? attr(source, 'guid') ?? 'unnamed';
    this.#report({ item: `source “${short(name)}”`, kind: 'article', status: 'skipped', reason: `It is ${what}; Casefile imports text sources only.` });
    for (const selection of children(source, selectionTag)) {
      const where = selectionTag === 'PDFSelection' ? ` on page ${attr(selection, 'page') ?? '?'}` : selectionTag === 'PictureSelection' ? ' (a region of the picture)' : ` (${attr(selection, 'begin') ?? '?'}–${attr(selection, 'end') ?? '?'} ms)`;
      this.#report({
        item: `selection “${short(attr(selection, 'name') ?? attr(selection, 'guid') ?? '')}”${where} in “${short(name)}”`,
        kind: 'highlight',
        status: 'skipped',
        reason: `A ${selectionTag.replace('Selection', '').toLowerCase()} region cannot be a highlight in Casefile's text.`,
      });
    }
    // A PDF's text representation, when the tool included one, is text Casefile can hold.
    const representation = this.#representations.get(source);
    if (representation) this.#textSource(representation);
  }

  // ---- selections -----------------------------------------------------------------

  #selection(selection: XmlElement, placed: Placement, articleId: number, title: string, articleExisted: boolean): void {
    const name = attr(selection, 'name') ?? '';
    const what = `selection ${name && !/^\s*$/.test(name) ? `“${short(name)}”` : `${attr(selection, 'startPosition')}–${attr(selection, 'endPosition')}`} in “${short(title)}”`;
    try {
      if ('skip' in placed) throw new SkipItem(placed.skip);
      const { start: cStart, end: cEnd } = placed;
      const coding = this.#codingOf(selection);
      if (articleExisted) {
        const same = findSameHighlight(this.#library.db, articleId, { start: cStart, end: cEnd }, coding.kind);
        if (same !== undefined) {
          this.#report({ item: what, kind: 'highlight', status: 'duplicate', articleId, reason: `Already highlight ${same}.` });
          return;
        }
      }
      createAnnotation(
        this.#library,
        this.#session.input('annotations.create', {
          articleId,
          kind: coding.kind,
          target: { start: cStart, end: cEnd },
          note: this.#noteOf(selection, coding.users),
          ...(coding.entity ? { entity: { id: coding.entity } } : {}),
          ...(coding.kind === 'claim' ? { claimants: coding.claimants.map((id) => ({ id })), sources: coding.sources.map((id) => ({ id })) } : {}),
          tagIds: coding.tagIds,
        }),
      );
      for (const name of coding.users) this.#coders.set(name, (this.#coders.get(name) ?? 0) + 1);
      const reasons = [placed.reason, ...coding.problems].filter(Boolean);
      this.#report({ item: what, kind: 'highlight', status: 'imported', articleId, anchor: placed.anchor, ...(reasons.length ? { reason: reasons.join(' ') } : {}) });
    } catch (error) {
      if (error instanceof SkipItem || (error instanceof AppError && error.code !== 'DISK_FULL')) {
        this.#report({ item: what, kind: 'highlight', status: 'skipped', articleId, reason: error instanceof AppError ? (error.detail ?? error.message) : error.message });
        return;
      }
      throw error;
    }
  }

  #codingOf(selection: XmlElement): { kind: AnnotationKind; entity: number | null; claimants: number[]; sources: number[]; tagIds: number[]; users: Set<string>; problems: string[] } {
    let kind: AnnotationKind | null = null;
    const actors: number[] = [];
    const sourceIds: number[] = [];
    const tagIds: number[] = [];
    const users = new Set<string>();
    const problems: string[] = [];
    const user = (guid: string | undefined) => {
      const name = this.#users.get(norm(guid));
      if (name) users.add(name);
    };
    user(attr(selection, 'creatingUser'));
    for (const coding of children(selection, 'Coding')) {
      user(attr(coding, 'creatingUser'));
      const guid = norm(attr(child(coding, 'CodeRef'), 'targetGUID'));
      const code = this.#codes.get(guid);
      if (!code) {
        problems.push(`One coding names a code that is not in the codebook (${guid || 'no GUID'}); it was left out.`);
        continue;
      }
      if (code.entity) {
        const id = this.#entityId(code);
        (code.entity.kind === 'actor' ? actors : sourceIds).push(id);
      } else if (code.kind) {
        kind = kind === 'claim' ? 'claim' : code.kind;
      } else {
        tagIds.push(this.#session.tag(code.path, code.color));
      }
    }
    // An actor or source record without its kind code still says what the passage is.
    const resolved: AnnotationKind = kind ?? (actors.length ? 'actor' : sourceIds.length ? 'source' : 'highlight');
    const entity = resolved === 'actor' ? (actors[0] ?? null) : resolved === 'source' ? (sourceIds[0] ?? null) : null;
    return { kind: resolved, entity, claimants: resolved === 'claim' ? actors : [], sources: resolved === 'claim' ? sourceIds : [], tagIds: [...new Set(tagIds)], users, problems };
  }

  /** The actor or source record a code under Casefile's Actor or Source code stands for, found or created by name. */
  #entityId(code: CodeInfo): number {
    let id = this.#entityIds.get(code.guid);
    if (id === undefined) {
      id = resolveEntity(this.#session.writer, this.#library, code.entity!.kind, { name: code.entity!.name.slice(0, 300) }).id;
      this.#entityIds.set(code.guid, id);
    }
    return id;
  }

  /** The selection's description, the notes it refers to, and who coded it (until the change log records authors). */
  #noteOf(selection: XmlElement, users: Set<string>): string {
    const parts: string[] = [];
    const description = textOf(child(selection, 'Description')).trim();
    if (description) parts.push(description);
    for (const ref of [...children(selection, 'NoteRef'), ...children(selection, 'Coding').flatMap((c) => children(c, 'NoteRef'))]) {
      const guid = norm(attr(ref, 'targetGUID'));
      const note = this.#notes.get(guid);
      // A note whose text file is missing is reported as skipped among the notes, not dropped here.
      if (!note || note.unreadable) continue;
      this.#usedNotes.add(guid);
      if (note.text.trim()) parts.push(note.text.trim());
    }
    if (users.size > 0) parts.push(`Coded by ${[...users].join(', ')}`);
    return parts.join('\n\n').slice(0, 100_000);
  }

  // ---- notes, sets, users -----------------------------------------------------------

  #pagesFromNotes(): void {
    for (const note of children(child(this.#project, 'Notes'), 'Note')) {
      const guid = norm(attr(note, 'guid'));
      if (this.#usedNotes.has(guid)) continue;
      const { name, text, unreadable } = this.#notes.get(guid)!;
      const title = (name.trim() || short(text, 80) || 'Untitled note').slice(0, 2_000);
      const what = `note “${short(title)}”`;
      if (!/\S/.test(text)) {
        this.#report({ item: what, kind: 'note', status: 'skipped', reason: unreadable ?? 'It has no text.' });
        continue;
      }
      const existing = findNote(this.#library.db, title, mapSourceText(text).text);
      if (existing !== undefined) {
        this.#pages.set(guid, existing);
        this.#report({ item: what, kind: 'note', status: 'duplicate', reason: `Already notebook page ${existing}.` });
        continue;
      }
      const page = createNote(this.#library, this.#session.input('notes.create', { title, body: mapSourceText(text).body }));
      this.#pages.set(guid, page.id);
      this.#report({ item: what, kind: 'note', status: 'imported' });
    }
  }

  #sets(): void {
    for (const set of children(child(this.#project, 'Sets'), 'Set')) {
      const name = (attr(set, 'name') ?? '').trim() || 'Imported set';
      const what = `set “${short(name)}”`;
      const items = [
        ...children(set, 'MemberSource').flatMap((m) => {
          const id = this.#articles.get(norm(attr(m, 'targetGUID')));
          return id === undefined ? [] : [{ articleId: id }];
        }),
        ...children(set, 'MemberNote').flatMap((m) => {
          const id = this.#pages.get(norm(attr(m, 'targetGUID')));
          return id === undefined ? [] : [{ noteId: id }];
        }),
      ];
      if (items.length === 0) {
        this.#report({ item: what, kind: 'dossier', status: 'skipped', reason: 'None of its members became an article or notebook page here (sets of codes have no dossier counterpart).' });
        continue;
      }
      // Casefile writes the cover into the set's description; other tools' descriptions become the title.
      const description = textOf(child(set, 'Description'));
      const cover: Record<string, string> = {};
      const rest: string[] = [];
      for (const line of description.split('\n')) {
        const m = /^(Author|Date): (.*)$/.exec(line);
        if (m && this.#fromCasefile) cover[m[1]!.toLowerCase()] = m[2]!.trim();
        else if (line.trim()) rest.push(line.trim());
      }
      try {
        const dossier = createDossier(
          this.#library,
          this.#session.input('dossiers.create', { name: name.slice(0, 300), title: rest[0]?.slice(0, 500), author: cover.author, date: /^\d{4}-\d{2}-\d{2}$/.test(cover.date ?? '') ? cover.date : undefined, items }),
        );
        this.#report({ item: what, kind: 'dossier', status: 'imported', reason: `Dossier ${dossier.id}.` });
        if (dossier.author) this.#dossierAuthors.set(dossier.author, (this.#dossierAuthors.get(dossier.author) ?? 0) + 1);
      } catch (error) {
        if (!(error instanceof SkipItem)) throw error;
        this.#report({ item: what, kind: 'dossier', status: 'skipped', reason: error.message });
      }
    }
  }

  #reportUsers(): void {
    for (const name of new Set(this.#users.values())) {
      const coded = this.#coders.get(name) ?? 0;
      const dossiers = this.#dossierAuthors.get(name) ?? 0;
      if (dossiers > 0 && coded === 0) {
        this.#report({ item: `user “${short(name)}”`, kind: 'author', status: 'imported', reason: `Recorded as the author of ${dossiers} dossier${dossiers === 1 ? '' : 's'}.` });
        continue;
      }
      this.#report(
        coded > 0
          ? { item: `user “${short(name)}”`, kind: 'author', status: 'imported', reason: `Recorded as “Coded by ${short(name)}” in the notes of the ${coded} highlight${coded === 1 ? '' : 's'} this user coded.` }
          : { item: `user “${short(name)}”`, kind: 'author', status: 'skipped', reason: 'Coded nothing imported here; Casefile records an author on what they coded.' },
      );
    }
  }
}

/** Where a selection goes in its article's canonical text (the source's text as `mapped` holds it), or why it cannot. */
function placeInText(selection: XmlElement, source: string, mapped: MappedText): Placement {
  try {
    const placed = placeSelection(source, Number(attr(selection, 'startPosition')), Number(attr(selection, 'endPosition')), attr(selection, 'name') ?? '');
    const start = mapped.startAt(placed.start);
    const end = mapped.endAt(placed.end);
    if (end <= start || !/\S/.test(mapped.text.slice(start, end))) return { skip: 'It covers no text.' };
    return { start, end, anchor: placed.anchor, ...(placed.reason ? { reason: placed.reason } : {}) };
  } catch (error) {
    if (!(error instanceof SkipItem)) throw error;
    return { skip: error.message };
  }
}

/**
 * Where a selection's words are in the source: at its positions when they hold its
 * quote (or it has none), else at code-point positions, else wherever the quote is.
 */
export function placeSelection(source: string, start: number, end: number, name: string): { start: number; end: number; anchor: 'exact' | 'moved'; reason?: string } {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start) throw new SkipItem(`Its positions (${start}–${end}) are not a range.`);
  const quote = name.trim();
  const same = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
  const inRange = end <= source.length;
  if (inRange && (!quote || same(source.slice(start, end), quote) || isTruncatedQuote(source.slice(start, end), quote))) return { start, end, anchor: 'exact' };
  if (quote && quote.length >= 3) {
    // Some tools count code points (a character outside the Basic Multilingual Plane is one, not two).
    const units = codePointsToUnits(source, [start, end]);
    if (units && same(source.slice(units[0], units[1]), quote)) {
      return { start: units[0], end: units[1], anchor: 'exact', reason: 'Its positions counted code points, not UTF-16 units; placed on the same words.' };
    }
    try {
      const found = findQuote(source, quote, undefined);
      return { ...found, anchor: 'moved', reason: `Its positions (${start}–${end}) did not hold its quote; placed where the quote is (${found.start}–${found.end}).` };
    } catch {
      // Not in the text (or more than once): the name is a label, not a quote, or the positions have to decide.
    }
    if (inRange && !source.includes(quote)) return { start, end, anchor: 'exact', reason: `Placed by its positions: its name (“${short(quote, 40)}”) is not a quote from the text.` };
    if (inRange) {
      const occurrences = source.split(quote).length - 1;
      throw new SkipItem(`Its positions (${start}–${end}) do not hold its quote, which occurs ${occurrences} times in the text; Casefile will not guess which.`);
    }
  }
  throw new SkipItem(`Its positions (${start}–${end}) are outside the source's text (${source.length} characters).`);
}

/** Tools name a selection by the start of its quote, cut and often ended with an ellipsis. */
function isTruncatedQuote(passage: string, name: string): boolean {
  const stem = name.replace(/(\.\.\.|…)\s*$/, '').replace(/\s+/g, ' ').trim();
  return stem.length >= 8 && passage.replace(/\s+/g, ' ').trim().startsWith(stem);
}

function codePointsToUnits(text: string, points: [number, number]): [number, number] | null {
  const out: number[] = [];
  let cp = 0;
  let unit = 0;
  for (const target of points) {
    while (cp < target && unit < text.length) {
      unit += text.codePointAt(unit)! > 0xffff ? 2 : 1;
      cp += 1;
    }
    if (cp !== target) return null;
    out.push(unit);
  }
  return [out[0]!, out[1]!];
}
