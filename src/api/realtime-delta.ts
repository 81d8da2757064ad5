import type { RealtimeResult } from './fetch-realtime';
import type { RealtimeData, RealtimeEvent } from './realtime-schema';

// The poll worker sends each answer as a delta against the one before it (the same site and
// zone): only the events, counts and series that changed cross the thread, and the page
// rebuilds the answer around the objects it already holds. On the bench's busy site a 10 s poll
// brings 6–7 new rows of ~160 (page views, events, new visitors), so the page deserialises a few
// objects instead of a few hundred, and they no longer survive into the old generation only to
// become garbage a poll later: less copying, fewer and shorter GCs (see BENCHMARKS.md). TanStack
// Query's structural sharing then finds the unchanged parts identical at once instead of
// comparing them field by field.

type Counts = Readonly<Record<string, number>>;
type Series = RealtimeData['series']['views'];

/** A `{ key: count }` map's changes: keys added or changed, and keys gone. */
export type CountsPatch = { set: Record<string, number>; remove: string[] };

/** One answer, relative to an earlier one (`null` parts are unchanged). */
export type RealtimePatch = Omit<RealtimeResult, 'data'> & {
  data: {
    timestamp: number;
    totals: RealtimeData['totals'] | null;
    views: Series | null;
    visitors: Series | null;
    countries: CountsPatch | null;
    urls: CountsPatch | null;
    referrers: CountsPatch | null;
    /** The answer's events in order: an index into the earlier answer's events, or a new one. */
    events: (number | RealtimeEvent)[];
  };
};

/** Sites and zones whose last answer each side keeps to patch on: a site picker, not a crawler. */
const KEPT_ANSWERS = 8;

/** What the worker and the page keep an answer under: the realtime query's site and zone. */
export function answerKey(websiteId: string, timezone: string): string {
  return `${websiteId} ${timezone}`;
}

/** Keeps `entry` as the latest answer for `key`, forgetting the least recent beyond KEPT_ANSWERS. */
export function keepAnswer<T>(kept: Map<string, T>, key: string, entry: T): void {
  kept.delete(key);
  kept.set(key, entry);
  if (kept.size > KEPT_ANSWERS) kept.delete(kept.keys().next().value as string);
}

const NO_DATA: RealtimeData = {
  countries: {},
  urls: {},
  referrers: {},
  events: [],
  series: { views: [], visitors: [] },
  totals: { views: 0, visitors: 0, events: 0, countries: 0 },
  timestamp: 0,
};

/** `next` as a patch on `base`; without a base, a patch on nothing that carries everything. */
export function diffRealtime(base: RealtimeResult | null, next: RealtimeResult): RealtimePatch {
  const before = base?.data ?? NO_DATA;
  const { data, ...meta } = next;
  const index = new Map<string, number>();
  before.events.forEach((event, i) => index.set(event.id, i));
  return {
    ...meta,
    data: {
      timestamp: data.timestamp,
      totals: base && sameCounts(before.totals, data.totals) ? null : data.totals,
      views: base && sameSeries(before.series.views, data.series.views) ? null : data.series.views,
      visitors: base && sameSeries(before.series.visitors, data.series.visitors) ? null : data.series.visitors,
      countries: diffCounts(before.countries, data.countries, base !== null),
      urls: diffCounts(before.urls, data.urls, base !== null),
      referrers: diffCounts(before.referrers, data.referrers, base !== null),
      events: data.events.map((event) => {
        const i = index.get(event.id);
        return i !== undefined && sameEvent(before.events[i], event) ? i : event;
      }),
    },
  };
}

/**
 * The answer a patch stands for, sharing every unchanged part with `base` (the same objects).
 * `base` must be the answer the patch was made against (null for a patch made without one).
 */
export function applyRealtimePatch(base: RealtimeResult | null, patch: RealtimePatch): RealtimeResult {
  const before = base?.data ?? NO_DATA;
  const { data: changes, ...meta } = patch;
  const events = changes.events.map((entry) => {
    if (typeof entry !== 'number') return entry;
    const event = before.events[entry];
    if (event === undefined) throw new RangeError(`Realtime patch refers to event ${entry} of ${before.events.length}`);
    return event;
  });
  const viewsSame = changes.views === null;
  const visitorsSame = changes.visitors === null;
  return {
    ...meta,
    data: {
      timestamp: changes.timestamp,
      totals: changes.totals ?? before.totals,
      series:
        viewsSame && visitorsSame
          ? before.series
          : { views: changes.views ?? before.series.views, visitors: changes.visitors ?? before.series.visitors },
      countries: patchCounts(before.countries, changes.countries),
      urls: patchCounts(before.urls, changes.urls),
      referrers: patchCounts(before.referrers, changes.referrers),
      // The same array when no event changed place: the feed then skips its merge entirely.
      events: events.length === before.events.length && events.every((event, i) => event === before.events[i]) ? before.events : events,
    },
  };
}

function diffCounts(before: Counts, after: Counts, hasBase: boolean): CountsPatch | null {
  const set: Record<string, number> = {};
  const remove: string[] = [];
  let changed = !hasBase;
  for (const key in after) {
    const value = after[key];
    if (value === undefined || before[key] === value) continue;
    set[key] = value;
    changed = true;
  }
  for (const key in before) {
    if (Object.hasOwn(after, key)) continue;
    remove.push(key);
    changed = true;
  }
  return changed ? { set, remove } : null;
}

// Built key by key rather than spread and then `delete`d: a busy site's 200 urls made the copy
// and the deletes a slow dictionary object, three times the work (and every reader iterates it).
function patchCounts(before: Counts, patch: CountsPatch | null): Record<string, number> {
  if (patch === null) return before;
  const removed = patch.remove.length > 0 ? new Set(patch.remove) : null;
  const next: Record<string, number> = {};
  for (const key in before) {
    if (removed === null || !removed.has(key)) next[key] = before[key] as number;
  }
  for (const key in patch.set) next[key] = patch.set[key] as number;
  return next;
}

function sameCounts(a: RealtimeData['totals'], b: RealtimeData['totals']): boolean {
  return a.views === b.views && a.visitors === b.visitors && a.events === b.events && a.countries === b.countries;
}

function sameSeries(a: Series, b: Series): boolean {
  return a.length === b.length && a.every((point, i) => point.x === b[i]?.x && point.y === b[i]?.y);
}

/** Every field: a session's row keeps its id while the row it copies changes (realtime-schema.ts). */
function sameEvent(a: RealtimeEvent | undefined, b: RealtimeEvent): boolean {
  if (a === undefined) return false;
  for (const key in b) {
    if (a[key as keyof RealtimeEvent] !== b[key as keyof RealtimeEvent]) return false;
  }
  return Object.keys(a).length === Object.keys(b).length;
}
