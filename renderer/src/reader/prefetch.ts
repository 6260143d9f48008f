// Opening an article needs its body and its highlights; asking for both at once (rather
// than the highlights after the body has rendered) saves a round trip on every open.
import type { Annotation } from '../../../common/api/methods/annotations.ts';
import type { ApiClient } from '../api/client.ts';

const pending = new Map<number, { promise: Promise<Annotation[]>; at: number }>();

export function prefetchAnnotations(api: Pick<ApiClient, 'call'>, articleId: number): void {
  const promise = api.call('annotations.list', { articleId, limit: 20_000 });
  // A rejection is reported by whoever takes it; never as an unhandled one here.
  promise.catch(() => undefined);
  pending.set(articleId, { promise, at: Date.now() });
}

/** The prefetched list for this article, if one was asked for a moment ago. */
export function takePrefetched(articleId: number): Promise<Annotation[]> | null {
  const entry = pending.get(articleId);
  pending.delete(articleId);
  return entry && Date.now() - entry.at < 10_000 ? entry.promise : null;
}
