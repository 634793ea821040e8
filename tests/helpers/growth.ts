/**
 * How much dearer `run(large)` is than `run(small)`, robust to a loaded machine: the runs alternate
 * (a burst of load hits both sizes alike) and each side keeps its fastest run (load only ever adds
 * time, so the minimum is the closest to the true cost). A ratio, never a time: tests assert growth
 * (linear, not quadratic), which holds on any machine.
 */
export function costRatio<T>(small: T, large: T, run: (input: T) => unknown, runs = 11): number {
  const timeOf = (input: T) => {
    const t = performance.now();
    run(input);
    return performance.now() - t;
  };
  for (let i = 0; i < 2; i++) timeOf(large); // warm-up: compiled code paths for both
  let fastestSmall = Infinity;
  let fastestLarge = Infinity;
  for (let i = 0; i < runs; i++) {
    fastestSmall = Math.min(fastestSmall, timeOf(small));
    fastestLarge = Math.min(fastestLarge, timeOf(large));
  }
  return fastestLarge / Math.max(fastestSmall, 0.05);
}
