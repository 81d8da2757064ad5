import { queryOptions } from '@tanstack/react-query';
import { fetchValidated } from './client';
import { withFilter } from './filter-query';
import type { Compare } from '../options';
import { pollingOptions } from './poll-schedule';

// The day so far and the same span on an earlier day, from Umami's exact routes. The proxy sets
// each window (local midnight in `timezone` → the current minute, and its twin 1 or 7 days back).
// `filter` is a filtered wall's query (src/api/filter-query.ts), part of every key.

export const PERIODS = ['today', 'yesterday', 'lastweek'] as const;
export type Period = (typeof PERIODS)[number];
export type PastPeriod = Exclude<Period, 'today'>;

export function comparePeriod(compare: Compare): PastPeriod | null {
  return compare === 'off' ? null : compare === 'week' ? 'lastweek' : 'yesterday';
}

/** These windows move by the minute: asking more often would only repeat the answer. */
export const HISTORY_INTERVAL_MS = 60_000;

/** A wall stretched to the upstream budget (poll-plan.ts) stretches these with its exact figures. */
export const historyIntervalMs = (exactIntervalMs: number) => Math.max(HISTORY_INTERVAL_MS, 2 * exactIntervalMs);

const schemas = () => import('./exact-schemas');
const site = (websiteId: string) => `/api/websites/${encodeURIComponent(websiteId)}`;
const periodQuery = (period: Period, timezone: string) => new URLSearchParams({ period, timezone }).toString();

export const fetchPeriodStats = (websiteId: string, period: Period, timezone: string, signal?: AbortSignal, filter = '') =>
  fetchValidated(withFilter(`${site(websiteId)}/stats?${periodQuery(period, timezone)}`, filter), () => schemas().then((m) => m.statsSchema), signal);

export const fetchPeriodEvents = (websiteId: string, period: Period, timezone: string, signal?: AbortSignal, filter = '') =>
  fetchValidated(
    withFilter(`${site(websiteId)}/metrics/expanded?type=event&${periodQuery(period, timezone)}`, filter),
    () => schemas().then((m) => m.metricsSchema),
    signal,
  );

/** Views per minute over the live chart's 30 minutes, 1 or 7 days back. */
export const fetchPageviews = (websiteId: string, period: PastPeriod, timezone: string, signal?: AbortSignal, filter = '') =>
  fetchValidated(withFilter(`${site(websiteId)}/pageviews?${periodQuery(period, timezone)}`, filter), () => schemas().then((m) => m.pageviewsSchema), signal);

export function periodStatsQueryOptions(websiteId: string, period: Period, timezone: string, filter = '', intervalMs = HISTORY_INTERVAL_MS) {
  return queryOptions({
    queryKey: ['period-stats', websiteId, period, timezone, filter] as const,
    queryFn: ({ signal }) => fetchPeriodStats(websiteId, period, timezone, signal, filter),
    ...pollingOptions(intervalMs),
  });
}

export function periodEventsQueryOptions(websiteId: string, period: Period, timezone: string, filter = '', intervalMs = HISTORY_INTERVAL_MS) {
  return queryOptions({
    queryKey: ['period-events', websiteId, period, timezone, filter] as const,
    queryFn: ({ signal }) => fetchPeriodEvents(websiteId, period, timezone, signal, filter),
    ...pollingOptions(intervalMs),
  });
}

export function pageviewsQueryOptions(websiteId: string, period: PastPeriod, timezone: string, filter = '', intervalMs = HISTORY_INTERVAL_MS) {
  return queryOptions({
    queryKey: ['pageviews', websiteId, period, timezone, filter] as const,
    queryFn: ({ signal }) => fetchPageviews(websiteId, period, timezone, signal, filter),
    ...pollingOptions(intervalMs),
  });
}

/** Every history query a site's dashboard makes with `compare`. */
export function historyQueriesOptions(websiteId: string, timezone: string, compare: Compare, filter = '', intervalMs = HISTORY_INTERVAL_MS) {
  const past = comparePeriod(compare);
  const periods: Period[] = past ? ['today', past] : ['today'];
  return [
    ...periods.flatMap((period) => [
      periodStatsQueryOptions(websiteId, period, timezone, filter, intervalMs),
      periodEventsQueryOptions(websiteId, period, timezone, filter, intervalMs),
    ]),
    ...(past ? [pageviewsQueryOptions(websiteId, past, timezone, filter, intervalMs)] : []),
  ];
}
