// Bringing articles in: uploaded files (browser mode), pasted text or HTML, a URL on
// the user's explicit request. Folders picked in a dialog run as jobs in main with
// progress events; the renderer never names a path.
import { z } from 'zod';
import { method } from '../define.ts';

export type ImportStatus = 'imported' | 'appearance' | 'duplicate' | 'failed' | 'skipped' | 'cancelled';

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

export interface ImportProgress extends ImportSummary {
  done: number;
  current: string | null;
}

/** Upload limits: one file at most 50 MB (as base64), a request at most 64 MB. */
export const MAX_UPLOAD_FILES = 200;

export const importMethods = {
  'import.files': method<ImportOutcome[]>()(
    z
      .object({
        files: z
          .array(z.object({ name: z.string().min(1).max(1_000), data: z.base64().max(70_000_000) }).strict())
          .min(1)
          .max(MAX_UPLOAD_FILES),
      })
      .strict(),
  ),
  'import.paste': method<ImportOutcome>()(
    z.object({ content: z.string().max(60_000_000), format: z.enum(['text', 'html']) }).strict(),
  ),
  'import.url': method<ImportOutcome>()(z.object({ url: z.string().trim().min(1).max(8_000) }).strict()),
  /** Cancels an import job started from a dialog (Electron's File > Import). */
  'import.cancel': method<{ cancelled: boolean }>()(z.object({ jobId: z.string().max(100) }).strict()),
};
