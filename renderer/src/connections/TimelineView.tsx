// The claims timeline: claims placed by their article's publication date, one lane per
// "same claim" group (claims in no group share the last lane). Arrow keys move between
// claims (left/right along a lane, up/down to the nearest claim in the next lane);
// Enter opens the passage. Claims from undated articles are listed below the axis.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ClaimCard, ClaimsTimeline } from '../../../common/api/methods/connections.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { ApiCallError } from '../api/client.ts';
import { formatDate } from '../format.ts';
import { ClaimSummary, clip } from './ClaimSummary.tsx';
import './connections.css';
import { useLibraryChanged } from '../api/useLibraryChanged.ts';

export interface TimelineViewProps {
  /** Opens the article scrolled to the claim's passage. */
  onOpenPassage(articleId: number, annotationId: number): void;
  /** Only the claims this actor appears in. */
  actorId?: number;
}

const DAY = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);

function messageOf(error: unknown): string {
  return error instanceof ApiCallError ? (error.error.detail ?? error.error.message) : 'Something went wrong.';
}

/** Ticks for the axis: months, quarters or years, whichever gives a readable number. */
export function axisTicks(from: number, to: number): { at: number; label: string }[] {
  const span = to - from;
  const step = span <= 400 * DAY ? 1 : span <= 3 * 365 * DAY ? 3 : 12;
  const start = new Date(from);
  let year = start.getUTCFullYear();
  let month = Math.floor(start.getUTCMonth() / step) * step;
  const ticks: { at: number; label: string }[] = [];
  for (;;) {
    const at = Date.UTC(year, month, 1);
    if (at > to) break;
    if (at >= from) {
      const label = step === 12 ? String(year) : new Date(at).toLocaleDateString(undefined, { month: 'short', year: month === 0 || ticks.length === 0 ? 'numeric' : undefined, timeZone: 'UTC' });
      ticks.push({ at, label });
    }
    month += step;
    if (month >= 12) {
      month -= 12;
      year += 1;
    }
  }
  return ticks;
}

export function TimelineView({ onOpenPassage, actorId }: TimelineViewProps) {
  const api = useApi();
  const [timeline, setTimeline] = useState<ClaimsTimeline | null>(null);
  const [range, setRange] = useState({ from: '', to: '' });
  const [error, setError] = useState<string | null>(null);
  const [focus, setFocus] = useState<{ lane: number; index: number }>({ lane: 0, index: 0 });
  const [selected, setSelected] = useState<ClaimCard | null>(null);
  const lanesRef = useRef<HTMLDivElement>(null);
  const ids = { title: useId(), details: useId() };

  const load = useCallback(() => {
    api
      .call('connections.timeline', { actorId, from: range.from || undefined, to: range.to || undefined })
      .then(
        (t) => {
          setTimeline(t);
          setError(null);
        },
        (e: unknown) => setError(messageOf(e)),
      );
  }, [api, actorId, range]);

  useEffect(load, [load]);
  useLibraryChanged(load, { kinds: ['annotation', 'article', 'entity', 'claim-group'], delayMs: 300 });

  const scale = useMemo(() => {
    if (!timeline?.from || !timeline.to) return null;
    const from = dayOf(timeline.from);
    const to = dayOf(timeline.to);
    const pad = Math.max(15 * DAY, (to - from) * 0.03);
    return { from: from - pad, to: to + pad };
  }, [timeline]);
  const percent = (iso: string) => (scale ? ((dayOf(iso) - scale.from) / (scale.to - scale.from)) * 100 : 0);
  const ticks = useMemo(() => (scale ? axisTicks(scale.from, scale.to) : []), [scale]);
  const lanes = timeline?.lanes ?? [];

  const move = (lane: number, index: number) => {
    const target = lanes[lane]?.claims[index];
    if (!target) return;
    setFocus({ lane, index });
    setSelected(target);
    lanesRef.current?.querySelector<HTMLButtonElement>(`[data-claim="${target.annotationId}"]`)?.focus();
  };
  const nearestIn = (lane: number, iso: string) => {
    const claims = lanes[lane]?.claims ?? [];
    let best = 0;
    claims.forEach((c, i) => {
      if (Math.abs(dayOf(c.publishedAt!) - dayOf(iso)) < Math.abs(dayOf(claims[best]!.publishedAt!) - dayOf(iso))) best = i;
    });
    return best;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>, lane: number, index: number) => {
    const here = lanes[lane]!.claims[index]!;
    const count = lanes[lane]!.claims.length;
    const keys: Record<string, () => void> = {
      ArrowRight: () => move(lane, Math.min(count - 1, index + 1)),
      ArrowLeft: () => move(lane, Math.max(0, index - 1)),
      ArrowDown: () => lane + 1 < lanes.length && move(lane + 1, nearestIn(lane + 1, here.publishedAt!)),
      ArrowUp: () => lane > 0 && move(lane - 1, nearestIn(lane - 1, here.publishedAt!)),
      Home: () => move(lane, 0),
      End: () => move(lane, count - 1),
      Enter: () => onOpenPassage(here.articleId, here.annotationId),
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  const total = lanes.reduce((n, l) => n + l.claims.length, 0);
  // One claim is in the tab order (roving tabindex); the first, until another is chosen.
  const tabbable = lanes[focus.lane]?.claims[focus.index] ? focus : { lane: 0, index: 0 };
  return (
    <section className="cf-timeline" aria-labelledby={ids.title}>
      <header className="cf-timeline-header">
        <div>
          <h1 id={ids.title}>Claims timeline</h1>
          <p className="muted" role="status">
            {timeline
              ? `${total} ${total === 1 ? 'claim' : 'claims'} by publication date${timeline.from ? `, ${formatDate(timeline.from)} to ${formatDate(timeline.to!)}` : ''}; ${lanes.filter((l) => l.groupId !== null).length} same-claim groups`
              : 'Loading…'}
          </p>
        </div>
        <div className="cf-timeline-range">
          <label className="field">
            <span className="field-label">From</span>
            <input type="date" value={range.from} onChange={(e) => setRange((r) => ({ ...r, from: e.target.value }))} />
          </label>
          <label className="field">
            <span className="field-label">To</span>
            <input type="date" value={range.to} onChange={(e) => setRange((r) => ({ ...r, to: e.target.value }))} />
          </label>
        </div>
      </header>
      {error ? (
        <p role="alert" className="cf-message error">
          {error}
        </p>
      ) : null}

      {timeline && total === 0 ? <p className="muted">No dated claims{range.from || range.to ? ' in this range' : ''} yet.</p> : null}
      {total > 0 ? (
        <div className="cf-timeline-body">
          <div className="cf-timeline-chart">
            <div className="cf-timeline-axis" aria-hidden="true">
              <div className="cf-lane-label" />
              <div className="cf-lane-track">
                {ticks.map((t) => (
                  <span key={t.at} className="cf-tick" style={{ left: `${((t.at - scale!.from) / (scale!.to - scale!.from)) * 100}%` }}>
                    {t.label}
                  </span>
                ))}
              </div>
            </div>
            <div className="cf-timeline-lanes" ref={lanesRef} role="list" aria-label="Lanes: one per same-claim group">
              {lanes.map((lane, l) => {
                const sameDays = new Map<string, number>();
                return (
                <div key={lane.groupId ?? 'none'} className={lane.groupId === null ? 'cf-lane ungrouped' : 'cf-lane'} role="listitem">
                  <div className="cf-lane-label" title={lane.label} dir="auto">
                    {clip(lane.label, 60)}
                    <span className="cf-lane-count">{lane.claims.length}</span>
                  </div>
                  <div className="cf-lane-track" role="group" aria-label={`${lane.label}: ${lane.claims.length} ${lane.claims.length === 1 ? 'claim' : 'claims'}`}>
                    {ticks.map((t) => (
                      <span key={t.at} className="cf-gridline" style={{ left: `${((t.at - scale!.from) / (scale!.to - scale!.from)) * 100}%` }} />
                    ))}
                    {lane.claims.map((claim, i) => {
                      // Claims of the same day stack a little, so each stays clickable.
                      const day = claim.publishedAt!.slice(0, 10);
                      const sameDay = sameDays.get(day) ?? 0;
                      sameDays.set(day, sameDay + 1);
                      const isFocus = tabbable.lane === l && tabbable.index === i;
                      return (
                        <button
                          key={claim.annotationId}
                          type="button"
                          data-claim={claim.annotationId}
                          className={`cf-dot${selected?.annotationId === claim.annotationId ? ' selected' : ''}${claim.contradicts.length ? ' contradicted' : ''}`}
                          style={{ left: `${percent(claim.publishedAt!)}%`, top: `${50 + Math.min(sameDay, 3) * 5}%` }}
                          tabIndex={isFocus ? 0 : -1}
                          aria-label={`${formatDate(claim.publishedAt!)}, ${claim.outlet ?? 'no outlet'}: ${clip(claim.quote, 120)}`}
                          onClick={() => {
                            setFocus({ lane: l, index: i });
                            setSelected(claim);
                          }}
                          onDoubleClick={() => onOpenPassage(claim.articleId, claim.annotationId)}
                          onKeyDown={(e) => onKeyDown(e, l, i)}
                        />
                      );
                    })}
                  </div>
                </div>
                );
              })}
            </div>
          </div>
          <aside className="cf-timeline-details" aria-labelledby={ids.details}>
            <h2 id={ids.details}>Claim</h2>
            {selected ? (
              <>
                <ClaimSummary claim={selected} quoteLength={600} />
                <button type="button" className="button primary" onClick={() => onOpenPassage(selected.articleId, selected.annotationId)}>
                  Open the passage
                </button>
              </>
            ) : (
              <p className="muted">Choose a claim on the timeline (or focus it and use the arrow keys) to read it here.</p>
            )}
          </aside>
        </div>
      ) : null}

      {timeline && timeline.undated.length > 0 ? (
        <section className="cf-timeline-undated" aria-label="Claims from undated articles">
          <h2>Claims from articles without a publication date ({timeline.undated.length})</h2>
          <ul className="cf-board-claims">
            {timeline.undated.map((claim) => (
              <li key={claim.annotationId} className="cf-board-claim">
                <div className="cf-board-claim-body">
                  <ClaimSummary claim={claim} quoteLength={200} />
                </div>
                <button type="button" className="button cf-open" onClick={() => onOpenPassage(claim.articleId, claim.annotationId)}>
                  Open
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
