import { useSyncExternalStore } from 'react';

// One shared ticker for every relative time on the page ("15 s ago"), instead of a timer per
// row. It only runs while something is subscribed, and ages are shown in 5 s steps: a 1 s
// ticker redrew a busy feed every second, which alone cost a weak screen more main-thread time
// than all the polls (see BENCHMARKS.md). Each poll's answer also refreshes it (`refreshNow`,
// wired in main.tsx) in the same render as the new data, so ages never cost a frame of their
// own at a poll, and the next tick comes TICK_MS after it.
export const TICK_MS = 5_000;

const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setTimeout> | null = null;

function schedule() {
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    refreshNow();
  }, TICK_MS);
}

/** Moves the shared clock to now and tells every subscriber; the next tick is TICK_MS later. */
export function refreshNow(): void {
  if (listeners.size === 0) return;
  now = Date.now();
  schedule();
  for (const listener of listeners) listener();
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
