// The events the page may subscribe to: every name in EventMap, at run time. The
// preload refuses any other name and main forwards exactly these. The check below
// fails the typecheck when EventMap gains an event that is missing here.
import type { EventName } from '../common/api/contract.ts';

export const EVENT_NAMES = ['library.changed', 'export.progress'] as const satisfies readonly EventName[];

type Missing = Exclude<EventName, (typeof EVENT_NAMES)[number]>;
const everyEventListed: [Missing] extends [never] ? true : Missing = true;
void everyEventListed;

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
