import { useQuery } from '@tanstack/react-query';
import { useDashboard } from '../dashboard-context';
import { realtimeQueryOptions, type RealtimeResult } from './realtime';

/**
 * The dashboard's realtime query, sliced with `select` (keep it stable: module-level or
 * `useCallback`). Every caller shares the one query, so one request per poll; a caller renders
 * again only when its slice changes.
 */
export function useRealtimeQuery<T>(select: (result: RealtimeResult) => T) {
  const { websiteId, timezone, intervalMs, filter } = useDashboard();
  return useQuery({ ...realtimeQueryOptions(websiteId, { timezone, intervalMs, filter }), select });
}

/** A panel's slice of the latest answer; undefined until the first one. */
export function useRealtime<T>(select: (result: RealtimeResult) => T): T | undefined {
  return useRealtimeQuery(select).data;
}
