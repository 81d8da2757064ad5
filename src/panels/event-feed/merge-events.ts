import type { RealtimeEvent } from '../../api/realtime-schema';

export type MergeOptions = {
  /** Most events kept, newest first: memory stays flat on a screen left on for weeks. */
  cap: number;
  /** "Now" on the server's clock (the answer's `timestamp`), the same clock as `createdAt`. */
  now: number;
  /** Events older than `now - windowMs` are dropped (Umami's realtime window: 30 min). */
  windowMs: number;
};

/**
 * Adds one poll's events to the feed. Umami's window slides and each answer holds the last
 * 100 rows, so consecutive answers overlap: rows are de-duplicated by `id`, and a row already
 * shown keeps its object (memoised rows skip rendering) and its place among equal times.
 * Order: newest first by `createdAt`; equal times keep the order they were first seen in.
 * Returns `previous` itself when nothing changed, so React can skip the work.
 */
export function mergeEvents(
  previous: readonly RealtimeEvent[],
  incoming: readonly RealtimeEvent[],
  { cap, now, windowMs }: MergeOptions,
): readonly RealtimeEvent[] {
  const oldest = now - windowMs;
  const known = new Set<string>();
  const kept: RealtimeEvent[] = [];
  for (const event of previous) {
    known.add(event.id);
    if (event.createdAt >= oldest) kept.push(event);
  }

  const added: RealtimeEvent[] = [];
  for (const event of incoming) {
    if (known.has(event.id) || event.createdAt < oldest) continue;
    known.add(event.id); // an answer could repeat a row: keep the first
    added.push(event);
  }

  if (added.length === 0 && kept.length === previous.length && previous.length <= cap) return previous;

  // `previous` is already in order; a stable sort keeps it, and places new rows among it.
  const merged = added.length === 0 ? kept : [...kept, ...added].sort((a, b) => b.createdAt - a.createdAt);
  return merged.length > cap ? merged.slice(0, Math.max(0, cap)) : merged;
}

export type FeedFilter = 'all' | 'views' | 'visitors' | 'events';

const TYPE_FOR_FILTER = { views: 'pageview', visitors: 'session', events: 'event' } as const;

/** Umami's realtime filter: Views = page views, Visitors = new sessions, Events = custom events. */
export function filterEvents(events: readonly RealtimeEvent[], filter: FeedFilter): readonly RealtimeEvent[] {
  if (filter === 'all') return events;
  const type = TYPE_FOR_FILTER[filter];
  return events.filter((event) => event.type === type);
}

/** Ids in `next` that `previous` did not have: the rows to highlight as just arrived. */
export function newIds(previous: readonly RealtimeEvent[], next: readonly RealtimeEvent[]): ReadonlySet<string> {
  if (previous === next) return EMPTY;
  const before = new Set(previous.map((event) => event.id));
  const fresh = new Set<string>();
  for (const event of next) if (!before.has(event.id)) fresh.add(event.id);
  return fresh.size === 0 ? EMPTY : fresh;
}

const EMPTY: ReadonlySet<string> = new Set();
