// The relationship map: actors linked when they appear in the same claim, drawn as a
// force-directed graph in SVG (laid out in a Web Worker, or in slices of a frame where
// workers are unavailable). Click a link, or pick it from the list beside the map, to
// see the claims behind it; each opens the article at that passage. The list is the
// keyboard path through the map.
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent, type WheelEvent as ReactWheelEvent } from 'react';
import type { EdgeEvidence, MapEdge, MapNode, RelationshipMap } from '../../../common/api/methods/connections.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { ApiCallError } from '../api/client.ts';
import { createLayout, layoutResult, stepLayout, type LayoutInput, type LayoutResult } from './layout.ts';
import type { LayoutMessage } from './layout.worker.ts';
import { ClaimSummary } from './ClaimSummary.tsx';
import './connections.css';

export interface MapViewProps {
  /** Opens the article scrolled to the claim's passage. */
  onOpenPassage(articleId: number, annotationId: number): void;
  /** Opens an actor's page. */
  onOpenActor?(actorId: number): void;
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
const strokeFor = (e: MapEdge) => 1 + Math.min(6, Math.log2(e.claimIds.length) * 1.5);
const radius = (weight: number) => 4 + Math.min(9, Math.sqrt(weight));

/** The view scaled by `factor` around a point (the centre by default). */
function zoomed(v: View, factor: number, at?: { x: number; y: number }): View {
  const cx = at?.x ?? v.x + v.w / 2;
  const cy = at?.y ?? v.y + v.h / 2;
  return { x: cx - (cx - v.x) * factor, y: cy - (cy - v.y) * factor, w: v.w * factor, h: v.h * factor };
}

type Positions = ReadonlyMap<number, { x: number; y: number }>;

/**
 * Every link, drawn once per layout: a memoized layer that hovering, selecting, finding or
 * panning never re-renders (at 20,000 links that is what keeps the map interactive). One
 * line per link; a click is found from the element's data-edge (one handler for all).
 */
const EdgesLayer = memo(function EdgesLayer({ edges, positions, onChoose }: { edges: readonly MapEdge[]; positions: Positions; onChoose(edge: MapEdge): void }) {
  return (
    <g
      className="cf-map-edges"
      onClick={(event) => {
        const index = (event.target as Element).closest('[data-edge]')?.getAttribute('data-edge');
        if (index != null) onChoose(edges[Number(index)]!);
      }}
    >
      {edges.map((e, i) => {
        const p = positions.get(e.a);
        const q = positions.get(e.b);
        return p && q ? <line key={edgeKey(e)} data-edge={i} className="cf-map-edge" x1={p.x} y1={p.y} x2={q.x} y2={q.y} strokeWidth={strokeFor(e)} /> : null;
      })}
    </g>
  );
});

/** Every actor, drawn once per layout (memoized like the links); names for the best connected. */
const NodesLayer = memo(function NodesLayer({
  nodes,
  positions,
  labelled,
  onChoose,
  onHover,
}: {
  nodes: readonly MapNode[];
  positions: Positions;
  labelled: ReadonlySet<number>;
  onChoose(id: number): void;
  onHover(update: (current: number | null) => number | null): void;
}) {
  const idOf = (target: EventTarget) => {
    const id = (target as Element).closest('[data-actor]')?.getAttribute('data-actor');
    return id == null ? null : Number(id);
  };
  return (
    <g
      className="cf-map-nodes"
      onClick={(event) => {
        const id = idOf(event.target);
        if (id !== null) onChoose(id);
      }}
      onPointerOver={(event) => {
        const id = idOf(event.target);
        if (id !== null) onHover(() => id);
      }}
      onPointerOut={(event) => {
        const id = idOf(event.target);
        if (id !== null) onHover((h) => (h === id ? null : h));
      }}
    >
      {nodes.map((n) => {
        const p = positions.get(n.id);
        if (!p) return null;
        return (
          <g key={n.id} data-actor={n.id} className="cf-map-node" transform={`translate(${p.x} ${p.y})`}>
            <circle r={radius(n.weight)} />
            {labelled.has(n.id) ? (
              <text y={-radius(n.weight) - 4} textAnchor="middle">
                {n.name}
              </text>
            ) : null}
          </g>
        );
      })}
    </g>
  );
});

/**
 * What is in focus, drawn over the dimmed base: the hovered or chosen actor with its links
 * and neighbours (named), the chosen link, and the actors a search finds. Its size follows
 * the focus (an actor's links), not the map.
 */
function FocusLayer({
  map,
  positions,
  focusActor,
  selectedActor,
  edge,
  matches,
  neighbours,
  view,
}: {
  map: RelationshipMap;
  positions: Positions;
  view: View | null;
  focusActor: number | null;
  selectedActor: number | null;
  edge: MapEdge | null;
  matches: ReadonlySet<number> | null;
  neighbours: ReadonlyMap<number, ReadonlySet<number>>;
}) {
  const nodes = useMemo(() => new Map(map.nodes.map((n) => [n.id, n])), [map]);
  const byActor = useMemo(() => {
    const index = new Map<number, MapEdge[]>();
    for (const e of map.edges) for (const id of [e.a, e.b]) index.set(id, [...(index.get(id) ?? []), e]);
    return index;
  }, [map]);
  const edges = [...(focusActor !== null ? (byActor.get(focusActor) ?? []) : []), ...(edge ? [edge] : [])];
  const shown = new Set<number>([...(focusActor !== null ? [focusActor, ...(neighbours.get(focusActor) ?? [])] : []), ...(edge ? [edge.a, edge.b] : []), ...(matches ?? [])]);
  if (shown.size === 0 && edges.length === 0) return null;
  return (
    <g className="cf-map-focus">
      {/* A veil over the map beneath, so what is in focus stands out. */}
      {view ? <rect className="cf-map-veil" x={view.x - view.w} y={view.y - view.h} width={view.w * 3} height={view.h * 3} /> : null}
      {edges.map((e) => {
        const p = positions.get(e.a);
        const q = positions.get(e.b);
        if (!p || !q) return null;
        const selected = edge !== null && edgeKey(edge) === edgeKey(e);
        return (
          <line key={`${edgeKey(e)}${selected ? '-selected' : ''}`} className={`cf-map-focus-edge${selected ? ' selected' : ''}`} x1={p.x} y1={p.y} x2={q.x} y2={q.y} strokeWidth={strokeFor(e)} />
        );
      })}
      {[...shown].map((id) => {
        const n = nodes.get(id);
        const p = positions.get(id);
        if (!n || !p) return null;
        return (
          <g key={id} className={`cf-map-focus-node${id === selectedActor ? ' selected' : ''}`} transform={`translate(${p.x} ${p.y})`}>
            <circle r={radius(n.weight)} />
            <text y={-radius(n.weight) - 4} textAnchor="middle">
              {n.name}
            </text>
          </g>
        );
      })}
    </g>
  );
}

export function MapView({ onOpenPassage, onOpenActor }: MapViewProps) {
  const api = useApi();
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
  const layersRef = useRef<HTMLDivElement>(null);
  const ids = { title: useId(), links: useId(), evidence: useId() };

  useEffect(() => {
    const load = () => void api.call('connections.map', { minClaims }).then(setMap, (e: unknown) => setError(messageOf(e)));
    load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = api.on('library.changed', () => {
      clearTimeout(timer);
      timer = setTimeout(load, 500);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [api, minClaims]);

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
    // name and matches read only the map's nodes and the needle, both listed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, actorId, needle]);

  const chooseEdge = useCallback(
    (e: MapEdge) => {
      setEdge(e);
      setEvidence(null);
      api.call('connections.evidence', { a: e.a, b: e.b }).then(setEvidence, (err: unknown) => setError(messageOf(err)));
    },
    [api],
  );

  const toSvg = (clientX: number, clientY: number, v: View) => {
    const box = svgRef.current?.getBoundingClientRect();
    if (!box || box.width === 0) return { x: v.x + v.w / 2, y: v.y + v.h / 2 };
    const scale = Math.max(v.w / box.width, v.h / box.height);
    const offsetX = (box.width * scale - v.w) / 2;
    const offsetY = (box.height * scale - v.h) / 2;
    return { x: v.x - offsetX + (clientX - box.left) * scale, y: v.y - offsetY + (clientY - box.top) * scale };
  };
  const zoom = (factor: number, at?: { x: number; y: number }) => {
    setView((v) => (v ? zoomed(v, factor, at) : v));
  };
  /**
   * Panning and wheel zoom move the drawn layers with a CSS transform (the compositor
   * moves what is already painted) and change the viewBox once, when the gesture ends:
   * redrawing 25,000 SVG elements on every pointer move is what made a large map stutter.
   */
  const pending = useRef<{ view: View; commit?: ReturnType<typeof setTimeout> } | null>(null);
  const preview = (from: View, to: View) => {
    const layers = layersRef.current;
    const box = svgRef.current?.getBoundingClientRect();
    if (!layers || !box || box.width === 0) return;
    // Where two corners of the old view land in the new one: a scale and a shift, in pixels.
    const scaleOf = (v: View) => Math.max(v.w / box.width, v.h / box.height);
    const screen = (v: View, x: number, y: number) => ({
      x: (x - v.x) / scaleOf(v) + (box.width - v.w / scaleOf(v)) / 2,
      y: (y - v.y) / scaleOf(v) + (box.height - v.h / scaleOf(v)) / 2,
    });
    const k = scaleOf(from) / scaleOf(to);
    const origin = screen(to, from.x, from.y);
    const start = screen(from, from.x, from.y);
    layers.style.transform = `translate(${origin.x - start.x * k}px, ${origin.y - start.y * k}px) scale(${k})`;
  };
  const commit = (to: View) => {
    if (layersRef.current) layersRef.current.style.transform = '';
    pending.current = null;
    setView(to);
  };
  const onWheel = (event: ReactWheelEvent<HTMLDivElement>) => {
    if (!view) return;
    const from = pending.current?.view ?? view;
    const to = zoomed(from, event.deltaY > 0 ? 1.15 : 1 / 1.15, toSvg(event.clientX, event.clientY, from));
    clearTimeout(pending.current?.commit);
    preview(view, to);
    pending.current = { view: to, commit: setTimeout(() => commit(to), 160) };
  };
  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (!view || (event.target as Element).closest('.cf-map-edge, .cf-map-node')) return;
    drag.current = { x: event.clientX, y: event.clientY, view };
    event.currentTarget.setPointerCapture?.(event.pointerId);
  };
  const dragged = (event: ReactPointerEvent<HTMLDivElement>): View | null => {
    const start = drag.current;
    const box = svgRef.current?.getBoundingClientRect();
    if (!start || !box || box.width === 0) return null;
    const scale = Math.max(start.view.w / box.width, start.view.h / box.height);
    return { ...start.view, x: start.view.x - (event.clientX - start.x) * scale, y: start.view.y - (event.clientY - start.y) * scale };
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    const to = dragged(event);
    if (to && drag.current) preview(drag.current.view, to);
  };
  const onPointerUp = (event: ReactPointerEvent<HTMLDivElement>) => {
    const to = dragged(event);
    drag.current = null;
    if (to) commit(to);
  };

  const focusActor = actorId ?? hover;
  const viewBox = view ? `${view.x} ${view.y} ${view.w} ${view.h}` : '0 0 100 100';
  const toggleActor = useCallback((id: number) => setActorId((current) => (current === id ? null : id)), []);
  const matching = useMemo(() => new Set((map?.nodes ?? []).filter((n) => n.name.toLowerCase().includes(needle)).map((n) => n.id)), [map, needle]);

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
        <div
          className="cf-map-canvas"
          onWheel={onWheel}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => {
            drag.current = null;
            if (layersRef.current) layersRef.current.style.transform = '';
          }}
        >
          <div className="cf-map-layers" ref={layersRef}>
            {/* Two layers: the whole map, drawn once per layout and view; the focus over it,
                redrawn as the pointer moves (it never touches the map beneath). */}
            <svg
              ref={svgRef}
              className="cf-map-svg"
              role="img"
              aria-label={map ? `Relationship map of ${map.nodes.length} actors and ${map.edges.length} links. The list of links beside it can be used with the keyboard.` : 'Relationship map'}
              viewBox={viewBox}
              preserveAspectRatio="xMidYMid meet"
            >
              {layout ? (
                <g className="cf-map-base">
                  <EdgesLayer edges={map!.edges} positions={positions} onChoose={chooseEdge} />
                  <NodesLayer nodes={map!.nodes} positions={positions} labelled={labelled} onChoose={toggleActor} onHover={setHover} />
                </g>
              ) : null}
            </svg>
            <svg className="cf-map-overlay" aria-hidden="true" viewBox={viewBox} preserveAspectRatio="xMidYMid meet">
              {layout ? (
                <FocusLayer
                  map={map!}
                  positions={positions}
                  view={view}
                  focusActor={focusActor}
                  selectedActor={actorId}
                  edge={edge}
                  matches={needle === '' ? null : matching}
                  neighbours={neighbours}
                />
              ) : null}
            </svg>
          </div>
        </div>
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
            {map && links.length === 0 ? <p className="hint cf-map-links-empty">No links yet: two actors are linked once the same claim names both.</p> : null}
            {links.length > 300 ? <p className="hint">The 300 strongest links are listed; find an actor to see theirs.</p> : null}
          </section>
        )}
      </aside>
    </section>
  );
}
