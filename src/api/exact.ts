import { queryOptions } from '@tanstack/react-query';
import { fetchValidated } from './client';
import { pollingOptions, type PollSlot } from './poll-schedule';

// Umami's exact routes over the realtime window, which the proxy sets (start of the current
// minute − 30 min → now): one fetcher and one queryOptions factory per route.

export const METRIC_TYPES = ['path', 'referrer', 'country', 'event'] as const;
export type MetricType = (typeof METRIC_TYPES)[number];

const schemas = () => import('./exact-schemas');
const site = (websiteId: string) => `/api/websites/${encodeURIComponent(websiteId)}`;

export const fetchStats = (websiteId: string, signal?: AbortSignal) =>
  fetchValidated(`${site(websiteId)}/stats`, () => schemas().then((m) => m.statsSchema), signal);

export const fetchMetrics = (websiteId: string, type: MetricType, signal?: AbortSignal) =>
  fetchValidated(`${site(websiteId)}/metrics/expanded?type=${type}`, () => schemas().then((m) => m.metricsSchema), signal);

export const fetchActive = (websiteId: string, signal?: AbortSignal) =>
  fetchValidated(`${site(websiteId)}/active`, () => schemas().then((m) => m.activeSchema), signal);

export function statsQueryOptions(websiteId: string, intervalMs: number, slot?: PollSlot) {
  return queryOptions({
    queryKey: ['stats', websiteId] as const,
    queryFn: ({ signal }) => fetchStats(websiteId, signal),
    ...pollingOptions(intervalMs, slot),
  });
}

export function metricsQueryOptions(websiteId: string, type: MetricType, intervalMs: number, slot?: PollSlot) {
  return queryOptions({
    queryKey: ['metrics', websiteId, type] as const,
    queryFn: ({ signal }) => fetchMetrics(websiteId, type, signal),
    ...pollingOptions(intervalMs, slot),
  });
}

export function activeQueryOptions(websiteId: string, intervalMs: number, slot?: PollSlot) {
  return queryOptions({
    queryKey: ['active', websiteId] as const,
    queryFn: ({ signal }) => fetchActive(websiteId, signal),
    ...pollingOptions(intervalMs, slot),
  });
}

/** Every exact query a site's dashboard makes: what rotation keeps warm. */
export function exactQueriesOptions(websiteId: string, intervalMs: number, slot?: PollSlot) {
  return [
    statsQueryOptions(websiteId, intervalMs, slot),
    activeQueryOptions(websiteId, intervalMs, slot),
    ...METRIC_TYPES.map((type) => metricsQueryOptions(websiteId, type, intervalMs, slot)),
  ] as const;
}
