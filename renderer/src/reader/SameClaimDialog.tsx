// "Same claim as…": every claim in the other articles, grouped by article and searchable,
// to link with the one being edited (claims.link). Claims already in its group are shown
// as linked and cannot be picked again.
import { useEffect, useId, useMemo, useState } from 'react';
import type { Annotation } from '../../../common/api/methods/annotations.ts';
import { api } from '../api/client.ts';
import { Dialog } from '../components/Dialog.tsx';
import { useServices } from '../shell/services.tsx';

interface Props {
  claim: Annotation;
  onPick(otherId: number): void;
  onClose(): void;
}

interface Group {
  articleId: number;
  title: string;
  claims: Annotation[];
}

export function SameClaimDialog({ claim, onPick, onClose }: Props) {
  const { reportError } = useServices();
  const [claims, setClaims] = useState<Annotation[] | null>(null);
  const [titles, setTitles] = useState<Map<number, string>>(new Map());
  const [query, setQuery] = useState('');
  const searchId = useId();

  useEffect(() => {
    let current = true;
    Promise.all([api.call('annotations.list', { kind: 'claim', limit: 20_000 }), api.call('articles.list', { limit: 500 })]).then(
      ([list, page]) => {
        if (!current) return;
        setClaims(list);
        setTitles(new Map(page.items.map((a) => [a.id, a.title])));
      },
      (e: unknown) => reportError(e, 'Could not list the claims'),
    );
    return () => {
      current = false;
    };
  }, [reportError]);

  const linked = useMemo(() => new Set(claim.claim?.sameClaims.map((r) => r.annotationId) ?? []), [claim]);

  const groups = useMemo<Group[]>(() => {
    if (!claims) return [];
    const text = query.trim().toLowerCase();
    const byArticle = new Map<number, Group>();
    for (const c of claims) {
      if (c.articleId === claim.articleId) continue;
      const title = titles.get(c.articleId) ?? `Article ${c.articleId}`;
      const haystack = `${c.quote.exact} ${c.note} ${c.claim?.claimants.map((e) => e.name).join(' ') ?? ''} ${title}`.toLowerCase();
      if (text && !haystack.includes(text)) continue;
      let group = byArticle.get(c.articleId);
      if (!group) byArticle.set(c.articleId, (group = { articleId: c.articleId, title, claims: [] }));
      group.claims.push(c);
    }
    return [...byArticle.values()].sort((a, b) => a.title.localeCompare(b.title));
  }, [claims, titles, query, claim.articleId]);

  return (
    <Dialog title="Same claim as…" onClose={onClose} className="same-claim-dialog">
      <p className="hint">
        Link “{claim.quote.exact.length > 120 ? `${claim.quote.exact.slice(0, 119)}…` : claim.quote.exact}” with a claim in another article that
        says the same thing. Reports from other outlets count as corroboration.
      </p>
      <label htmlFor={searchId} className="field-label">
        Search claims
      </label>
      <input id={searchId} type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoFocus placeholder="Words of the claim, a claimant, an article…" />
      {claims === null ? (
        <p className="hint">Loading claims…</p>
      ) : groups.length === 0 ? (
        <p className="hint">{query ? 'No claim in another article matches.' : 'There are no claims in other articles yet. Tag a passage as a claim in another article first.'}</p>
      ) : (
        <div className="claim-groups">
          {groups.map((g) => (
            <section key={g.articleId} aria-label={g.title}>
              <h3 className="claim-group-title">{g.title}</h3>
              <ul className="claim-choices">
                {g.claims.map((c) => (
                  <li key={c.id}>
                    <button type="button" className="claim-choice" disabled={linked.has(c.id)} onClick={() => onPick(c.id)}>
                      <span className="claim-choice-quote">“{c.quote.exact}”</span>
                      {c.claim?.claimants.length ? <span className="claim-choice-meta">Claimed by {c.claim.claimants.map((e) => e.name).join(', ')}</span> : null}
                      {linked.has(c.id) ? <span className="claim-choice-meta">Already linked</span> : null}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </Dialog>
  );
}
