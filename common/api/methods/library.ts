import { z } from 'zod';
import { method, NoInput } from '../define.ts';

export interface LibraryInfo {
  /** Stable id of this library (also used in exported annotation ids). */
  libraryId: string;
  path: string;
  schemaVersion: number;
  articleCount: number;
  annotationCount: number;
  /** The first-start welcome (three steps on highlighting and tagging) is open in this library. */
  showWelcome: boolean;
}

export interface LibraryCheck {
  ok: boolean;
  schemaVersion: number;
  /** PRAGMA integrity_check lines ("ok" when healthy). */
  integrity: string[];
  /** FTS5 'integrity-check' per full-text index: "ok" or the reason it failed. */
  fullText: Record<string, string>;
  foreignKeyViolations: number;
  /** Original files that are not the evidence recorded (damaged, or not matching their SHA-256): none when healthy. */
  originals: OriginalProblem[];
}

export interface OriginalProblem {
  articleId: number;
  title: string;
  /** null: the article's own original; else the id of the other appearance it belongs to. */
  appearanceId: number | null;
  /** What is wrong, in a sentence's words: "its bytes no longer match their SHA-256 fingerprint". */
  problem: string;
}

/** Who change sets are signed by in this library, and the device id they carry. */
export interface LibrarySettings {
  author: string;
  /** True when no name was set and the OS account name is used. */
  authorIsDefault: boolean;
  device: string;
}

export const libraryMethods = {
  'library.settings': method<LibrarySettings>()(() => NoInput()),
  'library.setAuthor': method<LibrarySettings>()(() => z.object({ author: z.string().trim().min(1).max(100) }).strict()),
  'library.info': method<LibraryInfo>()(() => NoInput()),
  'library.check': method<LibraryCheck>()(() => NoInput()),
  /** Close the welcome for good, or bring it back (Help). */
  'library.setWelcome': method<{ showWelcome: boolean }>()(() => z.object({ show: z.boolean() }).strict()),
};
