// Events main sends to the renderer, and their names at run time. Kept apart from the
// method table (and free of zod) because the sandboxed preload bundles it.
import type { ExportProgress } from './methods/dossiers.ts';
import type { ImportOutcome, ImportProgress, ImportSummary } from './methods/import.ts';
import type { ChangeOrigin } from './methods/history.ts';

/** The kinds of record a view shows; a change to a row that belongs to one (a highlight's tag) is a change of it. */
export type ChangedKind = 'article' | 'annotation' | 'entity' | 'tag' | 'note' | 'dossier' | 'claim-group' | 'contradiction' | 'suggestion';

export interface ChangedRecord {
  kind: ChangedKind;
  /** The record's global id (null when it is gone and was not in the change set itself). */
  gid: string | null;
  /** Its local id in this library. */
  id: number;
  /** The article it belongs to, where there is one. */
  articleId: number | null;
  op: 'insert' | 'update' | 'delete';
}

export interface LibraryChanged {
  /**
   * Where the change came from; 'open' when another library was opened (every view
   * refetches everything then).
   */
  origin: ChangeOrigin | 'open';
  /** The change sets announced (several when an import batch stored many articles). */
  changeSets: string[];
  /** The label of the last of them, in the user's words. */
  label: string | null;
  changes: ChangedRecord[];
}

/** Another library was opened in the window: every view refetches everything. */
export const LIBRARY_OPENED: LibraryChanged = { origin: 'open', changeSets: [], label: null, changes: [] };

export interface EventMap {
  'library.changed': LibraryChanged;
  'export.progress': ExportProgress;
  'import.progress': ImportProgress & { jobId: string };
  /** problems: files that failed or were skipped, and files from other tools with their items. */
  'import.finished': { jobId: string; summary: ImportSummary; problems: ImportOutcome[] };
  /** The desktop app's menu asks the page to show a view (e.g. File > Export Dossier…). */
  'app.navigate': { view: string };
  /** The desktop app's menu asks the page to open the Team dialog (File > Team > Join…). */
  'app.team': Record<string, never>;
}
export type EventName = keyof EventMap;

/** Every event: the preload refuses other names and the bindings forward exactly these. */
export const EVENT_NAMES = ['library.changed', 'export.progress', 'import.progress', 'import.finished', 'app.navigate', 'app.team'] as const satisfies readonly EventName[];
// Fails the typecheck when EventMap gains an event that EVENT_NAMES lacks.
type UnlistedEvent = Exclude<EventName, (typeof EVENT_NAMES)[number]>;
const everyEventListed: [UnlistedEvent] extends [never] ? true : UnlistedEvent = true;
void everyEventListed;

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
