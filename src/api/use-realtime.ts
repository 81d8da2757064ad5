import { useQuery } from '@tanstack/react-query';
import { useDashboard } from '../dashboard-context';
import { realtimeQueryOptions, type RealtimeResult } from './queries';

/**
 * The one polled realtime query, sliced for a panel with `select` so that a panel only
 * re-renders when its slice changes. Every panel shares the same query (one request per poll).
 */
export function useRealtime<T>(select: (result: RealtimeResult) => T) {
  const { websiteId, timezone, intervalMs } = useDashboard();
  return useQuery({ ...realtimeQueryOptions(websiteId, { timezone, intervalMs }), select });
}
