import { queryOptions } from '@tanstack/react-query';
import { fetchValidated } from './client';
import { withFilter } from './filter-query';
import { pollingOptions, type PollSlot } from './poll-schedule';

// Umami's exact routes over the realtime window, which the proxy sets (start of the current
// minute − 30 min → now): one fetcher and one queryOptions factory per route. `filter` is a
// filtered wall's query (src/api/filter-query.ts), part of every key.

export const METRIC_TYPES = ['path', 'referrer', 'country', 'event'] as const;
export type MetricType = (typeof METRIC_TYPES)[number];

const schemas = () => import('./exact-schemas');
const site = (websiteId: string) => `/api/websites/${encodeURIComponent(websiteId)}`;

export const fetchStats = (websiteId: string, signal?: AbortSignal, filter = '') =>
  fetchValidated(withFilter(`${site(websiteId)}/stats`, filter), () => schemas().then((m) => m.statsSchema), signal);

export const fetchMetrics = (websiteId: string, type: MetricType, signal?: AbortSignal, filter = '') =>
  fetchValidated(withFilter(`${site(websiteId)}/metrics/expanded?type=${type}`, filter), () => schemas().then((m) => m.metricsSchema), signal);

/** With a filter the proxy answers "unsupported" (Umami's /active ignores filters): the panel shows its filtered sample. */
export const fetchActive = (websiteId: string, signal?: AbortSignal, filter = '') =>
  fetchValidated(withFilter(`${site(websiteId)}/active`, filter), () => schemas().then((m) => m.activeSchema), signal);

export function statsQueryOptions(websiteId: string, intervalMs: number, filter = '', slot?: PollSlot) {
  return queryOptions({
    queryKey: ['stats', websiteId, filter] as const,
    queryFn: ({ signal }) => fetchStats(websiteId, signal, filter),
    ...pollingOptions(intervalMs, slot),
  });
}

export function metricsQueryOptions(websiteId: string, type: MetricType, intervalMs: number, filter = '', slot?: PollSlot) {
  return queryOptions({
    queryKey: ['metrics', websiteId, type, filter] as const,
    queryFn: ({ signal }) => fetchMetrics(websiteId, type, signal, filter),
    ...pollingOptions(intervalMs, slot),
  });
}

export function activeQueryOptions(websiteId: string, intervalMs: number, filter = '', slot?: PollSlot) {
  return queryOptions({
    queryKey: ['active', websiteId, filter] as const,
    queryFn: ({ signal }) => fetchActive(websiteId, signal, filter),
    ...pollingOptions(intervalMs, slot),
  });
}

/** Every exact query a site's dashboard makes: what rotation keeps warm. */
export function exactQueriesOptions(websiteId: string, intervalMs: number, filter = '', slot?: PollSlot) {
  return [
    statsQueryOptions(websiteId, intervalMs, filter, slot),
    activeQueryOptions(websiteId, intervalMs, filter, slot),
    ...METRIC_TYPES.map((type) => metricsQueryOptions(websiteId, type, intervalMs, filter, slot)),
  ] as const;
}
