// The relationship map: actors linked when they appear in the same claim, drawn as a
// force-directed graph in SVG (laid out in a Web Worker, or in slices of a frame where
// workers are unavailable). Click a link, or pick it from the list beside the map, to
// see the claims behind it; each opens the article at that passage. The list is the
// keyboard path through the map.
import { useEffect, useId, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent, type WheelEvent as ReactWheelEvent } from 'react';
import type { EdgeEvidence, MapEdge, RelationshipMap } from '../../../common/api/methods/connections.ts';
import { api as defaultClient, ApiCallError, type ApiClient } from '../api/client.ts';
import { createLayout, layoutResult, stepLayout, type LayoutInput, type LayoutResult } from './layout.ts';
import type { LayoutMessage } from './layout.worker.ts';
import { ClaimSummary } from './ClaimSummary.tsx';
import './connections.css';

export interface MapViewProps {
  /** Opens the article scrolled to the claim's passage. */
  onOpenPassage(articleId: number, annotationId: number): void;
  /** Opens an actor's page. */
  onOpenActor?(actorId: number): void;
  client?: ApiClient;
}

function messageOf(error: unknown): string {
  return error instanceof ApiCallError ? (error.error.detail ?? error.error.message) : 'Something went wrong.';
}

/** Lays the graph out off the main thread when possible; progress from 0 to 1. */
export function useLayout(input: LayoutInput | null): { layout: LayoutResult | null; progress: number } {
  const [layout, setLayout] = useState<LayoutResult | null>(null);
  const [progress, setProgress] = useState(0);
  useEffect(() => {
    setLayout(null);
    setProgress(0);
    if (!input) return;
    if (typeof Worker !== 'undefined') {
      const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (event: MessageEvent<LayoutMessage>) => {
        if (event.data.type === 'progress') setProgress(event.data.done);
        else setLayout(event.data.result);
      };
      worker.postMessage(input);
      return () => worker.terminate();
    }
    // No workers (tests): a few iterations per task, so input stays responsive.
    const state = createLayout(input);
    let timer: ReturnType<typeof setTimeout>;
    const slice = () => {
      const started = performance.now();
      let done = false;
      while (!done && performance.now() - started < 8) done = stepLayout(state, 2);
      if (done) setLayout(layoutResult(state));
      else {
        setProgress(state.iteration / state.iterations);
        timer = setTimeout(slice, 0);
      }
    };
    timer = setTimeout(slice, 0);
    return () => clearTimeout(timer);
  }, [input]);
  return { layout, progress };
}

interface View {
  x: number;
  y: number;
  w: number;
  h: number;
}

const edgeKey = (e: { a: number; b: number }) => `${e.a}-${e.b}`;
const LABELLED = 40;

export function MapView({ onOpenPassage, onOpenActor, client = defaultClient }: MapViewProps) {
  const [map, setMap] = useState<RelationshipMap | null>(null);
  const [minClaims, setMinClaims] = useState(1);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [actorId, setActorId] = useState<number | null>(null);
  const [edge, setEdge] = useState<MapEdge | null>(null);
  const [evidence, setEvidence] = useState<EdgeEvidence[] | null>(null);
  const [hover, setHover] = useState<number | null>(null);
  const [view, setView] = useState<View | null>(null);
  const drag = useRef<{ x: number; y: number; view: View } | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const ids = { title: useId(), links: useId(), evidence: useId() };

  useEffect(() => {
    const load = () => client.call('connections.map', { minClaims }).then(setMap, (e: unknown) => setError(messageOf(e)));
    load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = client.on('library.changed', () => {
      clearTimeout(timer);
      timer = setTimeout(load, 500);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [client, minClaims]);

  const input = useMemo<LayoutInput | null>(
    () => (map ? { nodes: map.nodes.map((n) => ({ id: n.id, weight: n.weight })), edges: map.edges.map((e) => ({ a: e.a, b: e.b, weight: e.claimIds.length })) } : null),
    [map],
  );
  const { layout, progress } = useLayout(input);

  const positions = useMemo(() => {
    const p = new Map<number, { x: number; y: number }>();
    if (layout) layout.ids.forEach((id, i) => p.set(id, { x: layout.x[i]!, y: layout.y[i]! }));
    return p;
  }, [layout]);

  const fitted = useMemo<View | null>(() => {
    if (!layout || layout.ids.length === 0) return null;
    const pad = 60;
    // A few actors must not be blown up to fill the stage (labels would grow huge):
    // the view is never smaller than this many layout units, centred on the graph.
    const MIN_SIZE = 320;
    const minX = Math.min(...layout.x) - pad;
    const minY = Math.min(...layout.y) - pad;
    const w = Math.max(...layout.x) + pad - minX;
    const h = Math.max(...layout.y) + pad - minY;
    const fw = Math.max(w, MIN_SIZE);
    const fh = Math.max(h, MIN_SIZE * 0.6);
    return { x: minX - (fw - w) / 2, y: minY - (fh - h) / 2, w: fw, h: fh };
  }, [layout]);
  useEffect(() => setView(fitted), [fitted]);

  const nodes = useMemo(() => new Map((map?.nodes ?? []).map((n) => [n.id, n])), [map]);
  const neighbours = useMemo(() => {
    const byActor = new Map<number, Set<number>>();
    for (const e of map?.edges ?? []) {
      for (const [from, to] of [[e.a, e.b], [e.b, e.a]] as const) {
        const set = byActor.get(from) ?? new Set<number>();
        set.add(to);
        byActor.set(from, set);
      }
    }
    return byActor;
  }, [map]);
  const name = (id: number) => nodes.get(id)?.name ?? `#${id}`;
  const needle = filter.trim().toLowerCase();
  const matches = (id: number) => needle !== '' && name(id).toLowerCase().includes(needle);
  const labelled = useMemo(() => new Set([...(map?.nodes ?? [])].sort((a, b) => b.degree - a.degree || b.weight - a.weight).slice(0, LABELLED).map((n) => n.id)), [map]);

  const links = useMemo(() => {
    const all = [...(map?.edges ?? [])].sort((x, y) => y.claimIds.length - x.claimIds.length || name(x.a).localeCompare(name(y.a)) || name(x.b).localeCompare(name(y.b)));
    return all.filter((e) => (actorId === null || e.a === actorId || e.b === actorId) && (!needle || matches(e.a) || matches(e.b)));
  }, [map, actorId, needle]);

  const chooseEdge = (e: MapEdge) => {
    setEdge(e);
    setEvidence(null);
    client.call('connections.evidence', { a: e.a, b: e.b }).then(setEvidence, (err: unknown) => setError(messageOf(err)));
  };

  const toSvg = (clientX: number, clientY: number, v: View) => {
    const box = svgRef.current?.getBoundingClientRect();
    if (!box || box.width === 0) return { x: v.x + v.w / 2, y: v.y + v.h / 2 };
    const scale = Math.max(v.w / box.width, v.h / box.height);
    const offsetX = (box.width * scale - v.w) / 2;
    const offsetY = (box.height * scale - v.h) / 2;
    return { x: v.x - offsetX + (clientX - box.left) * scale, y: v.y - offsetY + (clientY - box.top) * scale };
  };
  const zoom = (factor: number, at?: { x: number; y: number }) => {
    setView((v) => {
      if (!v) return v;
      const cx = at?.x ?? v.x + v.w / 2;
      const cy = at?.y ?? v.y + v.h / 2;
      return { x: cx - (cx - v.x) * factor, y: cy - (cy - v.y) * factor, w: v.w * factor, h: v.h * factor };
    });
  };
  const onWheel = (event: ReactWheelEvent<SVGSVGElement>) => {
    if (!view) return;
    zoom(event.deltaY > 0 ? 1.15 : 1 / 1.15, toSvg(event.clientX, event.clientY, view));
  };
  const onPointerDown = (event: ReactPointerEvent<SVGSVGElement>) => {
    if (!view || (event.target as Element).closest('.cf-map-edge, .cf-map-node')) return;
    drag.current = { x: event.clientX, y: event.clientY, view };
    event.currentTarget.setPointerCapture?.(event.pointerId);
  };
  const onPointerMove = (event: ReactPointerEvent<SVGSVGElement>) => {
    const start = drag.current;
    const box = svgRef.current?.getBoundingClientRect();
    if (!start || !box || box.width === 0) return;
    const scale = Math.max(start.view.w / box.width, start.view.h / box.height);
    setView({ ...start.view, x: start.view.x - (event.clientX - start.x) * scale, y: start.view.y - (event.clientY - start.y) * scale });
  };

  const focusActor = actorId ?? hover;
  const strokeFor = (e: MapEdge) => 1 + Math.min(6, Math.log2(e.claimIds.length) * 1.5);
  const radius = (weight: number) => 4 + Math.min(9, Math.sqrt(weight));

  return (
    <section className="cf-map" aria-labelledby={ids.title}>
      <div className="cf-map-stage">
        <header className="cf-map-toolbar">
          <h1 id={ids.title}>Relationship map</h1>
          <span className="muted" role="status">
            {!map
              ? 'Loading…'
              : map.nodes.length === 0
                ? 'No actors share a claim yet.'
                : `${map.nodes.length} actors, ${map.edges.length} links${layout ? '' : ` · laying out ${Math.round(progress * 100)}%`}`}
          </span>
          <span className="cf-map-zoom button-row">
            <button type="button" className="button" onClick={() => zoom(1 / 1.4)} aria-label="Zoom in">
              +
            </button>
            <button type="button" className="button" onClick={() => zoom(1.4)} aria-label="Zoom out">
              −
            </button>
            <button type="button" className="button" onClick={() => setView(fitted)}>
              Fit
            </button>
          </span>
        </header>
        {error ? (
          <p role="alert" className="cf-message error">
            {error}
          </p>
        ) : null}
        <svg
          ref={svgRef}
          className="cf-map-svg"
          role="img"
          aria-label={map ? `Relationship map of ${map.nodes.length} actors and ${map.edges.length} links. The list of links beside it can be used with the keyboard.` : 'Relationship map'}
          viewBox={view ? `${view.x} ${view.y} ${view.w} ${view.h}` : '0 0 100 100'}
          preserveAspectRatio="xMidYMid meet"
          onWheel={onWheel}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={() => (drag.current = null)}
          onPointerCancel={() => (drag.current = null)}
        >
          {layout ? (
            <>
              <g className="cf-map-edges">
                {map!.edges.map((e) => {
                  const p = positions.get(e.a);
                  const q = positions.get(e.b);
                  if (!p || !q) return null;
                  const on = edge !== null && edgeKey(edge) === edgeKey(e);
                  const near = focusActor !== null && (e.a === focusActor || e.b === focusActor);
                  const dim = (focusActor !== null && !near) || (needle !== '' && !matches(e.a) && !matches(e.b));
                  return (
                    <g key={edgeKey(e)} className={`cf-map-edge${on ? ' selected' : ''}${near ? ' near' : ''}${dim ? ' dim' : ''}`} onClick={() => chooseEdge(e)}>
                      <title>
                        {name(e.a)} and {name(e.b)}: {e.claimIds.length} {e.claimIds.length === 1 ? 'claim' : 'claims'}
                      </title>
                      <line x1={p.x} y1={p.y} x2={q.x} y2={q.y} className="cf-map-edge-line" strokeWidth={strokeFor(e)} />
                      <line x1={p.x} y1={p.y} x2={q.x} y2={q.y} className="cf-map-edge-hit" />
                    </g>
                  );
                })}
              </g>
              <g className="cf-map-nodes">
                {map!.nodes.map((n) => {
                  const p = positions.get(n.id);
                  if (!p) return null;
                  const on = n.id === actorId;
                  const dim = (focusActor !== null && focusActor !== n.id && !neighbours.get(focusActor)?.has(n.id)) || (needle !== '' && !matches(n.id));
                  const showLabel = labelled.has(n.id) || on || hover === n.id || matches(n.id) || (focusActor !== null && !dim);
                  return (
                    <g
                      key={n.id}
                      className={`cf-map-node${on ? ' selected' : ''}${dim ? ' dim' : ''}`}
                      transform={`translate(${p.x} ${p.y})`}
                      onClick={() => setActorId(on ? null : n.id)}
                      onPointerEnter={() => setHover(n.id)}
                      onPointerLeave={() => setHover((h) => (h === n.id ? null : h))}
                    >
                      <title>
                        {n.name}: {n.degree} {n.degree === 1 ? 'link' : 'links'}
                      </title>
                      <circle r={radius(n.weight)} />
                      {showLabel ? (
                        <text y={-radius(n.weight) - 4} textAnchor="middle">
                          {n.name}
                        </text>
                      ) : null}
                    </g>
                  );
                })}
              </g>
            </>
          ) : null}
        </svg>
        <p className="hint cf-map-hint">Drag to move, scroll to zoom. Click an actor to see its links, a link to see the claims behind it.</p>
      </div>

      <aside className="cf-map-side" aria-label="Links and evidence">
        <label className="field">
          <span className="field-label">Find an actor</span>
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Name" />
        </label>
        <label className="field">
          <span className="field-label">Links backed by at least</span>
          <select value={minClaims} onChange={(e) => setMinClaims(Number(e.target.value))}>
            {[1, 2, 3, 5, 10].map((n) => (
              <option key={n} value={n}>
                {n} {n === 1 ? 'claim' : 'claims'}
              </option>
            ))}
          </select>
        </label>
        {actorId !== null ? (
          <div className="cf-map-actor">
            <strong>{name(actorId)}</strong>
            <span className="button-row">
              {onOpenActor ? (
                <button type="button" className="link-button" onClick={() => onOpenActor(actorId)}>
                  Open actor page
                </button>
              ) : null}
              <button type="button" className="link-button" onClick={() => setActorId(null)}>
                Show all links
              </button>
            </span>
          </div>
        ) : null}

        {edge ? (
          <section className="cf-map-evidence" aria-labelledby={ids.evidence}>
            <h2 id={ids.evidence}>
              {name(edge.a)} and {name(edge.b)}
            </h2>
            <p className="muted">
              Appear together in {edge.claimIds.length} {edge.claimIds.length === 1 ? 'claim' : 'claims'}.{' '}
              <button type="button" className="link-button" onClick={() => setEdge(null)}>
                Back to the links
              </button>
            </p>
            {evidence === null ? (
              <p className="muted" role="status">
                Loading the passages…
              </p>
            ) : (
              <ol className="cf-evidence-list">
                {evidence.map((item) => (
                  <li key={item.claim.annotationId}>
                    <button
                      type="button"
                      className="cf-evidence"
                      aria-label={`Open the passage in ${item.claim.articleTitle}`}
                      onClick={() => onOpenPassage(item.claim.articleId, item.claim.annotationId)}
                    >
                      <ClaimSummary claim={item.claim} quoteLength={260} />
                      <span className="cf-evidence-roles">
                        {[edge.a, edge.b]
                          .map((id) => `${name(id)}: ${item.roles.some((r) => r.actorId === id && r.role === 'claimant') ? 'makes the claim' : 'named in it'}`)
                          .join(' · ')}
                      </span>
                    </button>
                  </li>
                ))}
              </ol>
            )}
          </section>
        ) : (
          <section aria-labelledby={ids.links}>
            <h2 id={ids.links} className="cf-map-links-title">
              Links {links.length ? `(${links.length})` : ''}
            </h2>
            <ol className="cf-map-links">
              {links.slice(0, 300).map((e) => (
                <li key={edgeKey(e)}>
                  <button type="button" className="cf-map-link" onClick={() => chooseEdge(e)} onFocus={() => setHover(null)}>
                    <span dir="auto">
                      {name(e.a)} — {name(e.b)}
                    </span>
                    <span className="cf-map-link-count">
                      {e.claimIds.length} {e.claimIds.length === 1 ? 'claim' : 'claims'}
                    </span>
                  </button>
                </li>
              ))}
            </ol>
            {links.length > 300 ? <p className="hint">The 300 strongest links are listed; find an actor to see theirs.</p> : null}
          </section>
        )}
      </aside>
    </section>
  );
}
