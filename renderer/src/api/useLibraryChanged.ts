// The one way a view hears that the library changed: typed `library.changed` events
// (what changed: kind, ids, article, operation, origin), filtered to the kinds of record
// the view shows and gathered over a short delay, so a burst of changes (an import, a
// note saved as the user types) costs the view one refetch.
import { useEffect, useRef } from 'react';
import type { ChangedKind, LibraryChanged } from '../../../common/api/events.ts';
import { useApi } from './ApiProvider.tsx';

export interface LibraryChangedOptions {
  /** The kinds of record the view shows; none: every change. Opening another library always counts. */
  kinds?: readonly ChangedKind[];
  /** How long to gather changes before calling (ms). */
  delayMs?: number;
}

/** Whether a change event concerns a view showing `kinds`. */
export function concerns(event: LibraryChanged, kinds: readonly ChangedKind[] | undefined): boolean {
  return event.origin === 'open' || !kinds || event.changes.some((c) => kinds.includes(c.kind));
}

/** Several events as one: every change, in order; the origin and label of the last. */
export function mergeChanges(events: readonly LibraryChanged[]): LibraryChanged {
  const last = events.at(-1)!;
  return {
    origin: events.some((e) => e.origin === 'open') ? 'open' : last.origin,
    label: last.label,
    changeSets: events.flatMap((e) => e.changeSets),
    changes: events.flatMap((e) => e.changes),
  };
}

export function useLibraryChanged(onChange: (event: LibraryChanged) => void, options: LibraryChangedOptions = {}): void {
  const listener = useRef(onChange);
  listener.current = onChange;
  const kinds = options.kinds?.join(',');
  const delayMs = options.delayMs ?? 200;
  const client = useApi();
  useEffect(() => {
    const wanted = kinds === undefined ? undefined : (kinds.split(',') as ChangedKind[]);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let gathered: LibraryChanged[] = [];
    const off = client.on('library.changed', (event) => {
      if (!concerns(event, wanted)) return;
      gathered.push(event);
      clearTimeout(timer);
      timer = setTimeout(() => {
        const events = gathered;
        gathered = [];
        listener.current(mergeChanges(events));
      }, delayMs);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [kinds, delayMs, client]);
}
