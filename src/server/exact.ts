// Umami's exact routes for the realtime window (issue 18): the realtime answer samples the
// latest 100 rows, these count every row. The proxy, not the client, sets their window.

export const METRIC_TYPES = ['path', 'referrer', 'country', 'event'] as const;
export type MetricType = (typeof METRIC_TYPES)[number];

/** The most rows Umami's expanded metrics return by default; the proxy always asks for this many. */
export const METRICS_LIMIT = 500;

export type ExactRequest = { route: 'stats' } | { route: 'active' } | { route: 'metrics'; type: MetricType };
export type ExactRoute = ExactRequest['route'];

const MINUTE_MS = 60_000;
const WINDOW_MS = 30 * MINUTE_MS;

/** Umami's own realtime window: start of the current minute minus 30 minutes, up to now. */
export function exactWindow(now: number): { startAt: number; endAt: number } {
  return { startAt: Math.floor(now / MINUTE_MS) * MINUTE_MS - WINDOW_MS, endAt: now };
}

/** One shared answer per (site, route, type): no client value can multiply upstream calls. */
export function exactCacheKey(websiteId: string, request: ExactRequest): string {
  return `${request.route}:${websiteId}${request.route === 'metrics' ? `:${request.type}` : ''}`;
}

/** Umami's /active counts every session of the site whatever the filters (its route reads none). */
export function honoursFilters(request: ExactRequest): boolean {
  return request.route !== 'active';
}

export function isMetricType(value: string): value is MetricType {
  return (METRIC_TYPES as readonly string[]).includes(value);
}
