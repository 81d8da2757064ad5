import { notifyManager, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import { useDashboard } from '../dashboard-context';
import { realtimeQueryOptions, type RealtimeResult } from './queries';
import { shareRealtime } from './realtime-fetcher';

/** The dashboard's realtime query, found (or made) in the client's cache, with its options. */
function useRealtimeQuery() {
  const { websiteId, timezone, intervalMs } = useDashboard();
  const client = useQueryClient();
  const options = useMemo(
    () => client.defaultQueryOptions(realtimeQueryOptions(websiteId, { timezone, intervalMs })),
    [client, websiteId, timezone, intervalMs],
  );
  const query = client.getQueryCache().build(client, options);
  // A change of this query's state reaches the panel in TanStack Query's notify batch, like an
  // observer's would: with the feed's clock (main.tsx), one render per poll.
  const subscribe = useCallback(
    (onChange: () => void) => {
      const notify = notifyManager.batchCalls(onChange);
      return client.getQueryCache().subscribe((event) => {
        if (event.query === query) notify();
      });
    },
    [client, query],
  );
  return { client, options, query, subscribe };
}

/**
 * A panel's slice of the query's data: made once per answer, and shared with the last slice as
 * the query's own data is, so an unchanged slice keeps its identity and its panel stays put.
 * A `select` that throws on an answer keeps the last good slice on screen (as TanStack Query's
 * observers did) instead of taking the page down: panels call this outside their error boundary.
 */
function sliceReader<T>(query: { state: { data: unknown } }, select: (result: RealtimeResult) => T): () => T | undefined {
  let last: { data: RealtimeResult; slice: T | undefined } | null = null;
  return () => {
    const data = query.state.data as RealtimeResult | undefined;
    if (data === undefined) return undefined;
    if (last?.data !== data) {
      const previous = last?.slice;
      let slice = previous;
      try {
        slice = shareRealtime(previous, select(data)) as T;
      } catch (error) {
        console.error('[pulseboard] a panel could not read this answer; it keeps the last one', error);
      }
      last = { data, slice };
    }
    return last.slice;
  };
}

/**
 * The one polled realtime query, sliced for a panel with `select`: the panel renders again only
 * when its slice changes. Every panel shares the same query (one request per poll), and only
 * reads it: polling is done by one observer, `useRealtimePolling`.
 *
 * Read straight from the query, not through an observer per panel: ten observers each rebuilt
 * and compared TanStack Query's whole result object two or three times per poll, and again on
 * every render.
 * A panel that mounts before any data still starts the first fetch.
 */
export function useRealtime<T>(select: (result: RealtimeResult) => T): T | undefined {
  const { client, options, query, subscribe } = useRealtimeQuery();
  const getSnapshot = useMemo(() => sliceReader(query, select), [query, select]);
  useEffect(() => {
    if (query.state.data === undefined && query.state.fetchStatus === 'idle') void client.prefetchQuery(options);
  }, [client, options, query]);
  return useSyncExternalStore(subscribe, getSnapshot);
}

/** The last poll's error (null once a poll succeeds again), for the status bar. */
export function useRealtimeError(): Error | null {
  const { query, subscribe } = useRealtimeQuery();
  return useSyncExternalStore(subscribe, () => query.state.error);
}

/**
 * Polls the dashboard's realtime query on its schedule. Mounted once per dashboard (by
 * `RealtimePoller`); it reads nothing from the result, so it never renders again.
 */
export function useRealtimePolling(): void {
  const { websiteId, timezone, intervalMs } = useDashboard();
  useQuery({ ...realtimeQueryOptions(websiteId, { timezone, intervalMs }), notifyOnChangeProps: [] });
}
