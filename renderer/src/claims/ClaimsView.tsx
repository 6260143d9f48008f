// Claims across the library, grouped by article, with claimants, sources, credibility
// and corroboration; each opens its passage. (A first, simple list; the claims board
// with same-claim groups comes with the search and connect work.)
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Annotation } from '../../../common/api/methods/annotations.ts';
import type { ArticleSummary } from '../../../common/api/methods/articles.ts';
import { api } from '../api/client.ts';
import { AnchorBadge } from '../components/badges.tsx';
import { credibilityText, reliabilityText } from '../components/grades.tsx';
import { corroborationText } from '../reader/AnnotationEditor.tsx';
import { useNavigate } from '../shell/navigation.tsx';
import { useServices } from '../shell/services.tsx';

export function ClaimsView() {
  const { reportError } = useServices();
  const navigate = useNavigate();
  const [claims, setClaims] = useState<Annotation[] | null>(null);
  const [articles, setArticles] = useState<Map<number, ArticleSummary>>(new Map());
  const [filter, setFilter] = useState<'all' | 'corroborated' | 'unlinked'>('all');

  const load = useCallback(() => {
    Promise.all([api.call('annotations.list', { kind: 'claim', limit: 20_000 }), api.call('articles.list', { limit: 500 })]).then(
      ([list, page]) => {
        setClaims(list);
        setArticles(new Map(page.items.map((a) => [a.id, a])));
      },
      (e: unknown) => reportError(e, 'Could not list the claims'),
    );
  }, [reportError]);

  useEffect(() => {
    load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = api.on('library.changed', () => {
      clearTimeout(timer);
      timer = setTimeout(load, 200);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [load]);

  const groups = useMemo(() => {
    const byArticle = new Map<number, Annotation[]>();
    for (const c of claims ?? []) {
      if (filter === 'corroborated' && !(c.claim && c.claim.corroboration > 0)) continue;
      if (filter === 'unlinked' && c.claim?.sameClaims.length) continue;
      const list = byArticle.get(c.articleId);
      if (list) list.push(c);
      else byArticle.set(c.articleId, [c]);
    }
    return [...byArticle];
  }, [claims, filter]);

  return (
    <main className="claims-view" aria-labelledby="claims-title">
      <header className="claims-header">
        <h1 id="claims-title">Claims</h1>
        <span className="muted">{claims ? `${claims.length} ${claims.length === 1 ? 'claim' : 'claims'}` : 'Loading…'}</span>
        <div className="segmented" role="radiogroup" aria-label="Show">
          {(
            [
              ['all', 'All'],
              ['corroborated', 'Corroborated'],
              ['unlinked', 'Not linked'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className={filter === value ? 'segment checked' : 'segment'}>
              <input type="radio" name="claim-filter" value={value} checked={filter === value} onChange={() => setFilter(value)} />
              <span>{label}</span>
            </label>
          ))}
        </div>
      </header>
      {claims && claims.length === 0 ? <p className="hint">No claims yet. Select a passage in an article and choose Claim (or press C).</p> : null}
      {groups.map(([articleId, list]) => {
        const article = articles.get(articleId);
        return (
          <section key={articleId} className="claims-group" aria-label={article?.title ?? `Article ${articleId}`}>
            <h2 className="claims-article">
              {article?.title ?? `Article ${articleId}`}
              <span className="muted"> {article?.outlet ? `· ${article.outlet}` : ''}</span>
            </h2>
            <ul className="claims-list">
              {list.map((c) => (
                <li key={c.id} className="claim-row">
                  <button type="button" className="mention" onClick={() => navigate({ view: 'library', id: c.articleId, at: c.id })}>
                    <span className="mention-quote">“{c.quote.exact}”</span>
                    <span className="mention-meta">
                      {[
                        c.claim?.claimants.length ? `Claimed by ${c.claim.claimants.map((e) => e.name).join(', ')}` : 'No claimant',
                        c.claim?.sources.length ? `Source: ${c.claim.sources.map((e) => (e.reliability ? `${e.name} (${reliabilityText(e.reliability)})` : e.name)).join(', ')}` : null,
                        c.claim?.credibility ? `Credibility ${credibilityText(c.claim.credibility)}` : null,
                        c.claim?.sameClaims.length ? corroborationText(c.claim.corroboration) : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                    {c.anchorStatus !== 'exact' ? <AnchorBadge status={c.anchorStatus} /> : null}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </main>
  );
}
