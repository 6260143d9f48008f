// Bringing articles in: uploaded files (browser mode), pasted text or HTML, a URL on
// the user's explicit request. Folders picked in a dialog run as jobs in main with
// progress events; the renderer never names a path.
import { z } from 'zod';
import { method } from '../define.ts';

export type ImportStatus = 'imported' | 'appearance' | 'duplicate' | 'failed' | 'skipped' | 'cancelled';

/** What happened to one item inside a file from another tool (a coded selection, a code, an annotation). */
export interface ImportItemOutcome {
  /** The item as the file names it, e.g. 'selection “we were told…” in “Interview 1”'. */
  item: string;
  kind: 'article' | 'highlight' | 'tag' | 'note' | 'author' | 'dossier' | 'actor' | 'source';
  status: 'imported' | 'duplicate' | 'skipped';
  /** Why it was skipped, or what was done that the user should know (a corrected position, an author recorded). */
  reason?: string;
  articleId?: number;
  /** For highlights: how the passage was found (exact where the file said; moved, fuzzy: found by its quote). */
  anchor?: 'exact' | 'moved' | 'fuzzy';
}

export interface ImportOutcome {
  /** The file as the user named it (path relative to the chosen folder), or "Pasted text". */
  file: string;
  status: ImportStatus;
  articleId?: number;
  title?: string;
  /** The article this one is a new version of (same URL, different text). */
  versionOf?: number | null;
  /**
   * Articles the new one is probably the same story as (a lightly edited copy), for the
   * researcher to confirm or dismiss; nothing is merged.
   */
  probablySameAs?: { articleId: number; similarity: number }[];
  /** Why it failed or was skipped, naming the file. */
  reason?: string;
  /** Files from other tools (REFI-QDA projects, Hypothesis annotations): what became of each item in them. */
  items?: ImportItemOutcome[];
  /** The whole file's SHA-256 (a project or annotation export kept as provenance). */
  sha256?: string;
  /**
   * The character encoding a text file (.txt, .md, .html) was read in ("utf-8",
   * "windows-1256"): declared by the file, else detected from its bytes.
   */
  encoding?: string;
}

/** The encoding worth showing beside an outcome: one other than UTF-8, which a reader may want to check. */
export function legacyEncodingOf(outcome: ImportOutcome): string | null {
  return outcome.encoding && outcome.encoding !== 'utf-8' ? outcome.encoding : null;
}

const ITEM_NOUNS: Record<ImportItemOutcome['kind'], [string, string]> = {
  article: ['article', 'articles'],
  highlight: ['highlight', 'highlights'],
  tag: ['tag', 'tags'],
  note: ['notebook page', 'notebook pages'],
  author: ['author', 'authors'],
  dossier: ['dossier', 'dossiers'],
  actor: ['actor', 'actors'],
  source: ['source', 'sources'],
};

/** One line for the items of a file: "2 articles, 158 highlights, 40 tags imported; 3 already there; 2 skipped". */
export function describeItems(items: readonly ImportItemOutcome[]): string {
  const part = (status: ImportItemOutcome['status']): string => {
    const counts = new Map<ImportItemOutcome['kind'], number>();
    for (const item of items) if (item.status === status) counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
    return [...counts].map(([kind, n]) => `${n} ${ITEM_NOUNS[kind][n === 1 ? 0 : 1]}`).join(', ');
  };
  return [
    [part('imported'), 'imported'],
    [part('duplicate'), 'already there'],
    [part('skipped'), 'skipped'],
  ]
    .filter(([what]) => what)
    .map(([what, verb]) => `${what} ${verb}`)
    .join('; ');
}

export interface ImportSummary {
  total: number;
  imported: number;
  /** The same text from another outlet or address: kept as another appearance of an article already there. */
  appearances: number;
  duplicates: number;
  failed: number;
  skipped: number;
  cancelled: number;
}

export function emptyImportSummary(total = 0): ImportSummary {
  return { total, imported: 0, appearances: 0, duplicates: 0, failed: 0, skipped: 0, cancelled: 0 };
}

/** The summary with one more outcome counted (`total` too when `countTotal`). */
export function countOutcome(summary: ImportSummary, outcome: ImportOutcome, countTotal = true): ImportSummary {
  const next = { ...summary, total: summary.total + (countTotal ? 1 : 0) };
  const field = ({ imported: 'imported', appearance: 'appearances', duplicate: 'duplicates', failed: 'failed', skipped: 'skipped', cancelled: 'cancelled' } as const)[outcome.status];
  next[field] += 1;
  return next;
}

/**
 * How far an import has gone inside one file from another tool that holds many items (a
 * REFI-QDA project's sources, a Zotero export's references): "source 120 of 480".
 */
export interface WithinFile {
  /** What one item is, singular: 'source', 'reference', 'annotation', 'page'. */
  unit: string;
  done: number;
  total: number;
}

export interface ImportProgress extends ImportSummary {
  done: number;
  current: string | null;
  /** Set while `current` is a file from another tool whose items are being read. */
  withinFile?: WithinFile;
}

/** "source 120 of 480", as the Import view and the CLI show it. */
export function describeWithinFile(within: WithinFile): string {
  return `${within.unit} ${within.done.toLocaleString('en')} of ${within.total.toLocaleString('en')}`;
}

/** Upload limits: one file at most 50 MB (as base64), a request at most 64 MB. */
export const MAX_UPLOAD_FILES = 200;

export const importMethods = {
  'import.files': method<ImportOutcome[]>()(() =>
    z
      .object({
        files: z
          .array(z.object({ name: z.string().min(1).max(1_000), data: z.base64().max(70_000_000) }).strict())
          .min(1)
          .max(MAX_UPLOAD_FILES),
        /** Made by the page: progress events carry it, and import.cancel with it stops this upload's import. */
        jobId: z.string().min(1).max(100).optional(),
      })
      .strict(),
  ),
  'import.paste': method<ImportOutcome>()(() =>
    z.object({ content: z.string().max(60_000_000), format: z.enum(['text', 'html']) }).strict(),
  ),
  'import.url': method<ImportOutcome>()(() => z.object({ url: z.string().trim().min(1).max(8_000) }).strict()),
  /** Cancels an import job started from a dialog (Electron's File > Import), or an upload given a jobId. */
  'import.cancel': method<{ cancelled: boolean }>()(() => z.object({ jobId: z.string().max(100) }).strict()),
};
