import { useSyncExternalStore } from 'react';

// One shared ticker for every relative time on the page ("15 s ago"), instead of a timer per
// row. It only runs while something is subscribed. It ticks every 5 s, on wall-clock multiples
// of 5 s: the polls fall on the same slots (poll-schedule.ts), so a tick mostly shares its frame
// with a poll. A 1 s ticker redrew a busy feed every second, which alone cost a weak screen
// more main-thread time than all the polls (see BENCHMARKS.md); ages are shown in 5 s steps.
export const TICK_MS = 5_000;

const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setTimeout> | null = null;

function schedule() {
  timer = setTimeout(() => {
    now = Date.now();
    schedule();
    for (const l of listeners) l();
  }, TICK_MS - (Date.now() % TICK_MS));
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    schedule();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
  };
}

/** The current time, updated every TICK_MS. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now, () => now);
}

/**
 * Something derived from the current time (a label such as "15 s ago"). The component renders
 * again only when the result changes, not on every tick: a feed of 20 rows older than a minute
 * costs no rendering at all between polls.
 */
export function useNowDerived<T extends string | number | boolean | null>(derive: (now: number) => T): T {
  return useSyncExternalStore(subscribe, () => derive(now), () => derive(now));
}
