import { useQueries, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useDashboard } from '../dashboard-context';
import { ApiError } from './client';
import { combineRealtime, type CombinedSite } from './combine-sites';
import { realtimeQueryOptions, type RealtimeResult } from './realtime';
import { useSiteSlots } from './use-site-slots';

export type RealtimeQueryState<T> = { data: T | undefined; error: Error | null };

const NO_SITES: readonly CombinedSite[] = [];
const NOTHING: RealtimeQueryState<never> = { data: undefined, error: null };

/** A site's failure, saying which site: the sums on screen leave it out until it answers. */
function siteError(site: CombinedSite | undefined, error: Error): Error {
  if (!site) return error;
  return error instanceof ApiError ? new ApiError(error.status, error.code, `${site.name}: ${error.message}`) : error;
}

/** The sites' answers as one once every site has answered or failed; the first error, naming its site. */
export function combineRealtimeResults<T>(
  sites: readonly CombinedSite[],
  results: readonly Pick<UseQueryResult<RealtimeResult>, 'data' | 'error'>[],
  select: (result: RealtimeResult) => T,
): RealtimeQueryState<T> {
  const waiting = results.some((r) => r.data === undefined && r.error === null);
  const answers = results.flatMap((r, i) => (r.data && sites[i] ? [{ site: sites[i], data: r.data }] : []));
  const merged = waiting ? undefined : combineRealtime(answers);
  const failed = results.findIndex((r) => r.error !== null);
  const error = failed === -1 ? null : siteError(sites[failed], results[failed]!.error!);
  return { data: merged === undefined ? undefined : select(merged), error };
}

/**
 * The dashboard's realtime query, sliced with `select` (keep it stable: module-level or
 * `useCallback`). Every caller shares the one query, so one request per poll; a caller renders
 * again only when its slice changes. With `?combine`, every site's query, summed.
 */
export function useRealtimeQuery<T>(select: (result: RealtimeResult) => T): RealtimeQueryState<T> {
  const { websiteId, timezone, intervalMs, combined, filter } = useDashboard();
  const sites = combined ?? NO_SITES;
  const ids = useMemo(() => (combined ? combined.map((s) => s.id) : [websiteId]), [combined, websiteId]);
  const { slots, started } = useSiteSlots(ids, 'realtime');
  const single = useQuery({
    ...realtimeQueryOptions(websiteId, { timezone, intervalMs, filter, slot: slots[0] }),
    select,
    enabled: !combined && (started[0] ?? true),
  });
  const combine = useCallback(
    (results: UseQueryResult<RealtimeResult>[]) => (combined ? combineRealtimeResults(combined, results, select) : NOTHING),
    [combined, select],
  );
  const merged = useQueries({
    queries: sites.map((site, i) => ({ ...realtimeQueryOptions(site.id, { timezone, intervalMs, filter, slot: slots[i] }), enabled: started[i] ?? true })),
    combine,
  });
  return combined ? merged : single;
}

/** A panel's slice of the latest answer; undefined until the first one. */
export function useRealtime<T>(select: (result: RealtimeResult) => T): T | undefined {
  return useRealtimeQuery(select).data;
}
