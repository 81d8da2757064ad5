import { useQuery } from '@tanstack/react-query';
import { useDashboard } from '../dashboard-context';
import type { MetricRow, Pageviews, Stats } from './exact-schemas';
import { historyIntervalMs, pageviewsQueryOptions, periodEventsQueryOptions, periodStatsQueryOptions, type PastPeriod, type Period } from './history';

// Hooks for the day-so-far routes, sliced with `select` like the others (keep it stable).
// A null period (`?compare=off`) asks for nothing.

export function usePeriodStats<T>(period: Period | null, select: (stats: Stats) => T) {
  const { websiteId, timezone, filter, exactIntervalMs } = useDashboard();
  return useQuery({ ...periodStatsQueryOptions(websiteId, period ?? 'today', timezone, filter, historyIntervalMs(exactIntervalMs)), select, enabled: period !== null });
}

export function usePeriodEvents<T>(period: Period | null, select: (rows: MetricRow[]) => T) {
  const { websiteId, timezone, filter, exactIntervalMs } = useDashboard();
  return useQuery({ ...periodEventsQueryOptions(websiteId, period ?? 'today', timezone, filter, historyIntervalMs(exactIntervalMs)), select, enabled: period !== null });
}

export function usePageviews<T>(period: PastPeriod | null, select: (pageviews: Pageviews) => T) {
  const { websiteId, timezone, filter, exactIntervalMs } = useDashboard();
  return useQuery({ ...pageviewsQueryOptions(websiteId, period ?? 'yesterday', timezone, filter, historyIntervalMs(exactIntervalMs)), select, enabled: period !== null });
}
