/** Small statistics for benchmarks: this machine is noisy, so we report medians and ratios. */
export function median(values: number[]): number {
  return quantile(values, 0.5);
}

export function quantile(values: number[], q: number): number {
  if (values.length === 0) throw new Error('no values');
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower] as number;
  const b = sorted[upper] as number;
  return a + (b - a) * (position - lower);
}

export const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export interface BenchResult {
  name: string;
  /** What was measured and against which baseline, in one line. */
  lines: string[];
  /** The ratio or figure the target speaks of, and whether it was met. */
  target: string;
  met: boolean;
}
