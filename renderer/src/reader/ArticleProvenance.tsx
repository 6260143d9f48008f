// Where an article's text was published (its appearances, each with its own evidence
// file) and which articles are probably the same story, with the researcher's answer.
// Wire copies are evidence: three outlets carrying one text are three appearances of one
// article, and count as one report.
import { useState } from 'react';
import type { Article, SameStoryStatus } from '../../../common/api/methods/articles.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { formatDate } from '../format.ts';
import { useServices } from '../shell/services.tsx';
import { useNavigate } from '../shell/navigation.tsx';

const STATUS_TEXT: Record<SameStoryStatus, string> = {
  suggested: 'Probably the same story: not decided',
  confirmed: 'Confirmed as the same story: counted as one report',
  dismissed: 'Dismissed: a different story',
};

export function ArticleProvenance({ article, onChanged }: { article: Article; onChanged(article: Article): void }) {
  const api = useApi();
  const { reportError } = useServices();
  const navigate = useNavigate();
  const [busy, setBusy] = useState<number | null>(null);

  const decide = async (otherId: number, status: SameStoryStatus) => {
    setBusy(otherId);
    try {
      onChanged(await api.call('articles.decideSameStory', { id: article.id, otherId, status }));
    } catch (error) {
      reportError(error, 'The answer was not saved');
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="provenance-panel" aria-labelledby="appearances-heading">
      <h3 id="appearances-heading">
        {article.appearances.length === 1 ? 'Appeared in one place' : `Carried in ${article.appearances.length} places (one text, counted as one report)`}
      </h3>
      <ol className="appearances">
        {article.appearances.map((a, i) => (
          <li key={a.id ?? 'own'}>
            <span className="appearance-outlet" dir="auto">
              {a.outlet ?? 'Unknown outlet'}
              {i === 0 ? <span className="muted"> · first imported</span> : null}
            </span>
            {a.url ? (
              <span className="appearance-url" dir="ltr">
                {a.url}
              </span>
            ) : null}
            <span className="muted">
              Retrieved {formatDate(a.retrievedAt)}
              {a.original ? ` · ${a.original.name ?? 'pasted'} (${a.original.type})` : ''}
            </span>
            {a.original ? (
              <span className="appearance-hash mono" title="SHA-256 of the original file as imported">
                {a.original.sha256}
              </span>
            ) : null}
          </li>
        ))}
      </ol>
      {article.sameStory.length > 0 ? (
        <>
          <h3>Probably the same story</h3>
          <ul className="same-story">
            {article.sameStory.map((s) => (
              <li key={s.articleId}>
                <button type="button" className="link-button" dir="auto" onClick={() => navigate({ view: 'library', id: s.articleId })}>
                  {s.title}
                </button>
                <span className="muted">
                  {s.outlet ?? 'Unknown outlet'} · {Math.round(s.similarity * 100)}% of its wording alike
                </span>
                <span className={`same-story-status ${s.status}`}>{STATUS_TEXT[s.status]}</span>
                <span className="button-row">
                  {s.status !== 'confirmed' ? (
                    <button type="button" className="button" disabled={busy !== null} onClick={() => void decide(s.articleId, 'confirmed')}>
                      Same story
                    </button>
                  ) : null}
                  {s.status !== 'dismissed' ? (
                    <button type="button" className="button" disabled={busy !== null} onClick={() => void decide(s.articleId, 'dismissed')}>
                      Different story
                    </button>
                  ) : null}
                  {s.status !== 'suggested' ? (
                    <button type="button" className="link-button" disabled={busy !== null} onClick={() => void decide(s.articleId, 'suggested')}>
                      Undecide
                    </button>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
