// A small seeded PRNG for the synthetic corpora. sfc32 seeded through splitmix32, so
// article N can be generated on its own (any order, any process) and is the same on
// every machine and every run.

export type Rand = () => number;

/** splitmix32: spreads a small integer seed over 32 bits (sfc32 wants well-mixed state). */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** sfc32: fast, passes PractRand to large sizes; returns floats in [0, 1). */
export function rng(...seeds: number[]): Rand {
  let mixed = 0x2545f491;
  for (const s of seeds) mixed = Math.imul(mixed ^ (s >>> 0), 0x01000193) >>> 0;
  const init = splitmix32(mixed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  // The first outputs of a fresh state are the least mixed.
  for (let i = 0; i < 12; i += 1) next();
  return next;
}

export function int(rand: Rand, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}

export function pick<T>(rand: Rand, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

export { zipf } from '../../main/testing/zipf.ts';
