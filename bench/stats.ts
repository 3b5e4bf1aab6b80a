/** The p-th percentile (0–100) of a list of numbers, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Times `fn` over each input, one at a time and awaited (the ports are asynchronous), and returns p50/p99 in ms. */
export async function timeEach<T>(
  inputs: readonly T[],
  fn: (input: T) => unknown,
): Promise<{ p50: number; p99: number; n: number }> {
  const times: number[] = [];
  for (const input of inputs) {
    const t0 = performance.now();
    await fn(input);
    times.push(performance.now() - t0);
  }
  return { p50: round(percentile(times, 50)), p99: round(percentile(times, 99)), n: times.length };
}

/** Rounds to three decimals for printing. */
export function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Resident set size in MiB. */
export function rssMiB(): number {
  return Math.round(process.memoryUsage().rss / 1_048_576);
}
