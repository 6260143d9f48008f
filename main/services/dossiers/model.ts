// What an export shows, gathered once from the library and shared by every format:
// the cover, the sections in order, the highlights that pass the filter numbered
// [1], [2]... through the whole dossier, and the claims, actors and sources they name.
import { AppError } from '../../../common/api/errors.ts';
import { ANNOTATION_KINDS, type Annotation } from '../../../common/api/methods/annotations.ts';
import type { Article } from '../../../common/api/methods/articles.ts';
import type { ExportSource, HighlightFilter } from '../../../common/api/methods/dossiers.ts';
import type { EntitySummary } from '../../../common/api/methods/entities.ts';
import type { Note } from '../../../common/api/methods/notes.ts';
import { readAnnotations } from '../../db/repositories/annotations.ts';
import { getArticle } from '../../db/repositories/articles.ts';
import { getEntity } from '../../db/repositories/entities.ts';
import { getNote } from '../notes.ts';
import type { Library } from '../library.ts';
import * as repo from '../../db/repositories/dossiers.ts';
import { getDossier } from './service.ts';
import { authorsOf } from '../../team/authors.ts';
import { yieldToEventLoop } from '../cancel.ts';

export interface ExportHighlight {
  /** [n] in the document: numbered through the whole dossier in reading order. */
  number: number;
  /** The article's number in the dossier (Article 1, Article 2...). */
  articleNumber: number;
  annotation: Annotation;
  /** Who made it, when the export says so (`attribution`). */
  by?: string;
}

export interface ExportArticle {
  type: 'article';
  number: number;
  /** Anchor of the section in HTML documents. */
  anchor: string;
  article: Article;
  highlights: ExportHighlight[];
}

export interface ExportNote {
  type: 'note';
  anchor: string;
  note: Note;
}

export type ExportSection = ExportArticle | ExportNote;

export interface ExportEntity extends EntitySummary {
  /** Highlights naming it. */
  mentions: ExportHighlight[];
  /** Claims it makes (an actor as claimant) or backs (a source). */
  claims: ExportHighlight[];
}

export interface ExportModel {
  libraryId: string;
  /** When the export was made (ISO 8601). */
  generatedAt: string;
  dossierId: number | null;
  name: string;
  title: string;
  author: string;
  /** The cover date: the dossier's, else the export date (YYYY-MM-DD). */
  date: string;
  handling: string;
  filter: HighlightFilter;
  /** Names of the tags the filter keeps (for the cover), in the filter's order. */
  filterTagNames: string[];
  sections: ExportSection[];
  articles: ExportArticle[];
  highlights: ExportHighlight[];
  byAnnotationId: Map<number, ExportHighlight>;
  claims: ExportHighlight[];
  actors: ExportEntity[];
  sources: ExportEntity[];
}

export interface CollectOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** For tests and reproducible output. */
  now?: Date;
  /** Say who made each highlight (the member who created it, else who signed its insert in the change log). */
  attribution?: boolean;
}

const ALL_KINDS: HighlightFilter = { kinds: [...ANNOTATION_KINDS], tagIds: [] };

export async function collectExport(library: Library, source: ExportSource, options: CollectOptions = {}): Promise<ExportModel> {
  const { db } = library;
  const now = options.now ?? new Date();
  let head: Pick<ExportModel, 'dossierId' | 'name' | 'title' | 'author' | 'handling' | 'filter'> & { date: string | null };
  let items: ({ articleId: number } | { noteId: number })[];
  if ('dossierId' in source) {
    const dossier = getDossier(library, source.dossierId);
    head = {
      dossierId: dossier.id,
      name: dossier.name,
      title: dossier.title || dossier.name,
      author: dossier.author,
      date: dossier.date,
      handling: dossier.handling,
      filter: dossier.filter,
    };
    items = dossier.items.map((i) => (i.type === 'article' ? { articleId: i.articleId } : { noteId: i.noteId }));
  } else {
    head = { dossierId: null, name: 'All articles', title: 'All articles', author: '', date: null, handling: '', filter: ALL_KINDS };
    items = repo.allArticleIds(db).map((articleId) => ({ articleId }));
  }
  if (items.length === 0) {
    throw new AppError('EXPORT_FAILED', head.dossierId === null ? 'The library has no articles to export.' : `Dossier "${head.name}" has no articles or notebook pages yet; add some before exporting.`);
  }

  const tagSet = repo.expandTagIds(db, head.filter.tagIds);
  const kinds = new Set(head.filter.kinds);
  const shows = (a: Annotation) => kinds.has(a.kind) && (tagSet.size === 0 || a.tags.some((t) => tagSet.has(t.id)));
  const filterTagNames = head.filter.tagIds.length
    ? repo.tagNames(db, head.filter.tagIds)
    : [];

  const sections: ExportSection[] = [];
  const articles: ExportArticle[] = [];
  const highlights: ExportHighlight[] = [];
  let noteCount = 0;
  for (const [index, item] of items.entries()) {
    await yieldToEventLoop(options.signal);
    if ('articleId' in item) {
      const article = getArticle(db, item.articleId);
      if (!article) continue; // deleted since the dossier was read: nothing to show
      const number = articles.length + 1;
      const shown = readAnnotations(db, { articleId: article.id })
        .filter(shows)
        .map((annotation) => ({ number: 0, articleNumber: number, annotation }));
      const section: ExportArticle = { type: 'article', number, anchor: `article-${number}`, article, highlights: shown };
      articles.push(section);
      sections.push(section);
      for (const h of shown) {
        h.number = highlights.length + 1;
        highlights.push(h);
      }
    } else {
      noteCount += 1;
      sections.push({ type: 'note', anchor: `page-${noteCount}`, note: getNote(library, item.noteId) });
    }
    options.onProgress?.(index + 1, items.length);
  }

  if (options.attribution) {
    const makers = authorsOf(db, 'annotation', highlights.map((h) => h.annotation.id));
    for (const h of highlights) h.by = makers[h.annotation.id]?.name;
  }
  const byAnnotationId = new Map(highlights.map((h) => [h.annotation.id, h]));
  const claims = highlights.filter((h) => h.annotation.claim !== null);
  const entities = new Map<number, ExportEntity>();
  const entity = (id: number): ExportEntity | null => {
    let found = entities.get(id);
    if (!found) {
      const summary = getEntity(db, id);
      if (!summary) return null;
      found = { ...summary, mentions: [], claims: [] };
      entities.set(id, found);
    }
    return found;
  };
  for (const h of highlights) {
    const a = h.annotation;
    if (a.entity) entity(a.entity.id)?.mentions.push(h);
    for (const e of [...(a.claim?.claimants ?? []), ...(a.claim?.sources ?? [])]) entity(e.id)?.claims.push(h);
  }
  const byName = (x: ExportEntity, y: ExportEntity) => x.name.localeCompare(y.name, 'en', { sensitivity: 'base' }) || x.id - y.id;
  const all = [...entities.values()].sort(byName);

  return {
    libraryId: library.id,
    generatedAt: now.toISOString(),
    ...head,
    date: head.date ?? localDate(now),
    filterTagNames,
    sections,
    articles,
    highlights,
    byAnnotationId,
    claims,
    actors: all.filter((e) => e.kind === 'actor'),
    sources: all.filter((e) => e.kind === 'source'),
  };
}

function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
