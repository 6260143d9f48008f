import { describe, expect, it } from 'vitest';
import { computeLayout } from './layout.ts';
import { relationshipMap, scaleMap } from './fixtures.ts';

function input(size: number) {
  return inputOf(relationshipMap(size));
}

function inputOf(map: ReturnType<typeof relationshipMap>) {
  return { nodes: map.nodes, edges: map.edges.map((e) => ({ a: e.a, b: e.b, weight: e.claimIds.length })) };
}

describe('the force layout', () => {
  it('gives the same picture for the same graph', () => {
    expect(computeLayout(input(60))).toEqual(computeLayout(input(60)));
  });

  it('puts linked actors closer together than unlinked ones, and keeps everyone apart', () => {
    const graph = input(120);
    const layout = computeLayout(graph);
    const at = new Map(layout.ids.map((id, i) => [id, { x: layout.x[i]!, y: layout.y[i]! }]));
    const dist = (a: number, b: number) => Math.hypot(at.get(a)!.x - at.get(b)!.x, at.get(a)!.y - at.get(b)!.y);
    const linked = graph.edges.map((e) => dist(e.a, e.b));
    const linkedSet = new Set(graph.edges.map((e) => `${e.a}-${e.b}`));
    const unlinked: number[] = [];
    for (let a = 1; a <= 120; a += 7) for (let b = a + 1; b <= 120; b += 5) if (!linkedSet.has(`${a}-${b}`)) unlinked.push(dist(a, b));
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(linked) * 2).toBeLessThan(mean(unlinked));
    expect(layout.x.every(Number.isFinite) && layout.y.every(Number.isFinite)).toBe(true);
    let closest = Infinity;
    for (let i = 0; i < layout.ids.length; i += 1) for (let j = i + 1; j < layout.ids.length; j += 1) closest = Math.min(closest, Math.hypot(layout.x[i]! - layout.x[j]!, layout.y[i]! - layout.y[j]!));
    expect(closest).toBeGreaterThan(2);
  });

  // How fast is measured by benchmarks, not asserted here: a loaded machine would fail it.
  it('lays out 500 actors with every position finite and distinct', () => {
    const layout = computeLayout(input(500));
    expect(layout.ids).toHaveLength(500);
    const points = new Set(layout.ids.map((_, i) => `${layout.x[i]!.toFixed(3)},${layout.y[i]!.toFixed(3)}`));
    expect([...layout.x, ...layout.y].every(Number.isFinite)).toBe(true);
    expect(points.size).toBe(500);
  });

  it('lays out 5,000 actors and 20,000 links (Barnes–Hut): every position finite, no two actors on one spot, linked actors closer', { timeout: 120_000 }, () => {
    const map = scaleMap(5_000, 20_000);
    expect(map.edges.length).toBe(20_000);
    const layout = computeLayout(inputOf(map));
    expect(layout.ids).toHaveLength(5_000);
    expect([...layout.x, ...layout.y].every(Number.isFinite)).toBe(true);
    expect(new Set(layout.ids.map((_, i) => `${layout.x[i]!.toFixed(2)},${layout.y[i]!.toFixed(2)}`)).size).toBe(5_000);
    const at = new Map(layout.ids.map((id, i) => [id, i]));
    const dist = (a: number, b: number) => Math.hypot(layout.x[at.get(a)!]! - layout.x[at.get(b)!]!, layout.y[at.get(a)!]! - layout.y[at.get(b)!]!);
    const linked = map.edges.slice(0, 2_000).reduce((sum, e) => sum + dist(e.a, e.b), 0) / 2_000;
    let random = 0;
    for (let i = 0; i < 2_000; i += 1) random += dist(1 + ((i * 7_919) % 5_000), 1 + ((i * 104_729 + 13) % 5_000));
    expect(linked * 1.25).toBeLessThan(random / 2_000);
  });
});
