import { useEffect, useState } from 'react';

/**
 * Which of these moments (epoch ms, or null for "already") have come: one timer, to the next
 * one still ahead. A stretched wall starts each site's polling at its own slot this way.
 */
export function useReached(times: readonly (number | null)[], now: () => number = Date.now): boolean[] {
  const [, setTick] = useState(0);
  const t = now();
  const reached = times.map((at) => at === null || at <= t);
  const next = times.reduce<number | null>((soonest, at) => (at !== null && at > t && (soonest === null || at < soonest) ? at : soonest), null);
  useEffect(() => {
    if (next === null) return;
    const timer = setTimeout(() => setTick((n) => n + 1), Math.max(0, next - now()));
    return () => clearTimeout(timer);
  }, [next, now]);
  return reached;
}
