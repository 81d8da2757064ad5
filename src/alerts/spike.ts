import type { SeriesPoint } from '../panels/series-chart/series-data';

// The spike notice (`?spike=3`): page views over the last 5 minutes run at least that many
// times the 30-minute average per minute. Both rates count the unfinished current minute for
// the part of it that has passed, so a spike shows within the minute it starts.

const MINUTE_MS = 60_000;
export const SPIKE_MINUTES = 5;
/** Fewer views than this in 5 minutes is not a spike, whatever the ratio: 2 views after 0 is noise. */
export const MIN_SPIKE_VIEWS = 5;

export type Spike = { spike: false } | { spike: true; views: number; ratio: number };

/**
 * `points`: the 30 one-minute buckets ending at the current minute (buildSeries); `now`: the
 * answer's server time.
 */
export function spikeAt(points: readonly Pick<SeriesPoint, 't' | 'views'>[], now: number, factor: number): Spike {
  const first = points[0];
  const recentFirst = points[points.length - SPIKE_MINUTES];
  if (!first || !recentFirst || !(now > recentFirst.t)) return { spike: false };
  const total = points.reduce((sum, point) => sum + point.views, 0);
  const views = points.slice(-SPIKE_MINUTES).reduce((sum, point) => sum + point.views, 0);
  if (views < MIN_SPIKE_VIEWS) return { spike: false };
  const recentRate = views / ((now - recentFirst.t) / MINUTE_MS);
  const averageRate = total / ((now - first.t) / MINUTE_MS);
  const ratio = recentRate / averageRate;
  return ratio >= factor ? { spike: true, views, ratio } : { spike: false };
}
