// "Same claim as…": the claims in every other article of the library, newest first,
// narrowed on the server as you type (annotations.find), to link with the one being
// edited (claims.link). Claims already in its group are shown as linked and cannot be
// picked again.
import { useCallback, useMemo } from 'react';
import type { Annotation, AnnotationInArticle } from '../../../common/api/methods/annotations.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { ArticleLine, RecordPicker } from '../components/RecordPicker.tsx';
import { formatDate } from '../format.ts';

interface Props {
  claim: Annotation;
  onPick(otherId: number): void;
  onClose(): void;
}

const PAGE = 50;

export function SameClaimDialog({ claim, onPick, onClose }: Props) {
  const api = useApi();
  const linked = useMemo(() => new Set(claim.claim?.sameClaims.map((r) => r.annotationId) ?? []), [claim]);
  const load = useCallback(
    (text: string, before: number | null) =>
      api.call('annotations.find', { text, kind: 'claim', exceptArticleId: claim.articleId, limit: PAGE, ...(before === null ? {} : { before }) }),
    [api, claim.articleId],
  );

  return (
    <Dialog title="Same claim as…" onClose={onClose} className="same-claim-dialog record-picker-dialog">
      <p className="hint">
        Link “{claim.quote.exact.length > 120 ? `${claim.quote.exact.slice(0, 119)}…` : claim.quote.exact}” with a claim in another article that
        says the same thing. Reports from other outlets count as corroboration.
      </p>
      <RecordPicker<AnnotationInArticle, number>
        label="Search claims"
        placeholder="Words of the claim, a claimant, an article or outlet…"
        listLabel="Claims in other articles"
        noun={{ one: 'claim', many: 'claims' }}
        load={load}
        keyOf={(c) => c.id}
        render={(c) => (
          <>
            <span className="record-quote" dir="auto">
              “{c.quote.exact}”
            </span>
            {c.claim?.claimants.length ? <span className="record-detail">Claimed by {c.claim.claimants.map((e) => e.name).join(', ')}</span> : null}
            <ArticleLine title={c.article.title} outlet={c.article.outlet} date={c.article.publishedAt ? formatDate(c.article.publishedAt) : null} />
          </>
        )}
        unavailable={(c) => (linked.has(c.id) ? 'Already linked' : null)}
        onPick={(c) => onPick(c.id)}
        empty={{
          none: 'There are no claims in other articles yet. Tag a passage as a claim in another article first.',
          noMatch: 'No claim in another article matches.',
        }}
      />
    </Dialog>
  );
}
