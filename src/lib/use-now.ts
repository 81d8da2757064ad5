import { useSyncExternalStore } from 'react';

// One shared ticker for every relative time on the page ("10 s ago"), instead of a timer per
// row. It only runs while something is subscribed, and ages under a minute are shown in 10 s
// steps (format.ts): a 1 s ticker redrew a busy feed every second, which alone cost a weak
// screen more main-thread time than all the polls (docs/decisions/0010).
// Each poll's answer moves the clock too (`refreshNow`, wired in main.tsx), in the same render
// as the new data, and pushes the next tick to TICK_MS + TICK_GRACE_MS after it. So at the
// default 10 s poll interval the ages move with the polls and the ticker never fires on its
// own (no frame between polls); with slower polls, or when polls fail, it ticks every TICK_MS.
export const TICK_MS = 10_000;
export const TICK_GRACE_MS = 1_000;

const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setTimeout> | null = null;

function schedule(delay: number) {
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    tick(TICK_MS);
  }, delay);
}

function tick(next: number) {
  if (listeners.size === 0) return;
  now = Date.now();
  schedule(next);
  for (const listener of listeners) listener();
}

/** Moves the shared clock to now (a poll's answer is in) and tells every subscriber. */
export function refreshNow(): void {
  tick(TICK_MS + TICK_GRACE_MS);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    schedule(TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
  };
}

/**
 * Something derived from the current time (a label such as "10 s ago"). The component renders
 * again only when the result changes, not on every tick: a feed of 20 rows older than a minute
 * costs no rendering at all between polls.
 */
export function useNowDerived<T extends string | number | boolean | null>(derive: (now: number) => T): T {
  return useSyncExternalStore(subscribe, () => derive(now), () => derive(now));
}
