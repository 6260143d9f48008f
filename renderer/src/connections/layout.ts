// The relationship map's layout: d3-force's simulation, with many-body repulsion computed
// by Barnes–Hut (O(n log n), so 5,000 actors lay out in seconds where the pairwise
// version needed minutes), springs along the links (stronger for links backed by more
// claims), and a gentle pull to the centre that packs a research library's many small
// clusters into one readable picture instead of scattering them.
//
// Same graph in, same picture out: actors start on a spiral ordered by degree (hubs in
// the middle, so the layout untangles in fewer steps) and the simulation's random source
// (used only to part actors that land on the same spot) is a seeded generator. Runs in
// steps so it can be spread over frames or run in a Web Worker.
import { forceLink, forceManyBody, forceSimulation, forceX, forceY, type Simulation, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force';

export interface LayoutInput {
  nodes: readonly { id: number; weight: number }[];
  edges: readonly { a: number; b: number; weight: number }[];
}

interface Node extends SimulationNodeDatum {
  id: number;
}

type Link = SimulationLinkDatum<Node> & { strength: number };

export interface LayoutState {
  ids: number[];
  nodes: Node[];
  simulation: Simulation<Node, Link>;
  iteration: number;
  iterations: number;
}

export interface LayoutResult {
  ids: number[];
  x: number[];
  y: number[];
}

/** Preferred distance between linked actors, in layout units (the map scales to fit). */
const LINK_DISTANCE = 60;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/** A small seeded generator (LCG): d3's jiggle for coincident points, made repeatable. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4_294_967_296;
  };
}

export function createLayout(input: LayoutInput): LayoutState {
  const degree = new Map<number, number>();
  for (const e of input.edges) {
    degree.set(e.a, (degree.get(e.a) ?? 0) + 1);
    degree.set(e.b, (degree.get(e.b) ?? 0) + 1);
  }
  const order = [...input.nodes].sort((p, q) => (degree.get(q.id) ?? 0) - (degree.get(p.id) ?? 0) || p.id - q.id);
  const nodes: Node[] = order.map((node, i) => {
    const r = LINK_DISTANCE * 0.6 * Math.sqrt(i + 0.5);
    return { id: node.id, x: r * Math.cos(i * GOLDEN_ANGLE), y: r * Math.sin(i * GOLDEN_ANGLE) };
  });
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const links: Link[] = input.edges
    .filter((e) => index.has(e.a) && index.has(e.b) && e.a !== e.b)
    .map((e) => ({ source: index.get(e.a)!, target: index.get(e.b)!, strength: 1 + Math.log(Math.max(1, e.weight)) }));

  const n = Math.max(1, nodes.length);
  // Fewer steps for a large graph: each costs O(n log n + links), and the picture is
  // readable well before the default 300.
  const iterations = n > 2_000 ? 120 : 300;
  const simulation = forceSimulation<Node, Link>(nodes)
    .randomSource(seeded(nodes.length * 7919 + links.length))
    .alphaDecay(1 - Math.pow(0.001, 1 / iterations))
    .force('charge', forceManyBody<Node>().strength(-LINK_DISTANCE * 2.5).theta(0.9).distanceMax(LINK_DISTANCE * 15))
    .force(
      'link',
      forceLink<Node, Link>(links)
        .distance(LINK_DISTANCE)
        // d3's default divides by the busier end's degree so hubs do not collapse; links
        // backed by more claims pull harder.
        .strength((link) => (Math.min(1, link.strength / 3) / Math.min(degree.get((link.source as Node).id) ?? 1, degree.get((link.target as Node).id) ?? 1))),
    )
    .force('x', forceX<Node>(0).strength(0.04))
    .force('y', forceY<Node>(0).strength(0.04))
    .stop();
  return { ids: nodes.map((node) => node.id), nodes, simulation, iteration: 0, iterations };
}

/** Advances the layout by up to `steps` iterations; true when it has settled. */
export function stepLayout(state: LayoutState, steps: number): boolean {
  const count = Math.min(steps, state.iterations - state.iteration);
  if (count > 0) {
    state.simulation.tick(count);
    state.iteration += count;
  }
  return state.iteration >= state.iterations;
}

export function layoutResult(state: LayoutState): LayoutResult {
  return { ids: state.ids, x: state.nodes.map((node) => node.x ?? 0), y: state.nodes.map((node) => node.y ?? 0) };
}

/** The whole layout at once (tests, small graphs, the bench). */
export function computeLayout(input: LayoutInput): LayoutResult {
  const state = createLayout(input);
  while (!stepLayout(state, 50));
  return layoutResult(state);
}
