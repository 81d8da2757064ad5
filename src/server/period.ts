import { canonicalTimeZone } from '../shared/validate.ts';
import { PERIOD_DAYS, isPeriod, periodWindow, shiftedRealtimeWindow, type PastPeriod, type Period, type TimeWindow } from '../shared/zoned-time.ts';
import { METRICS_LIMIT } from './exact.ts';

// Umami's exact routes over local days (issue 19): today so far, the same span yesterday and a
// week ago, and the live chart's half hour on those days. The client names a period and a zone;
// the proxy alone turns them into a window (docs/decisions/0014), so keys stay few and shared.

export type PeriodRequest =
  | { route: 'stats'; period: Period; timezone: string }
  | { route: 'metrics'; type: 'event'; period: Period; timezone: string }
  | { route: 'pageviews'; period: PastPeriod; timezone: string };

/** One shared answer per (site, route, type, period, zone). */
export function periodCacheKey(websiteId: string, request: PeriodRequest): string {
  const type = request.route === 'metrics' ? request.type : '';
  return `period:${request.route}:${websiteId}:${type}:${request.period}:${request.timezone}`;
}

/**
 * `period` and `timezone` each exactly once, a known period and a zone Intl knows (canonical, so
 * spellings share a key); null otherwise.
 */
export function periodParams(params: URLSearchParams): { period: Period; timezone: string } | null {
  const periods = params.getAll('period');
  const zones = params.getAll('timezone');
  const period = periods[0];
  const zone = zones[0];
  if (periods.length !== 1 || period === undefined || !isPeriod(period)) return null;
  if (zones.length !== 1 || zone === undefined) return null;
  const timezone = canonicalTimeZone(zone);
  return timezone === null ? null : { period, timezone };
}

/** The window the proxy asks Umami for, at `now`. */
export function periodRequestWindow(request: PeriodRequest, now: number): TimeWindow {
  if (request.route === 'pageviews') return shiftedRealtimeWindow(PERIOD_DAYS[request.period], now, request.timezone);
  return periodWindow(request.period, now, request.timezone);
}

/** Path and query of a period route: window, unit and row limit come from the proxy alone. */
export function periodTarget(websiteId: string, request: PeriodRequest, now: number): { segments: string[]; query: URLSearchParams } {
  const { startAt, endAt } = periodRequestWindow(request, now);
  const query = new URLSearchParams({ startAt: String(startAt), endAt: String(endAt) });
  if (request.route === 'stats') {
    query.set('timezone', request.timezone);
    return { segments: ['websites', websiteId, 'stats'], query };
  }
  if (request.route === 'pageviews') {
    query.set('unit', 'minute');
    query.set('timezone', request.timezone);
    return { segments: ['websites', websiteId, 'pageviews'], query };
  }
  query.set('type', request.type);
  query.set('limit', String(METRICS_LIMIT));
  query.set('timezone', request.timezone);
  return { segments: ['websites', websiteId, 'metrics', 'expanded'], query };
}
