// Test helper: tells linear from quadratic work by how its time grows with the input, not by a wall-clock
// budget, so the check holds on a loaded machine (both sizes run under the same load, best of a few runs).
// Speed itself is measured by `npm run bench`.

/** Best-of-`runs` time of `work(large)` over that of `work(small)`, the runs interleaved. */
export function growthRatio(work: (size: number) => void, small: number, large: number, runs = 3): number {
  let bestSmall = Infinity;
  let bestLarge = Infinity;
  for (let run = 0; run < runs; run++) {
    let started = performance.now();
    work(small);
    bestSmall = Math.min(bestSmall, performance.now() - started);
    started = performance.now();
    work(large);
    bestLarge = Math.min(bestLarge, performance.now() - started);
  }
  return bestLarge / Math.max(bestSmall, 0.5); // sub-millisecond timings are mostly noise
}

/** The most a linear (or n log n) algorithm's time may grow, for inputs `factor` times larger: factor^1.5,
 * halfway between linear and quadratic in log terms, so noise on a loaded machine (GC in the large run, a
 * lucky small run) has as much room as a quadratic algorithm has to exceed it: 4× each way at factor 16.
 * (3 × factor at factor 8 failed a linear adapter under a load average of 9: it measured 46×.) */
export const linearBound = (factor: number): number => factor ** 1.5;
