// A deterministic force-directed layout (Fruchterman-Reingold with cooling): actors
// repel each other, links pull them together, and a pull to the centre (as strong as
// the repulsion at the graph's natural size) packs the many small separate clusters
// of a research library into one readable picture instead of scattering them. Same graph in, same picture out: starting positions are a spiral
// ordered by degree, and no randomness is used. Runs in steps so it can be spread over
// frames or run in a Web Worker.

export interface LayoutInput {
  nodes: readonly { id: number; weight: number }[];
  edges: readonly { a: number; b: number; weight: number }[];
}

export interface LayoutState {
  ids: number[];
  x: Float64Array;
  y: Float64Array;
  /** Edges as index pairs with their strength. */
  links: Int32Array;
  strengths: Float64Array;
  k: number;
  iteration: number;
  iterations: number;
}

export interface LayoutResult {
  ids: number[];
  x: number[];
  y: number[];
}

/** About this many pair interactions in total, whatever the size of the graph. */
const WORK_BUDGET = 60_000_000;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

export function createLayout(input: LayoutInput): LayoutState {
  const degree = new Map<number, number>();
  for (const e of input.edges) {
    degree.set(e.a, (degree.get(e.a) ?? 0) + 1);
    degree.set(e.b, (degree.get(e.b) ?? 0) + 1);
  }
  // Hubs start near the middle, so the layout untangles in fewer steps.
  const order = [...input.nodes].sort((p, q) => (degree.get(q.id) ?? 0) - (degree.get(p.id) ?? 0) || p.id - q.id);
  const n = order.length;
  const k = 60;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  order.forEach((_, i) => {
    const r = k * 0.6 * Math.sqrt(i + 0.5);
    x[i] = r * Math.cos(i * GOLDEN_ANGLE);
    y[i] = r * Math.sin(i * GOLDEN_ANGLE);
  });
  const index = new Map(order.map((node, i) => [node.id, i]));
  const kept = input.edges.filter((e) => index.has(e.a) && index.has(e.b) && e.a !== e.b);
  const links = new Int32Array(kept.length * 2);
  const strengths = new Float64Array(kept.length);
  kept.forEach((e, i) => {
    links[2 * i] = index.get(e.a)!;
    links[2 * i + 1] = index.get(e.b)!;
    strengths[i] = 1 + Math.log(Math.max(1, e.weight));
  });
  const iterations = Math.max(60, Math.min(400, Math.floor(WORK_BUDGET / Math.max(1, n * n))));
  return { ids: order.map((node) => node.id), x, y, links, strengths, k, iteration: 0, iterations };
}

/** Advances the layout by up to `steps` iterations; true when it has settled. */
export function stepLayout(state: LayoutState, steps: number): boolean {
  const { x, y, links, strengths, k } = state;
  const n = x.length;
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  const k2 = k * k;
  const spread = k * Math.sqrt(n + 1) * 2;
  for (let s = 0; s < steps && state.iteration < state.iterations; s += 1, state.iteration += 1) {
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i += 1) {
      const xi = x[i]!;
      const yi = y[i]!;
      for (let j = i + 1; j < n; j += 1) {
        let ex = xi - x[j]!;
        let ey = yi - y[j]!;
        let d2 = ex * ex + ey * ey;
        if (d2 < 1e-6) {
          // Two actors on the same spot: part them the same way every time.
          ex = ((i * 7 + j * 13) % 11) - 5 || 1;
          ey = ((i * 11 + j * 5) % 13) - 6 || 1;
          d2 = ex * ex + ey * ey;
        }
        const f = k2 / d2;
        dx[i]! += ex * f;
        dy[i]! += ey * f;
        dx[j]! -= ex * f;
        dy[j]! -= ey * f;
      }
    }
    for (let e = 0; e < strengths.length; e += 1) {
      const a = links[2 * e]!;
      const b = links[2 * e + 1]!;
      const ex = x[a]! - x[b]!;
      const ey = y[a]! - y[b]!;
      const d = Math.sqrt(ex * ex + ey * ey) || 0.01;
      const f = (d / k) * strengths[e]!;
      dx[a]! -= ex * f;
      dy[a]! -= ey * f;
      dx[b]! += ex * f;
      dy[b]! += ey * f;
    }
    const temperature = spread * 0.1 * (1 - state.iteration / state.iterations) + k * 0.02;
    for (let i = 0; i < n; i += 1) {
      // Gravity: small clusters stay near the rest.
      dx[i]! -= x[i]! * 1.0;
      dy[i]! -= y[i]! * 1.0;
      const d = Math.sqrt(dx[i]! * dx[i]! + dy[i]! * dy[i]!) || 1;
      const move = Math.min(d, temperature);
      x[i]! += (dx[i]! / d) * move;
      y[i]! += (dy[i]! / d) * move;
    }
  }
  return state.iteration >= state.iterations;
}

export function layoutResult(state: LayoutState): LayoutResult {
  return { ids: state.ids, x: [...state.x], y: [...state.y] };
}

/** The whole layout at once (tests, small graphs). */
export function computeLayout(input: LayoutInput): LayoutResult {
  const state = createLayout(input);
  while (!stepLayout(state, 50));
  return layoutResult(state);
}
