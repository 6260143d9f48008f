// The claims board: claims reported by several articles (grouped as the same claim)
// with how many independent outlets stand behind each and which report came first;
// claims the researcher marked as contradicting each other; and claims in no group.
// Select two claims to mark them as contradicting.
import { useCallback, useEffect, useId, useState } from 'react';
import type { ClaimCard, ClaimGroupCard, ClaimsBoard } from '../../../common/api/methods/connections.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { ApiCallError } from '../api/client.ts';
import { ClaimSummary, clip } from './ClaimSummary.tsx';
import './connections.css';
import { useLibraryChanged } from '../api/useLibraryChanged.ts';
import { AuthorFilter, useMakers } from '../components/AuthorFilter.tsx';

export interface ClaimsBoardViewProps {
  /** Opens the article scrolled to the claim's passage. */
  onOpenPassage(articleId: number, annotationId: number): void;
}

const PAGE = 100;
/** Reports shown per group before "Show all": the board is for scanning. */
const GROUP_PREVIEW = 3;

function messageOf(error: unknown): string {
  return error instanceof ApiCallError ? (error.error.detail ?? error.error.message) : 'Something went wrong.';
}

export function corroborationLabel(group: ClaimGroupCard): string {
  const n = group.independentReports;
  return `${n} independent ${n === 1 ? 'report' : 'reports'}`;
}

export function ClaimsBoardView({ onOpenPassage }: ClaimsBoardViewProps) {
  const api = useApi();
  const [board, setBoard] = useState<ClaimsBoard | null>(null);
  const [shown, setShown] = useState(PAGE);
  const [selected, setSelected] = useState<number[]>([]);
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [author, setAuthor] = useState('');
  const makers = useMakers();
  const uid = useId();

  const load = useCallback(() => {
    api.call('claims.board', { ungroupedLimit: shown, author: author || undefined }).then(setBoard, (e: unknown) => setMessage({ text: messageOf(e), error: true }));
  }, [api, shown, author]);

  useEffect(load, [load]);
  useLibraryChanged(load, { kinds: ['annotation', 'article', 'entity', 'contradiction', 'claim-group'] });

  const toggle = (id: number) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s.slice(-1), id]));

  const mark = async () => {
    const [id, otherId] = selected;
    if (id === undefined || otherId === undefined) return;
    try {
      await api.call('claims.markContradiction', { id, otherId });
      setSelected([]);
      setMessage({ text: `Claims #${id} and #${otherId} are marked as contradicting each other.`, error: false });
      load();
    } catch (e) {
      setMessage({ text: messageOf(e), error: true });
    }
  };

  const unmark = async (a: number, b: number) => {
    try {
      await api.call('claims.unmarkContradiction', { id: a, otherId: b });
      setMessage({ text: `Claims #${a} and #${b} are no longer marked as contradicting.`, error: false });
      load();
    } catch (e) {
      setMessage({ text: messageOf(e), error: true });
    }
  };

  const row = (claim: ClaimCard, earliest = false) => (
    <li key={claim.annotationId} className={selected.includes(claim.annotationId) ? 'cf-board-claim selected' : 'cf-board-claim'}>
      <label className="cf-board-select">
        <input type="checkbox" checked={selected.includes(claim.annotationId)} onChange={() => toggle(claim.annotationId)} />
        <span className="visually-hidden">Select claim #{claim.annotationId}</span>
      </label>
      <div className="cf-board-claim-body">
        {earliest ? <span className="cf-earliest">Earliest report</span> : null}
        <ClaimSummary claim={claim} />
        {claim.contradicts.length ? (
          <span className="cf-contradicts">Contradicts {claim.contradicts.map((id) => `#${id}`).join(', ')}</span>
        ) : null}
      </div>
      <button
        type="button"
        className="button cf-open"
        aria-label={`Open the passage of claim #${claim.annotationId} in ${claim.articleTitle}`}
        onClick={() => onOpenPassage(claim.articleId, claim.annotationId)}
      >
        Open
      </button>
    </li>
  );

  if (!board) {
    // The view's heading comes first, loaded or not: a screen reader lands on it at once.
    return (
      <section className="cf-board" aria-labelledby={`${uid}-title`}>
        <header className="cf-board-header">
          <h1 id={`${uid}-title`}>Claims board</h1>
        </header>
        <p className="muted" role="status">
          {message?.error ? message.text : 'Loading the claims…'}
        </p>
      </section>
    );
  }

  const total = board.groups.reduce((n, g) => n + g.claims.length, 0) + board.ungroupedTotal;
  return (
    <section className="cf-board" aria-labelledby={`${uid}-title`}>
      <header className="cf-board-header">
        <div>
          <h1 id={`${uid}-title`}>Claims board</h1>
          <p className="muted">
            {total} {total === 1 ? 'claim' : 'claims'}: {board.groups.length} reported in several articles, {board.ungroupedTotal} in no group,{' '}
            {board.contradictions.length} {board.contradictions.length === 1 ? 'contradiction' : 'contradictions'}.
            {author ? ` Only claims by ${author}, with the whole groups and contradictions that hold one.` : ''}
          </p>
          <AuthorFilter layout="inline" label="Claims by" names={makers} value={author} onChange={setAuthor} />
        </div>
        <div className="cf-board-actions" role="group" aria-label="Selected claims">
          <span className="muted">{selected.length === 2 ? `#${selected[0]} and #${selected[1]} selected` : 'Select two claims to mark them as contradicting.'}</span>
          <button type="button" className="button primary" disabled={selected.length !== 2} onClick={() => void mark()}>
            Mark as contradicting
          </button>
        </div>
      </header>
      <div role={message?.error ? 'alert' : 'status'} className={message?.error ? 'cf-message error' : 'cf-message'}>
        {message?.text}
      </div>

      <section aria-labelledby={`${uid}-groups`}>
        <h2 id={`${uid}-groups`}>The same claim in several articles</h2>
        {board.groups.length === 0 ? (
          <p className="muted">No claims are grouped yet. Link a claim to the same claim in another article from the reader.</p>
        ) : (
          <ol className="cf-board-groups">
            {board.groups.map((group) => (
              <li key={group.groupId}>
                <article className="cf-board-group" aria-label={`${group.label || clip(group.claims[0]!.quote, 80)}: ${corroborationLabel(group)}`}>
                  <header className="cf-board-group-header">
                    <h3 dir="auto">{group.label || clip(group.claims[0]!.quote, 120)}</h3>
                    <span className={group.corroboration > 0 ? 'cf-corroboration' : 'cf-corroboration none'}>{corroborationLabel(group)}</span>
                  </header>
                  <p className="cf-outlets muted">
                    {group.claims.length} {group.claims.length === 1 ? 'article' : 'articles'}
                    {group.outlets.length ? ` · ${group.outlets.join(', ')}` : ''}
                  </p>
                  {group.reportNotes.length ? (
                    // Why fewer reports than articles: one outlet, one wire text, one confirmed story.
                    <ul className="cf-report-notes" aria-label="Why these count as fewer reports">
                      {group.reportNotes.map((note) => (
                        <li key={note} dir="auto">
                          {note}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  <ol className="cf-board-claims">
                    {(expanded.has(group.groupId) ? group.claims : group.claims.slice(0, GROUP_PREVIEW)).map((c, i) => row(c, i === 0))}
                  </ol>
                  {group.claims.length > GROUP_PREVIEW ? (
                    <button
                      type="button"
                      className="link-button cf-more"
                      aria-expanded={expanded.has(group.groupId)}
                      onClick={() =>
                        setExpanded((e) => {
                          const next = new Set(e);
                          if (!next.delete(group.groupId)) next.add(group.groupId);
                          return next;
                        })
                      }
                    >
                      {expanded.has(group.groupId) ? 'Show the earliest reports only' : `Show all ${group.claims.length} reports`}
                    </button>
                  ) : null}
                </article>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby={`${uid}-contradictions`}>
        <h2 id={`${uid}-contradictions`}>Contradictions</h2>
        {board.contradictions.length === 0 ? (
          <p className="muted">None marked. Select two claims that cannot both be true and mark them as contradicting.</p>
        ) : (
          <ul className="cf-board-contradictions">
            {board.contradictions.map((pair) => (
              <li key={`${pair.a.annotationId}-${pair.b.annotationId}`} className="cf-contradiction">
                <div className="cf-contradiction-side">
                  <ClaimSummary claim={pair.a} quoteLength={200} />
                  <button type="button" className="link-button" onClick={() => onOpenPassage(pair.a.articleId, pair.a.annotationId)}>
                    Open #{pair.a.annotationId}
                  </button>
                </div>
                <span className="cf-versus" aria-hidden="true">
                  ≠
                </span>
                <div className="cf-contradiction-side">
                  <ClaimSummary claim={pair.b} quoteLength={200} />
                  <button type="button" className="link-button" onClick={() => onOpenPassage(pair.b.articleId, pair.b.annotationId)}>
                    Open #{pair.b.annotationId}
                  </button>
                </div>
                <button type="button" className="button" onClick={() => void unmark(pair.a.annotationId, pair.b.annotationId)}>
                  Unmark
                  <span className="visually-hidden">
                    {' '}
                    #{pair.a.annotationId} and #{pair.b.annotationId}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby={`${uid}-ungrouped`}>
        <h2 id={`${uid}-ungrouped`}>Claims in no group</h2>
        {board.ungroupedTotal === 0 ? (
          <p className="muted">Every claim is grouped.</p>
        ) : (
          <>
            <ol className="cf-board-claims">{board.ungrouped.map((c) => row(c))}</ol>
            {board.ungrouped.length < board.ungroupedTotal ? (
              <button type="button" className="button" onClick={() => setShown((n) => n + PAGE)}>
                Show more ({board.ungroupedTotal - board.ungrouped.length} not shown)
              </button>
            ) : null}
          </>
        )}
      </section>
    </section>
  );
}
