import type { UmamiEventType, UmamiRealtimeBody, UmamiRealtimeEvent } from '../../shared/validate.ts';
import { createBucketLabeler } from './time-buckets.ts';
import { MINUTE_MS, type DemoRow, type DemoSession } from './traffic.ts';

// Turns generated sessions into the body Umami 3.1's GET /api/realtime/:id answers, quirks
// included (src/test/fixtures/umami-3.1/README.md): the 100-row cap that only the lists and
// totals.events see, the synthetic session rows, the omitted empty minutes, the x formats.

export const EVENT_ROW_LIMIT = 100;
export const WINDOW_MINUTES = 30;

// Umami's wire types live in the shared module; re-exported for the demo's importers.
export type { UmamiEventType, UmamiRealtimeBody, UmamiRealtimeEvent, UmamiSeriesPoint } from '../../shared/validate.ts';

export type RealtimeQuery = { timezone?: string | null; unit?: string | null };

type Hit = { session: DemoSession; row: DemoRow; index: number };

/** Umami's window ignores startAt/endAt: start of the current minute minus 30 min, up to now. */
export function windowStart(now: number): number {
  return Math.floor(now / MINUTE_MS) * MINUTE_MS - WINDOW_MINUTES * MINUTE_MS;
}

/** Newest first, like `order by created_at desc`; ties broken so the order never flickers. */
function newestFirst(a: Hit, b: Hit): number {
  if (a.row.t !== b.row.t) return b.row.t - a.row.t;
  if (a.session.id !== b.session.id) return a.session.id < b.session.id ? 1 : -1;
  return b.index - a.index;
}

function toEvent(type: UmamiEventType, { session, row }: Hit) {
  return {
    __type: type,
    sessionId: session.id,
    eventName: row.eventName,
    createdAt: new Date(row.t).toISOString(),
    browser: session.browser,
    os: session.os,
    device: session.device,
    country: session.country,
    urlPath: row.urlPath,
    referrerDomain: row.referrerDomain,
    hostname: session.hostname,
  } satisfies UmamiRealtimeEvent;
}

/** `{ key: count }`, biggest first (Umami's own order is whatever the SQL gave; any order is valid). */
function countMap(keys: Iterable<string>): Record<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  const sorted = [...counts].sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : ka > kb ? 1 : 0));
  return Object.fromEntries(sorted);
}

export function buildRealtimeBody(sessions: Iterable<DemoSession>, now: number, query: RealtimeQuery) {
  const from = windowStart(now);
  const hits: Hit[] = [];
  for (const session of sessions) {
    session.rows.forEach((row, index) => {
      if (row.t >= from && row.t <= now) hits.push({ session, row, index });
    });
  }

  // Series: every pageview in the window (not capped), distinct sessions per bucket.
  const label = createBucketLabeler(query);
  const buckets = new Map<string, { views: number; sessions: Set<string> }>();
  for (const hit of hits) {
    if (hit.row.eventName !== null) continue;
    const x = label(hit.row.t);
    let bucket = buckets.get(x);
    if (!bucket) {
      bucket = { views: 0, sessions: new Set() };
      buckets.set(x, bucket);
    }
    bucket.views += 1;
    bucket.sessions.add(hit.session.id);
  }
  // Sorted by the label text, as `order by` on Umami's formatted column does.
  const xs = [...buckets.keys()].sort();
  const views = xs.map((x) => ({ x, y: buckets.get(x)?.views ?? 0 }));
  const visitors = xs.map((x) => ({ x, y: buckets.get(x)?.sessions.size ?? 0 }));

  // The lists and totals.events only ever see the newest 100 rows.
  const capped = hits.sort(newestFirst).slice(0, EVENT_ROW_LIMIT);
  const oldestIndexOf = new Map<string, number>();
  capped.forEach((hit, i) => oldestIndexOf.set(hit.session.id, i));
  const events: UmamiRealtimeEvent[] = [];
  capped.forEach((hit, i) => {
    events.push(toEvent(hit.row.eventName === null ? 'pageview' : 'event', hit));
    // The session row copies the session's oldest row in the capped list and sits right after it.
    if (oldestIndexOf.get(hit.session.id) === i) events.push(toEvent('session', hit));
  });

  const countries = countMap(
    [...new Map(capped.map((hit) => [hit.session.id, hit.session.country])).values()].filter(
      (country): country is string => country !== null,
    ),
  );
  const urls = countMap(capped.map((hit) => hit.row.urlPath));
  const referrers = countMap(
    capped.map((hit) => hit.row.referrerDomain).filter((domain): domain is string => domain !== null),
  );

  return {
    countries,
    urls,
    referrers,
    events,
    series: { views, visitors },
    totals: {
      views: views.reduce((sum, point) => sum + point.y, 0),
      visitors: visitors.reduce((sum, point) => sum + point.y, 0),
      events: capped.filter((hit) => hit.row.eventName !== null).length,
      countries: Object.keys(countries).length,
    },
    timestamp: now,
  } satisfies UmamiRealtimeBody;
}
