// Dossiers: an ordered selection of articles and notebook pages, which highlights show,
// and the cover fields; and exporting one (or every article) as PDF, Markdown, CSV,
// W3C Web Annotations or standalone HTML.
import { z } from 'zod';
import { Id, method, shared } from '../define.ts';
import { ANNOTATION_KINDS, AnnotationKindSchema, type AnnotationKind } from './annotations.ts';

export interface DossierArticleItem {
  /** The dossier_item row; stable while the item stays in the dossier. */
  id: number;
  type: 'article';
  articleId: number;
  title: string;
  outlet: string | null;
  publishedAt: string | null;
  direction: 'ltr' | 'rtl';
  annotationCount: number;
}

export interface DossierNoteItem {
  id: number;
  type: 'note';
  noteId: number;
  title: string;
  updatedAt: string;
}

export type DossierItem = DossierArticleItem | DossierNoteItem;

export interface DossierCover {
  /** Shown on the cover and in the running header; the name when empty. */
  title: string;
  author: string;
  /** The date printed on the cover (YYYY-MM-DD); the export date when null. */
  date: string | null;
  /** A free handling or classification line, e.g. "RESTRICTED – not for publication". */
  handling: string;
}

/** Which highlights show: kinds, and (when not empty) only highlights carrying one of these tags. */
export interface HighlightFilter {
  kinds: AnnotationKind[];
  tagIds: number[];
}

export interface DossierSummary extends DossierCover {
  id: number;
  name: string;
  articleCount: number;
  noteCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface Dossier extends DossierSummary {
  filter: HighlightFilter;
  items: DossierItem[];
}

/** An item to put in a dossier: an article or a notebook page. */
export const DossierItemRef = shared(() => z.union([z.object({ articleId: Id() }).strict(), z.object({ noteId: Id() }).strict()]));
export type DossierItemRef = z.infer<ReturnType<typeof DossierItemRef>>;

/**
 * Articles chosen in bulk. The search feature will add `{ search: string }` here (the
 * articles a search matches); services/dossiers/service.ts selectArticles is the one
 * place that resolves a selection.
 */
export const ArticleSelection = shared(() => z.union([
  z.object({ all: z.literal(true) }).strict(),
  /** Articles having at least one highlight with this tag (or a tag nested under it). */
  z.object({ tagId: Id() }).strict(),
  z.object({ articleIds: z.array(Id()).max(10_000) }).strict(),
]));
export type ArticleSelection = z.infer<ReturnType<typeof ArticleSelection>>;

const Name = shared(() => z.string().trim().min(1).max(300));
const CoverText = (max: number) => z.string().trim().max(max);
const CoverDate = shared(() => z.iso.date().nullable());
const Filter = shared(() => z
  .object({
    kinds: z.array(AnnotationKindSchema()).max(ANNOTATION_KINDS.length),
    tagIds: z.array(Id()).max(500),
  })
  .strict());
const Items = shared(() => z.array(DossierItemRef()).max(10_000));

export const EXPORT_FORMATS = ['pdf', 'md', 'csv', 'w3c', 'html', 'qdpx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const ExportFormatSchema = shared(() => z.enum(EXPORT_FORMATS));

/** What an export covers: a saved dossier, or every article with all its highlights. */
export const ExportSource = shared(() => z.union([z.object({ dossierId: Id() }).strict(), z.object({ all: z.literal(true) }).strict()]));
export type ExportSource = z.infer<ReturnType<typeof ExportSource>>;

/** Chosen by the caller so it can cancel while the export is still running. */
export const ExportId = shared(() => z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, - or _'));
/** An export: what, in which format, and whether each highlight says who made it (a team's dossier). */
const ExportInput = shared(() => z
  .object({ exportId: ExportId().optional(), source: ExportSource(), format: ExportFormatSchema(), attribution: z.boolean().optional() })
  .strict());

export interface RenderedExport {
  /** A suggested file name, already sanitized (the renderer never names a path). */
  fileName: string;
  mimeType: string;
  /** The file's bytes, base64-encoded. */
  base64: string;
  byteLength: number;
  /** For PDFs: the number of pages. */
  pageCount: number | null;
}

/** collecting: reading the library; building: drawing the document; printing/numbering: the two PDF passes. */
export type ExportPhase = 'collecting' | 'building' | 'printing' | 'numbering' | 'done';

/** Sent on 'export.progress' while an export runs. */
export interface SavedExport {
  /** False when the user cancelled the save dialog. */
  saved: boolean;
  fileName: string;
  byteLength: number;
  pageCount: number | null;
}

export interface ExportProgress {
  exportId: string;
  dossierId: number | null;
  phase: ExportPhase;
  done: number;
  total: number;
}

export const dossierMethods = {
  'dossiers.list': method<DossierSummary[]>()(() => z.object({}).strict()),
  'dossiers.get': method<Dossier>()(() => z.object({ id: Id() }).strict()),
  'dossiers.create': method<Dossier>()(() =>
    z
      .object({
        name: Name(),
        title: CoverText(500).optional(),
        author: CoverText(300).optional(),
        date: CoverDate().optional(),
        handling: CoverText(300).optional(),
        filter: Filter().optional(),
        /** Items in order; then the articles of `select` not already listed. */
        items: Items().optional(),
        select: ArticleSelection().optional(),
      })
      .strict(),
  ),
  'dossiers.update': method<Dossier>()(() =>
    z
      .object({
        id: Id(),
        name: Name().optional(),
        title: CoverText(500).optional(),
        author: CoverText(300).optional(),
        date: CoverDate().optional(),
        handling: CoverText(300).optional(),
        filter: Filter().optional(),
      })
      .strict(),
  ),
  /** Replaces the dossier's items with this ordered list: adding, removing and reordering in one call. */
  'dossiers.setItems': method<Dossier>()(() => z.object({ id: Id(), items: Items() }).strict()),
  /** Appends items and/or selected articles, skipping what is already in the dossier. */
  'dossiers.addItems': method<Dossier>()(() => z.object({ id: Id(), items: Items().optional(), select: ArticleSelection().optional() }).strict()),
  'dossiers.delete': method<DossierSummary>()(() => z.object({ id: Id() }).strict()),
  /**
   * Renders an export and returns the file itself (browser mode saves it as a download;
   * the renderer never names a path). Progress is sent as 'export.progress'.
   */
  'exports.render': method<RenderedExport>()(() => ExportInput()),
  /**
   * Desktop app only: renders an export, asks where to save it with the system's save
   * dialog, and writes it there atomically. Browser mode uses exports.render instead.
   */
  'exports.save': method<SavedExport>()(() => ExportInput()),
  /** Stops a running export; `cancelled` is false when no export with that id was running. */
  'exports.cancel': method<{ cancelled: boolean }>()(() => z.object({ exportId: ExportId() }).strict()),
};
