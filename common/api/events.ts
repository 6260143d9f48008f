// Events main sends to the renderer, and their names at run time. Kept apart from the
// method table (and free of zod) because the sandboxed preload bundles it.
import type { ExportProgress } from './methods/dossiers.ts';
import type { ImportOutcome, ImportProgress, ImportSummary } from './methods/import.ts';

export interface EventMap {
  'library.changed': { reason: string };
  'export.progress': ExportProgress;
  'import.progress': ImportProgress & { jobId: string };
  /** problems: files that failed or were skipped, and files from other tools with their items. */
  'import.finished': { jobId: string; summary: ImportSummary; problems: ImportOutcome[] };
  /** The desktop app's menu asks the page to show a view (e.g. File > Export Dossier…). */
  'app.navigate': { view: string };
}
export type EventName = keyof EventMap;

/** Every event: the preload refuses other names and the bindings forward exactly these. */
export const EVENT_NAMES = ['library.changed', 'export.progress', 'import.progress', 'import.finished', 'app.navigate'] as const satisfies readonly EventName[];
// Fails the typecheck when EventMap gains an event that EVENT_NAMES lacks.
type UnlistedEvent = Exclude<EventName, (typeof EVENT_NAMES)[number]>;
const everyEventListed: [UnlistedEvent] extends [never] ? true : UnlistedEvent = true;
void everyEventListed;

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
