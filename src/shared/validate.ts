// What the browser and the server both check, in one place so they cannot drift apart: website
// ids, IANA time zones, and the shape of Umami's realtime answer. No imports: both tsconfigs
// (browser and Node) compile this file.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A website id as Umami gives them: a UUID, in either case. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

// IANA names only: no offsets, no control characters, nothing that could smuggle a parameter.
const TIME_ZONE_CHARS = /^[A-Za-z0-9_+\-/]{1,64}$/;
// The server checks a client's zone on every poll: answers are remembered, bounded.
const checkedZones = new Map<string, string | null>();
const MAX_CHECKED_ZONES = 1000;

/** The zone's canonical IANA name (`europe/BERLIN` → `Europe/Berlin`), or null when it is not one. */
export function canonicalTimeZone(value: string): string | null {
  if (!TIME_ZONE_CHARS.test(value)) return null;
  const known = checkedZones.get(value);
  if (known !== undefined) return known;
  let canonical: string | null;
  try {
    canonical = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    canonical = null;
  }
  if (checkedZones.size >= MAX_CHECKED_ZONES) checkedZones.clear();
  checkedZones.set(value, canonical);
  return canonical;
}

export function isTimeZone(value: string): boolean {
  return canonicalTimeZone(value) !== null;
}

// Umami 3.1's GET /api/realtime/:websiteId answer as it is sent (src/test/fixtures/umami-3.1):
// the demo source builds it, the browser's schema (src/api/realtime-schema.ts) reads it.

export type UmamiEventType = 'pageview' | 'event' | 'session';

/** One row of `events`, fields in Umami's order. */
export type UmamiRealtimeEvent = {
  __type: UmamiEventType;
  sessionId: string;
  eventName: string | null;
  /** ISO UTC, to the millisecond. */
  createdAt: string;
  browser: string | null;
  os: string | null;
  device: string | null;
  country: string | null;
  urlPath: string;
  referrerDomain: string | null;
  hostname: string | null;
};

export type UmamiSeriesPoint = { x: string; y: number };

export type UmamiRealtimeBody = {
  countries: Record<string, number>;
  urls: Record<string, number>;
  referrers: Record<string, number>;
  events: UmamiRealtimeEvent[];
  series: { views: UmamiSeriesPoint[]; visitors: UmamiSeriesPoint[] };
  totals: { views: number; visitors: number; events: number; countries: number };
  timestamp: number;
};
