import { queryOptions } from '@tanstack/react-query';
import { ApiError, fetchJson, messageFor } from './client';
import { MODE_HEADER } from './errors';
import { msUntilNextPoll, pollOffsetShare } from './poll-schedule';
import { fetchRealtimeOffThread, shareRealtime } from './realtime-fetcher';
import type { Website } from './websites-schema';

export type { RealtimeResult } from './fetch-realtime';
export { REALTIME_WINDOW_MS } from './realtime-window';
export const DEFAULT_INTERVAL_MS = 10_000;

export const queryKeys = {
  realtime: (websiteId: string, timezone: string) => ['realtime', websiteId, timezone] as const,
  websites: () => ['websites'] as const,
};

export function realtimeQueryOptions(websiteId: string, { timezone, intervalMs }: { timezone: string; intervalMs: number }) {
  return queryOptions({
    queryKey: queryKeys.realtime(websiteId, timezone),
    queryFn: ({ signal }) => fetchRealtimeOffThread(websiteId, timezone, signal),
    refetchInterval: () => msUntilNextPoll(intervalMs, Date.now(), pollOffsetShare * intervalMs),
    // A wall display is often an unfocused window: keep polling.
    refetchIntervalInBackground: true,
    // The next poll is the retry; a failed poll must not hide the last frame.
    retry: false,
    // Answers come already sharing their unchanged parts with the one before.
    structuralSharing: shareRealtime,
    staleTime: intervalMs / 2,
    gcTime: Math.max(5 * 60_000, intervalMs * 3),
  });
}

export type WebsitesResult = {
  websites: Website[];
  /** Upstream mode the proxy reports: in `demo` a fresh start goes straight to a dashboard. */
  mode: string | null;
};

export async function fetchWebsites(signal?: AbortSignal): Promise<WebsitesResult> {
  // The schema code (zod) loads beside the request instead of in the first chunk, which holds
  // what the totals need to render (≤ 100 kB gzip, BENCHMARKS.md); the first realtime poll
  // loads the same code anyway.
  const [{ body, headers }, { websitesResponseSchema }] = await Promise.all([
    fetchJson('/api/websites', { signal }),
    import('./websites-schema'),
  ]);
  const result = websitesResponseSchema.safeParse(body);
  if (!result.success) throw new ApiError(200, 'malformed', messageFor('malformed'));
  return { websites: result.data.data, mode: headers.get(MODE_HEADER) };
}

export function websitesQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.websites(),
    queryFn: ({ signal }) => fetchWebsites(signal),
    staleTime: 5 * 60_000,
    retry: 1,
    // A TV that powers on while Umami is down must get there by itself: no one will click.
    refetchInterval: (query) => (query.state.status === 'error' ? 10_000 : 5 * 60_000),
    refetchIntervalInBackground: true,
  });
}
