import { useQuery } from '@tanstack/react-query';
import { useDashboard } from '../dashboard-context';
import { realtimeQueryOptions, type RealtimeResult } from './queries';

/**
 * The one polled realtime query, sliced for a panel with `select` so that a panel only
 * re-renders when its slice changes. Every panel shares the same query (one request per poll).
 * Panels only read it: the polling is done by one observer, `useRealtimePolling`, so a poll
 * fires one timer instead of one per panel (and no per-panel staleness timers run between polls).
 * A panel that mounts before any data still starts the first fetch.
 */
export function useRealtime<T>(select: (result: RealtimeResult) => T) {
  const { websiteId, timezone, intervalMs } = useDashboard();
  return useQuery({
    ...realtimeQueryOptions(websiteId, { timezone, intervalMs }),
    select,
    refetchInterval: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/**
 * Polls the dashboard's realtime query on its schedule. Mounted once per dashboard (by
 * `RealtimePoller`); it reads nothing from the result, so it never renders again.
 */
export function useRealtimePolling(): void {
  const { websiteId, timezone, intervalMs } = useDashboard();
  useQuery({ ...realtimeQueryOptions(websiteId, { timezone, intervalMs }), notifyOnChangeProps: [] });
}
