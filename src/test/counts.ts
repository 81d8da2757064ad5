import type { Counts } from '../api/realtime-schema';

/** Counts from an object literal, for tests: `counts({ DE: 2, FR: 1 })`. */
export function counts(entries: Readonly<Record<string, number>>): Counts {
  return new Map(Object.entries(entries));
}
