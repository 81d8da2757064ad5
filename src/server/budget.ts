import type { Budget } from './config.ts';

export type BudgetStats = { limit: number; windowMs: number; used: number; refused: number };

export type UpstreamBudget = {
  /** Records one upstream call and returns true, or returns false when the window is full. */
  take(): boolean;
  /** Milliseconds until the next call would be allowed (0 when one is allowed now). */
  waitMs(): number;
  stats(): BudgetStats;
};

/**
 * A sliding-window log: at most `limit` calls in ANY `windowMs` span, not just per fixed
 * window (a fixed window lets 2×limit through around its edge). Memory: `limit` timestamps.
 */
export function createBudget({ limit, windowMs }: Budget, now: () => number = Date.now): UpstreamBudget {
  const calls: number[] = [];
  let refused = 0;
  const prune = (t: number) => {
    let drop = 0;
    while (drop < calls.length && (calls[drop] ?? 0) <= t - windowMs) drop++;
    if (drop > 0) calls.splice(0, drop);
  };
  return {
    take() {
      const t = now();
      prune(t);
      if (calls.length >= limit) {
        refused++;
        return false;
      }
      calls.push(t);
      return true;
    },
    waitMs() {
      const t = now();
      prune(t);
      return calls.length < limit ? 0 : (calls[0] ?? t) + windowMs - t;
    },
    stats() {
      prune(now());
      return { limit, windowMs, used: calls.length, refused };
    },
  };
}
