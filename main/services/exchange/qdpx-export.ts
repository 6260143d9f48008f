// REFI-QDA project export (.qdpx): a zip holding project.qde (QDA-XML 1.0) and one UTF-8
// text file per article under sources/. Each article is a TextSource whose text is its
// canonical text, so selection positions (UTF-16 code units, what REFI-QDA tools read)
// are Casefile's own offsets. Highlights are coded PlainTextSelections; kinds, actors
// and sources (under their kind) and tags (nested as in Casefile) are codes; notebook
// pages are notes; dossiers are sets; dossier authors are users. README.md has the map.
import { zipSync } from 'fflate';
import type { Annotation, AnnotationKind } from '../../../common/api/methods/annotations.ts';
import type { Note } from '../../../common/api/methods/notes.ts';
import { listEntityRows } from '../../db/repositories/entities.ts';
import type { Library } from '../library.ts';
import { listNotes, getNote } from '../notes.ts';
import { listTags } from '../tags.ts';
import { throwIfCancelled } from '../cancel.ts';
import type { ExportModel } from '../dossiers/model.ts';
import { getDossier, listDossiers } from '../dossiers/service.ts';
import { ARTICLE_VARIABLES, guidFor, KIND_CODE_GUIDS, KIND_CODE_NAMES, type ArticleVariable } from './refi-ids.ts';

export const QDE_NAMESPACE = 'urn:QDA-XML:project:1.0';
const ORIGIN = 'Casefile 0.1';
const KINDS: AnnotationKind[] = ['claim', 'actor', 'source', 'highlight'];
const KIND_CODE_DESCRIPTIONS: Record<AnnotationKind, string> = {
  claim: 'Casefile claims: what someone asserts.',
  actor: 'Casefile actors: who is named (each actor record is a code under this one).',
  source: 'Casefile sources: on whose authority (each source record is a code under this one).',
  highlight: 'Casefile plain highlights.',
};

interface EntityRow {
  id: number;
  kind: 'actor' | 'source';
  name: string;
  reliability: string | null;
  description: string;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;', '\n': '&#10;', '\t': '&#9;' };

/**
 * Escapes text for XML content or attribute values. Line breaks and tabs become
 * character references so attribute values survive attribute normalization; characters
 * XML 1.0 cannot carry at all (most C0 controls, lone surrogates) are dropped.
 */
function escapeXml(value: string): string {
  return value
    .replace(/[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/[&<>"'\r\n\t]/g, (c) => XML_ESCAPES[c]!);
}

const a = (name: string, value: string | null | undefined): string => (value === null || value === undefined ? '' : ` ${name}="${escapeXml(value)}"`);
const element = (name: string, text: string): string => `<${name}>${escapeXml(text)}</${name}>`;

export interface QdpxOptions {
  signal?: AbortSignal;
  /** The zip entries' time (reproducible files in tests). */
  now?: Date;
}

export interface QdpxProject {
  /** project.qde as text (UTF-8 when zipped). */
  qde: string;
  /** Zip entries besides project.qde: sources/<guid>.txt. */
  sources: Map<string, string>;
}

/**
 * The project for what an export collected: a dossier (its articles, pages and itself as
 * a set), or the whole library (every article, page and dossier).
 */
export function buildQdpxProject(library: Library, model: ExportModel, options: QdpxOptions = {}): QdpxProject {
  const whole = model.dossierId === null;
  const ids = (kind: string, id: number | string): string => guidFor(`casefile:${library.id}:${kind}:${id}`);

  // Notebook pages: a dossier's own, or every page of the library.
  const notes: Note[] = whole ? listNotes(library).map((n) => getNote(library, n.id)) : model.sections.flatMap((s) => (s.type === 'note' ? [s.note] : []));
  const dossiers = whole ? listDossiers(library).map((d) => getDossier(library, d.id)) : [getDossier(library, model.dossierId!)];
  const authors = [...new Set(dossiers.map((d) => d.author.trim()).filter(Boolean))];
  const userGuid = (name: string) => ids('user', name);

  // Codebook: the kinds, with actors and sources under theirs, then the tags as nested in Casefile.
  const entities: EntityRow[] = listEntityRows(library.db);
  const tags = listTags(library);
  const tagChildren = new Map<number | null, typeof tags>();
  for (const tag of tags) {
    const list = tagChildren.get(tag.parentId) ?? [];
    list.push(tag);
    tagChildren.set(tag.parentId, list);
  }
  const codeXml = (guid: string, name: string, color: string | null, description: string, inner: string): string =>
    `<Code${a('guid', guid)}${a('name', name)} isCodable="true"${a('color', color && /^#([0-9a-f]{6}|[0-9a-f]{3})$/i.test(color) ? color : null)}>${description ? element('Description', description) : ''}${inner}</Code>`;
  const tagXml = (parentId: number | null): string =>
    (tagChildren.get(parentId) ?? []).map((t) => codeXml(ids('tag', t.id), t.name, t.color, '', tagXml(t.id))).join('');
  const kindXml = KINDS.map((kind) => {
    const members = entities
      .filter((e) => e.kind === kind)
      .map((e) => codeXml(ids('entity', e.id), e.name, null, [e.reliability ? `Reliability ${e.reliability}` : '', e.description].filter(Boolean).join('\n'), ''))
      .join('');
    return codeXml(KIND_CODE_GUIDS[kind], KIND_CODE_NAMES[kind], null, KIND_CODE_DESCRIPTIONS[kind], members);
  }).join('');

  const variableGuid = (name: ArticleVariable) => guidFor(`casefile:variable:${name}`);
  const variables = ARTICLE_VARIABLES.map((name) => `<Variable${a('guid', variableGuid(name))}${a('name', name)} typeOfVariable="Text"/>`).join('');

  const sourceFiles = new Map<string, string>();
  const orphanNotes: string[] = [];
  const sourceXml: string[] = [];
  for (const section of model.articles) {
    throwIfCancelled(options.signal);
    const article = section.article;
    const guid = ids('article', article.id);
    sourceFiles.set(`sources/${guid}.txt`, article.text);
    const selections: string[] = [];
    const noteRefs: string[] = [];
    for (const { annotation } of section.highlights) {
      if (annotation.anchorStatus === 'orphan') {
        // Its stored range no longer holds its quote: a selection there would code the wrong words.
        const noteGuid = ids('orphan', annotation.id);
        orphanNotes.push(noteXml(noteGuid, `Orphaned ${annotation.kind}: ${article.title}`, `“${annotation.quote.exact}”${annotation.note ? `\n\n${annotation.note}` : ''}`, annotation.createdAt, annotation.updatedAt));
        noteRefs.push(`<NoteRef${a('targetGUID', noteGuid)}/>`);
        continue;
      }
      selections.push(selectionXml(annotation, (kind, id) => ids(kind, id)));
    }
    const values: [ArticleVariable, string | null][] = [
      ['Outlet', article.outlet],
      ['Byline', article.byline],
      ['URL', article.url],
      ['Published', article.publishedAt],
      ['Retrieved', article.retrievedAt],
      ['Language', article.language],
      ['Text SHA-256', article.textSha256],
      ['Original SHA-256', article.original?.sha256 ?? null],
    ];
    const variableValues = values
      .filter(([, v]) => v)
      .map(([name, v]) => `<VariableValue><VariableRef${a('targetGUID', variableGuid(name))}/>${element('TextValue', v!)}</VariableValue>`)
      .join('');
    sourceXml.push(
      `<TextSource${a('guid', guid)}${a('name', article.title)}${a('plainTextPath', `internal://${guid}.txt`)}${a('creationDateTime', article.createdAt)}${a('modifiedDateTime', article.updatedAt)}>` +
        `${selections.join('')}${noteRefs.join('')}${variableValues}</TextSource>`,
    );
  }

  const pageNotes = notes.map((n) => noteXml(ids('note', n.id), n.title || 'Untitled page', n.text, n.createdAt, n.updatedAt));
  const setXml = dossiers.map((d) => {
    const described = [d.title && d.title !== d.name ? d.title : '', d.author ? `Author: ${d.author}` : '', d.date ? `Date: ${d.date}` : '', d.handling].filter(Boolean).join('\n');
    const members = d.items
      .map((item) => (item.type === 'article' ? `<MemberSource${a('targetGUID', ids('article', item.articleId))}/>` : `<MemberNote${a('targetGUID', ids('note', item.noteId))}/>`))
      .join('');
    return `<Set${a('guid', ids('dossier', d.id))}${a('name', d.name)}>${described ? element('Description', described) : ''}${members}</Set>`;
  });
  // Members must exist in the project: in a dossier export every member is one of its own items.
  const users = authors.map((name) => `<User${a('guid', userGuid(name))}${a('name', name)}/>`).join('');

  const qde =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<Project xmlns="${QDE_NAMESPACE}"${a('name', model.title)}${a('origin', ORIGIN)}${a('creationDateTime', model.generatedAt)}>` +
    (users ? `<Users>${users}</Users>` : '') +
    `<CodeBook><Codes>${kindXml}${tagXml(null)}</Codes></CodeBook>` +
    `<Variables>${variables}</Variables>` +
    (sourceXml.length ? `<Sources>${sourceXml.join('')}</Sources>` : '') +
    (pageNotes.length + orphanNotes.length ? `<Notes>${[...pageNotes, ...orphanNotes].join('')}</Notes>` : '') +
    (setXml.length ? `<Sets>${setXml.join('')}</Sets>` : '') +
    `<Description>${escapeXml(describeProject(model))}</Description>` +
    `</Project>\n`;
  return { qde, sources: sourceFiles };
}

function describeProject(model: ExportModel): string {
  return `Exported from Casefile (library ${model.libraryId}) on ${model.generatedAt}. Articles are text sources whose text is Casefile's canonical text; positions count UTF-16 code units.`;
}

function noteXml(guid: string, name: string, text: string, created: string, modified: string): string {
  return `<Note${a('guid', guid)}${a('name', name)}${a('creationDateTime', created)}${a('modifiedDateTime', modified)}>${element('PlainTextContent', text)}</Note>`;
}

/** A highlight as a PlainTextSelection coded with its kind, its actor or source, a claim's claimants and sources, and its tags. */
function selectionXml(annotation: Annotation, ids: (kind: string, id: number | string) => string): string {
  const codes = [KIND_CODE_GUIDS[annotation.kind]];
  if (annotation.entity) codes.push(ids('entity', annotation.entity.id));
  for (const e of [...(annotation.claim?.claimants ?? []), ...(annotation.claim?.sources ?? [])]) codes.push(ids('entity', e.id));
  for (const tag of annotation.tags) codes.push(ids('tag', tag.id));
  const codings = [...new Set(codes)]
    .map((code) => `<Coding${a('guid', ids('coding', `${annotation.id}:${code}`))}${a('creationDateTime', annotation.createdAt)}><CodeRef${a('targetGUID', code)}/></Coding>`)
    .join('');
  const guid = ids('annotation', annotation.id);
  return (
    `<PlainTextSelection${a('guid', guid)}${a('name', annotation.quote.exact)} startPosition="${annotation.start}" endPosition="${annotation.end}"` +
    `${a('creationDateTime', annotation.createdAt)}${a('modifiedDateTime', annotation.updatedAt)}>` +
    `${annotation.note ? element('Description', annotation.note) : ''}${codings}</PlainTextSelection>`
  );
}

/** The .qdpx file: project.qde and the sources' text files, zipped. */
export function renderQdpx(library: Library, model: ExportModel, options: QdpxOptions = {}): Uint8Array {
  const project = buildQdpxProject(library, model, options);
  const encoder = new TextEncoder();
  const files: Record<string, Uint8Array> = { 'project.qde': encoder.encode(project.qde) };
  for (const [name, text] of project.sources) files[name] = encoder.encode(text);
  return zipSync(files, { level: 6, mtime: options.now ?? new Date() });
}
