import type { RealtimeEvent } from '../api/realtime-schema';
import { parseBucket, type SeriesPointInput } from '../panels/series-chart/series-data';

// The silence alarm (`?silence=15`): a site that had traffic shows no page views for that long.
// Read from data the page already has: the realtime answer's rows and its per-minute series.

const MINUTE_MS = 60_000;

export type ViewsInput = {
  events: readonly RealtimeEvent[];
  /** `series.views` as Umami sent it. */
  views: readonly SeriesPointInput[];
  /** The zone the series was asked in: its buckets are wall-clock times there. */
  timezone: string;
  /** The answer's server time. */
  now: number;
};

/**
 * When the answer's latest page view happened, or null when it has none. A page view row
 * gives the time to the millisecond (rows are the newest 100, so the newest view is there if
 * any view is); performance beacons come as page views without a hostname and are left out.
 * Without a row, the series' last busy minute counts up to its end (never early).
 */
export function latestViewAt({ events, views, timezone, now }: ViewsInput): number | null {
  let latest: number | null = null;
  for (const event of events) {
    if (event.type === 'pageview' && event.hostname !== null && (latest === null || event.createdAt > latest)) latest = event.createdAt;
  }
  if (latest !== null) return latest;
  for (const { x, y } of views) {
    if (!(y > 0)) continue;
    const start = parseBucket(x, timezone);
    if (start !== null && (latest === null || start > latest)) latest = start;
  }
  return latest === null ? null : Math.min(now, latest + MINUTE_MS);
}

export type Silence = { silent: false } | { silent: true; minutes: number };

/**
 * Silent when the last view seen (this answer's, or one remembered from an earlier answer once
 * the window has moved past it) is at least `minutes` old. A site that had no view since the
 * page opened has nothing to fall silent from.
 */
export function silenceAt(lastViewAt: number | null, now: number, minutes: number): Silence {
  if (lastViewAt === null) return { silent: false };
  const quiet = now - lastViewAt;
  return quiet >= minutes * MINUTE_MS ? { silent: true, minutes: Math.floor(quiet / MINUTE_MS) } : { silent: false };
}

/** The later of two view times; null only when neither is known. */
export function laterView(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
