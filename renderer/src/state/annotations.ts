// Every change the user makes to a highlight goes through here: it is saved at once
// through the API, announced to the open views (so the reader redraws without waiting
// for a refetch), and recorded in the undo history with its inverse.
import type { Input } from '../../../common/api/contract.ts';
import type { Annotation, AnnotationKind } from '../../../common/api/methods/annotations.ts';
import { api, ApiCallError } from '../api/client.ts';
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

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((x) => set.has(x));
}

export function restoreInput(a: Annotation): Input<'annotations.restore'> {
  return {
    id: a.id,
    articleId: a.articleId,
    kind: a.kind,
    start: a.start,
    end: a.end,
    note: a.note,
    entityId: a.entity?.id ?? null,
    claim: a.claim
      ? {
          credibility: a.claim.credibility,
          claimantIds: a.claim.claimants.map((e) => e.id),
          sourceIds: a.claim.sources.map((e) => e.id),
          groupId: a.claim.groupId,
        }
      : null,
    tagIds: a.tags.map((t) => t.id),
    quote: a.quote,
    createdAt: a.createdAt,
  };
}

/** Puts a claim back into the "same claim" group it was in, by linking it to a member still there. */
async function rejoinGroup(claim: Annotation, formerPeers: readonly number[]): Promise<Annotation> {
  for (const peer of formerPeers) {
    try {
      return await api.call('claims.link', { id: claim.id, sameAs: peer });
    } catch (error) {
      // That peer is gone or no longer a claim: try the next.
      if (!(error instanceof ApiCallError) || (error.error.code !== 'NOT_FOUND' && error.error.code !== 'INVALID_INPUT')) throw error;
    }
  }
  return claim;
}

/** Makes a highlight look as it did in `target` (kind, note, link, tags, claim fields). */
async function restoreState(target: Annotation): Promise<Annotation> {
  let current = await api.call('annotations.get', { id: target.id });
  const targetTags = target.tags.map((t) => t.id);
  if (
    current.kind !== target.kind ||
    current.note !== target.note ||
    (current.entity?.id ?? null) !== (target.entity?.id ?? null) ||
    !sameIds(current.tags.map((t) => t.id), targetTags)
  ) {
    current = await api.call('annotations.update', {
      id: target.id,
      kind: target.kind,
      note: target.note,
      entity: target.entity ? { id: target.entity.id } : null,
      tagIds: targetTags,
    });
  }
  if (target.claim) {
    const want = target.claim;
    const have = current.claim;
    const claimantIds = want.claimants.map((e) => e.id);
    const sourceIds = want.sources.map((e) => e.id);
    if (
      !have ||
      have.credibility !== want.credibility ||
      !sameIds(have.claimants.map((e) => e.id), claimantIds) ||
      !sameIds(have.sources.map((e) => e.id), sourceIds)
    ) {
      current = await api.call('claims.update', {
        id: target.id,
        credibility: want.credibility,
        claimants: claimantIds.map((id) => ({ id })),
        sources: sourceIds.map((id) => ({ id })),
      });
    }
    const wantPeers = want.sameClaims.map((r) => r.annotationId);
    const havePeers = current.claim?.sameClaims.map((r) => r.annotationId) ?? [];
    if (wantPeers.length === 0 && havePeers.length > 0) current = await api.call('claims.unlink', { id: target.id });
    else if (wantPeers.length > 0 && havePeers.length === 0) current = await rejoinGroup(current, wantPeers);
  }
  return saved(current);
}

async function restoreDeleted(snapshot: Annotation): Promise<Annotation> {
  let restored = await api.call('annotations.restore', restoreInput(snapshot));
  // A two-claim group disappears when one of them is deleted; join the other again.
  const peers = snapshot.claim?.sameClaims.map((r) => r.annotationId) ?? [];
  if (peers.length > 0 && (restored.claim?.sameClaims.length ?? 0) === 0) restored = await rejoinGroup(restored, peers);
  return saved(restored);
}

export interface AnnotationActions {
  create(input: Input<'annotations.create'>): Promise<Annotation>;
  remove(annotation: Annotation): Promise<Annotation>;
  /** Kind, note, actor/source link or tags. */
  update(before: Annotation, patch: Omit<Input<'annotations.update'>, 'id'>, label: string, coalesce?: string): Promise<Annotation>;
  /** Claimants, sources, credibility. */
  updateClaim(before: Annotation, patch: Omit<Input<'claims.update'>, 'id'>, label: string): Promise<Annotation>;
  linkClaims(claim: Annotation, sameAs: number): Promise<Annotation>;
  unlinkClaim(claim: Annotation): Promise<Annotation>;
}

export function createAnnotationActions(history: UndoHistory): AnnotationActions {
  return {
    async create(input) {
      const created = saved(await api.call('annotations.create', input));
      let snapshot = created;
      history.record({
        label: `Tag “${shortQuote(created.quote.exact)}” as ${KIND_LABELS[created.kind].toLowerCase()}`,
        undo: async () => {
          snapshot = deleted(await api.call('annotations.delete', { id: created.id }));
        },
        redo: async () => {
          await restoreDeleted(snapshot);
        },
      });
      return created;
    },

    async remove(annotation) {
      const snapshot = deleted(await api.call('annotations.delete', { id: annotation.id }));
      history.record({
        label: `Remove highlight “${shortQuote(snapshot.quote.exact)}”`,
        undo: async () => {
          await restoreDeleted(snapshot);
        },
        redo: async () => {
          deleted(await api.call('annotations.delete', { id: snapshot.id }));
        },
      });
      return snapshot;
    },

    async update(before, patch, label, coalesce) {
      const after = saved(await api.call('annotations.update', { id: before.id, ...patch }));
      history.record({
        label,
        coalesce,
        undo: async () => {
          await restoreState(before);
        },
        redo: async () => {
          await restoreState(after);
        },
      });
      return after;
    },

    async updateClaim(before, patch, label) {
      const after = saved(await api.call('claims.update', { id: before.id, ...patch }));
      history.record({
        label,
        undo: async () => {
          await restoreState(before);
        },
        redo: async () => {
          await restoreState(after);
        },
      });
      return after;
    },

    async linkClaims(claim, sameAs) {
      const other = await api.call('annotations.get', { id: sameAs });
      const ownPeers = claim.claim?.sameClaims.map((r) => r.annotationId) ?? [];
      const otherGroup = [other.id, ...(other.claim?.sameClaims.map((r) => r.annotationId) ?? [])];
      const after = saved(await api.call('claims.link', { id: claim.id, sameAs }));
      announceClaims(after.claim?.sameClaims.map((r) => r.annotationId) ?? []);
      history.record({
        label: `Link “${shortQuote(claim.quote.exact)}” as the same claim`,
        undo: async () => {
          // Linking merged two groups: take the other group's members out again, then
          // put them back together as they were. This claim's own group stays.
          const movers = ownPeers.length === 0 ? [claim.id] : otherGroup.filter((id) => !ownPeers.includes(id) && id !== claim.id);
          for (const id of movers) saved(await api.call('claims.unlink', { id }));
          const [first, ...rest] = ownPeers.length === 0 ? [] : movers;
          if (first !== undefined) for (const id of rest) saved(await api.call('claims.link', { id, sameAs: first }));
          announceClaims([claim.id, ...otherGroup]);
        },
        redo: async () => {
          saved(await api.call('claims.link', { id: claim.id, sameAs }));
          announceClaims([claim.id, ...otherGroup]);
        },
      });
      return after;
    },

    async unlinkClaim(claim) {
      const peers = claim.claim?.sameClaims.map((r) => r.annotationId) ?? [];
      const after = saved(await api.call('claims.unlink', { id: claim.id }));
      announceClaims(peers);
      history.record({
        label: `Unlink “${shortQuote(claim.quote.exact)}” from its same claims`,
        undo: async () => {
          await rejoinGroup(claim, peers).then(saved);
          announceClaims(peers);
        },
        redo: async () => {
          saved(await api.call('claims.unlink', { id: claim.id }));
          announceClaims(peers);
        },
      });
      return after;
    },
  };
}

/** Claims whose group changed as a side effect: refetched so open views show the new counts. */
function announceClaims(ids: readonly number[]): void {
  for (const id of new Set(ids)) {
    api.call('annotations.get', { id }).then(saved, () => undefined);
  }
}
