// Every change the user makes to a highlight goes through here: it is saved at once
// through the API (main records it as one undoable step) and announced to the open views
// (so the reader redraws without waiting for a refetch).
import type { Input } from '../../../common/api/contract.ts';
import type { Annotation, AnnotationKind } from '../../../common/api/methods/annotations.ts';
import type { ApiClient } from '../api/client.ts';
import type { UndoHistory } from './undo.ts';

export type AnnotationChange = { type: 'saved'; annotation: Annotation } | { type: 'deleted'; id: number; articleId: number };

const listeners = new Set<(change: AnnotationChange) => void>();

/** Views showing highlights listen here for changes made in this window. */
export function onAnnotationChange(listener: (change: AnnotationChange) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function announce(change: AnnotationChange): void {
  for (const listener of listeners) listener(change);
}

function saved(annotation: Annotation): Annotation {
  announce({ type: 'saved', annotation });
  return annotation;
}

/** A highlight changed without an action of its own (e.g. its source was graded): tell the views. */
export function announceSaved(annotation: Annotation): void {
  saved(annotation);
}

function deleted(annotation: Annotation): Annotation {
  announce({ type: 'deleted', id: annotation.id, articleId: annotation.articleId });
  return annotation;
}

export const KIND_LABELS: Record<AnnotationKind, string> = { claim: 'Claim', actor: 'Actor', source: 'Source', highlight: 'Highlight' };

import { shortQuote } from '../../../common/text/quote.ts';

export { shortQuote };

export interface AnnotationActions {
  create(input: Input<'annotations.create'>): Promise<Annotation>;
  remove(annotation: Annotation): Promise<Annotation>;
  /** Kind, note, actor/source link or tags. */
  update(before: Annotation, patch: Omit<Input<'annotations.update'>, 'id'>): Promise<Annotation>;
  /** Claimants, sources, credibility. */
  updateClaim(before: Annotation, patch: Omit<Input<'claims.update'>, 'id'>): Promise<Annotation>;
  linkClaims(claim: Annotation, sameAs: number): Promise<Annotation>;
  unlinkClaim(claim: Annotation): Promise<Annotation>;
}

/**
 * The highlight actions of this window, through `api` (the client the views use). Each is one API call that main records as one
 * change set, one undo step (history.undo / history.redo); `history` re-reads its labels.
 */
export function createAnnotationActions(api: Pick<ApiClient, 'call'>, history: UndoHistory): AnnotationActions {
  const done = <T>(value: T): T => {
    void history.refresh().catch(() => undefined);
    return value;
  };
  return {
    async create(input) {
      return done(saved(await api.call('annotations.create', input)));
    },
    async remove(annotation) {
      return done(deleted(await api.call('annotations.delete', { id: annotation.id })));
    },
    async update(before, patch) {
      return done(saved(await api.call('annotations.update', { id: before.id, ...patch })));
    },
    async updateClaim(before, patch) {
      return done(saved(await api.call('claims.update', { id: before.id, ...patch })));
    },
    async linkClaims(claim, sameAs) {
      const other = await api.call('annotations.get', { id: sameAs });
      const otherGroup = [other.id, ...(other.claim?.sameClaims.map((r) => r.annotationId) ?? [])];
      const after = saved(await api.call('claims.link', { id: claim.id, sameAs }));
      announceClaims(api, [...otherGroup, ...(after.claim?.sameClaims.map((r) => r.annotationId) ?? [])]);
      return done(after);
    },
    async unlinkClaim(claim) {
      const peers = claim.claim?.sameClaims.map((r) => r.annotationId) ?? [];
      const after = saved(await api.call('claims.unlink', { id: claim.id }));
      announceClaims(api, peers);
      return done(after);
    },
  };
}

/** Claims whose group changed as a side effect: refetched so open views show the new counts. */
function announceClaims(api: Pick<ApiClient, 'call'>, ids: readonly number[]): void {
  for (const id of new Set(ids)) {
    api.call('annotations.get', { id }).then(saved, () => undefined);
  }
}
