// Small summary statistics for the benchmark's samples.

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: with few samples, p95 is an observed value (the maximum below 20 samples).
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export const median = (values: readonly number[]) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

export const sum = (values: readonly number[]) => values.reduce((total, v) => total + v, 0);

export const max = (values: readonly number[]) => (values.length === 0 ? 0 : Math.max(...values));

/** Median absolute deviation: how far a typical sample lands from the median. */
export const mad = (values: readonly number[]) => {
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
};
