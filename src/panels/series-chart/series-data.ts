// Umami's per-minute series → exactly 30 zero-filled one-minute buckets ending at the current
// minute. Umami omits minutes without traffic and writes bucket times in one of two ways
// (see src/test/fixtures/umami-3.1/README.md):
//   with `timezone`:    "2026-11-26 12:25:00"  wall-clock time in that zone, no offset
//   without / "utc":    "2026-11-26T11:25:00Z" ISO UTC
// So a bucket is only an instant once it is read against the zone that was requested.

import { wallClockFormatter } from '../../shared/wall-clock';
import { instantOf } from '../../shared/zoned-time';

export const WINDOW_MINUTES = 30;
const MINUTE_MS = 60_000;

export type SeriesPointInput = { readonly x: string; readonly y: number };
export type SeriesInput = {
  readonly views: readonly SeriesPointInput[];
  readonly visitors: readonly SeriesPointInput[];
};

export type SeriesPoint = {
  /** Start of the minute, ms since the epoch (UTC). */
  t: number;
  /** "HH:mm" in the display zone. */
  label: string;
  views: number;
  visitors: number;
};

export type BuildSeriesOptions = {
  /** The zone sent to Umami as `timezone`: wall-clock buckets are read in it. */
  requestedTimezone: string;
  /** The zone labels are written in (the viewer's, or `?tz=`). */
  displayTimezone: string;
  /** Current time (ms); the window ends at its minute. */
  now: number;
  lang: string;
};

// ---------------------------------------------------------------------------------------------
// Parsing bucket strings.

const BUCKET = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// Bucket strings repeat from poll to poll (29 of 30 stay the same), and reading a wall-clock
// one costs a few Intl calls: remember the answers. Bounded so a long-running TV never grows it.
const parsedBuckets = new Map<string, number | null>();
const PARSED_CACHE_LIMIT = 2000;

/**
 * The instant (ms, UTC) a bucket string stands for, or null when it is not a date Umami
 * would write. Strings with `Z` or an offset are absolute; others are wall-clock time in
 * `requestedTimezone`.
 */
export function parseBucket(x: string, requestedTimezone: string): number | null {
  const key = `${requestedTimezone}\u0000${x}`;
  const cached = parsedBuckets.get(key);
  if (cached !== undefined) return cached;
  const result = parseBucketUncached(x.trim(), requestedTimezone);
  if (parsedBuckets.size >= PARSED_CACHE_LIMIT) parsedBuckets.clear();
  parsedBuckets.set(key, result);
  return result;
}

function parseBucketUncached(x: string, requestedTimezone: string): number | null {
  const match = BUCKET.exec(x);
  if (!match) return null;
  const [, y, mo, d, h, mi, s = '0', offset] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  // An invalid zone never reaches Umami (it would answer 500); read it as UTC, do not throw.
  const zone = wallClockFormatter(requestedTimezone) ? requestedTimezone : 'UTC';
  if (offset === undefined) return instantOf({ year, month, day, hour, minute }, zone) + second * 1000;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  if (offset.toUpperCase() === 'Z') return wall;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const offsetMs = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * MINUTE_MS;
  return wall - offsetMs;
}

// ---------------------------------------------------------------------------------------------
// Labels.

const labelFormats = new Map<string, Intl.DateTimeFormat>();

function labelFormat(lang: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${lang}\u0000${timeZone}`;
  let format = labelFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone };
    try {
      format = new Intl.DateTimeFormat(lang, options);
    } catch {
      try {
        format = new Intl.DateTimeFormat('en-GB', options);
      } catch {
        format = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' });
      }
    }
    labelFormats.set(key, format);
  }
  return format;
}

/** "HH:mm" of an instant in `timeZone`, with the locale's digits. */
export function formatMinute(t: number, timeZone: string, lang: string): string {
  return labelFormat(lang, timeZone).format(t);
}

// ---------------------------------------------------------------------------------------------

export function startOfMinute(t: number): number {
  return Math.floor(t / MINUTE_MS) * MINUTE_MS;
}

/**
 * Exactly 30 one-minute buckets, oldest first: startOfMinute(now) − 29 min … startOfMinute(now).
 * Minutes Umami left out are 0; buckets outside the window and unreadable `x` are dropped;
 * buckets that land on the same minute are added up.
 */
export function buildSeries(series: SeriesInput, { requestedTimezone, displayTimezone, now, lang }: BuildSeriesOptions): SeriesPoint[] {
  if (!Number.isFinite(now)) return [];
  const end = startOfMinute(now);
  const start = end - (WINDOW_MINUTES - 1) * MINUTE_MS;

  const points: SeriesPoint[] = [];
  for (let i = 0; i < WINDOW_MINUTES; i++) {
    const t = start + i * MINUTE_MS;
    points.push({ t, label: formatMinute(t, displayTimezone, lang), views: 0, visitors: 0 });
  }

  const add = (input: readonly SeriesPointInput[], field: 'views' | 'visitors') => {
    for (const { x, y } of input) {
      if (typeof x !== 'string' || !Number.isFinite(y) || y <= 0) continue;
      const instant = parseBucket(x, requestedTimezone);
      if (instant === null) continue;
      const point = points[(startOfMinute(instant) - start) / MINUTE_MS];
      if (point) point[field] += y;
    }
  };
  add(series.views, 'views');
  add(series.visitors, 'visitors');
  return points;
}

// ---------------------------------------------------------------------------------------------
// The ghost line: the same minutes on an earlier day.

const clockOf = (t: number, timeZone: string) => formatMinute(t, timeZone, 'en-GB');

/**
 * Views per minute on an earlier day, set under the live minutes with the same wall-clock time
 * in `requestedTimezone` (the zone the proxy counted the days in, so a 23- or 25-hour day still
 * lines up). Minutes the answer left out are 0; live minutes after `coveredUntil` (the minute it
 * was fetched in) are null, so the line ends where the answer did instead of dropping to 0.
 */
export function ghostViews(
  points: readonly SeriesPoint[],
  pageviews: readonly SeriesPointInput[],
  { requestedTimezone, coveredUntil }: { requestedTimezone: string; coveredUntil: number },
): (number | null)[] {
  const byClock = new Map<string, number>();
  for (const { x, y } of pageviews) {
    if (typeof x !== 'string' || !Number.isFinite(y) || y <= 0) continue;
    const instant = parseBucket(x, requestedTimezone);
    if (instant === null) continue;
    const clock = clockOf(instant, requestedTimezone);
    byClock.set(clock, (byClock.get(clock) ?? 0) + y);
  }
  const last = startOfMinute(coveredUntil);
  return points.map((p) => (p.t > last ? null : (byClock.get(clockOf(p.t, requestedTimezone)) ?? 0)));
}

export type SeriesSummary = {
  views: number;
  /** The first minute with the most views, or null when there were none. */
  peak: SeriesPoint | null;
};

export function summarizeSeries(points: readonly SeriesPoint[]): SeriesSummary {
  let views = 0;
  let peak: SeriesPoint | null = null;
  for (const point of points) {
    views += point.views;
    if (point.views > 0 && (peak === null || point.views > peak.views)) peak = point;
  }
  return { views, peak };
}

/**
 * The chart's text alternative. Visitors are not summed: Umami counts distinct sessions per
 * minute, so a sum over minutes overcounts people (57 "visitors" for 12 sessions).
 */
export function describeSeries(
  points: readonly SeriesPoint[],
  format: (n: number) => string,
  ghost?: { label: string; views: readonly (number | null)[] },
): string {
  const { views, peak } = summarizeSeries(points);
  const head = `Views and visitors per minute, last ${WINDOW_MINUTES} minutes`;
  const body = peak === null ? `${head}: no views.` : `${head}: ${format(views)} views; busiest minute ${peak.label} with ${format(peak.views)} views and ${format(peak.visitors)} visitors.`;
  if (!ghost) return body;
  const before = ghost.views.reduce<number>((sum, n) => sum + (n ?? 0), 0);
  return `${body} ${ghost.label}, the same minutes: ${format(before)} views.`;
}
