// Word-frequency sampling for generated news text (search tests, the benchmark corpus).

/** Zipf-like sampler over ranks 0..size-1 (exponent s, about 1.07 in news text): few words very common, a long tail rare. */
export function zipf(size: number, s = 1.07): (rand: () => number) => number {
  const cumulative = new Float64Array(size);
  let sum = 0;
  for (let i = 0; i < size; i += 1) cumulative[i] = sum += 1 / Math.pow(i + 1, s);
  return (rand) => {
    const target = rand() * sum;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
