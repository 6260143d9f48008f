// Bringing articles in: uploaded files (browser mode), pasted text or HTML, a URL on
// the user's explicit request. Folders picked in a dialog run as jobs in main with
// progress events; the renderer never names a path.
import { z } from 'zod';
import { method } from '../define.ts';

export type ImportStatus = 'imported' | 'duplicate' | 'failed' | 'skipped' | 'cancelled';

export interface ImportOutcome {
  /** The file as the user named it (path relative to the chosen folder), or "Pasted text". */
  file: string;
  status: ImportStatus;
  articleId?: number;
  title?: string;
  /** The article this one is a new version of (same URL, different text). */
  versionOf?: number | null;
  /** Why it failed or was skipped, naming the file. */
  reason?: string;
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

export interface ImportSummary {
  total: number;
  imported: number;
  duplicates: number;
  failed: number;
  skipped: number;
  cancelled: number;
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
