import { useEffect, useState } from 'react';

/**
 * The index of the site on screen: 0, then the next one every `intervalMs`, wrapping around.
 * With fewer than two sites or no interval it stays at 0.
 */
export function useRotation(count: number, intervalMs: number | null): number {
  const [index, setIndex] = useState(0);
  useEffect(() => {
    if (count < 2 || intervalMs === null) return;
    const timer = setInterval(() => setIndex((i) => (i + 1) % count), intervalMs);
    return () => clearInterval(timer);
  }, [count, intervalMs]);
  // The list may shrink under a stored index.
  return count > 0 ? index % count : 0;
}
