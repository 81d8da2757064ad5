import type { Budget } from './config.ts';

export type BudgetStats = { limit: number; windowMs: number; used: number; refused: number };

/**
 * A `low` call (the exact routes) is refused once half of the window is used, by calls of any
 * kind: the realtime poll always keeps at least the other half, so exact figures never starve it.
 */
export type Priority = 'high' | 'low';

export type UpstreamBudget = {
  /** Records one upstream call and returns true, or returns false when the window is full. */
  take(priority?: Priority): boolean;
  /** Milliseconds until the next call would be allowed (0 when one is allowed now). */
  waitMs(priority?: Priority): number;
  stats(): BudgetStats;
};

/**
 * A sliding-window log: at most `limit` calls in ANY `windowMs` span, not just per fixed
 * window (a fixed window lets 2×limit through around its edge). Memory: `limit` timestamps.
 */
export function createBudget({ limit, windowMs }: Budget, now: () => number = Date.now): UpstreamBudget {
  const calls: number[] = [];
  let refused = 0;
  const capOf = (priority: Priority) => (priority === 'low' ? Math.ceil(limit / 2) : limit);
  const prune = (t: number) => {
    let drop = 0;
    while (drop < calls.length && (calls[drop] ?? 0) <= t - windowMs) drop++;
    if (drop > 0) calls.splice(0, drop);
  };
  return {
    take(priority = 'high') {
      const t = now();
      prune(t);
      if (calls.length >= capOf(priority)) {
        refused++;
        return false;
      }
      calls.push(t);
      return true;
    },
    waitMs(priority = 'high') {
      const t = now();
      prune(t);
      const cap = capOf(priority);
      // The call that must leave the window before one more fits under the cap.
      return calls.length < cap ? 0 : (calls[calls.length - cap] ?? t) + windowMs - t;
    },
    stats() {
      prune(now());
      return { limit, windowMs, used: calls.length, refused };
    },
  };
}
