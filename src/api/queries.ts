import { queryOptions } from '@tanstack/react-query';
import { ApiError, fetchJson, messageFor } from './client';
import { isApiErrorCode, MODE_HEADER, STALE_HEADER, STALE_REASON_HEADER, type ApiErrorCode } from './errors';
import { msUntilNextPoll, pollOffsetShare } from './poll-schedule';
import { MalformedResponseError, parseRealtime, type RealtimeData } from './realtime-schema';
import { websitesResponseSchema, type Website } from './websites-schema';

export const REALTIME_WINDOW_MS = 30 * 60 * 1000;
export const DEFAULT_INTERVAL_MS = 10_000;

export type RealtimeResult = {
  data: RealtimeData;
  /** The IANA zone sent as `timezone`: Umami labels series buckets in it. */
  timezone: string;
  receivedAt: number;
  /** Seconds the proxy's answer is old when it served a cached one because upstream failed. */
  upstreamStaleAge: number | null;
  /** Why the proxy served a cached answer (for example `rate-limited`). */
  staleReason: ApiErrorCode | null;
  /** Upstream mode the proxy reports (`demo`, `cloud`, `login`, `apikey`, `share`). */
  mode: string | null;
};

export function realtimeUrl(websiteId: string, timezone: string, now: number): string {
  // Umami ignores startAt/endAt (it always answers the last 30 minutes) but documents them.
  const params = new URLSearchParams({
    startAt: String(now - REALTIME_WINDOW_MS),
    endAt: String(now),
    timezone,
  });
  return `/api/realtime/${encodeURIComponent(websiteId)}?${params.toString()}`;
}

export async function fetchRealtime(
  websiteId: string,
  timezone: string,
  signal?: AbortSignal,
  now: () => number = Date.now,
): Promise<RealtimeResult> {
  const { body, headers } = await fetchJson(realtimeUrl(websiteId, timezone, now()), { signal });
  const receivedAt = now();
  try {
    const stale = Number(headers.get(STALE_HEADER));
    return {
      data: parseRealtime(body, receivedAt),
      timezone,
      receivedAt,
      upstreamStaleAge: headers.has(STALE_HEADER) && Number.isFinite(stale) ? stale : null,
      mode: headers.get(MODE_HEADER),
      staleReason: staleReason(headers.get(STALE_REASON_HEADER), headers.has(STALE_HEADER)),
    };
  } catch (error) {
    if (error instanceof MalformedResponseError) throw new ApiError(200, 'malformed', messageFor('malformed'));
    throw error;
  }
}

function staleReason(value: string | null, stale: boolean): ApiErrorCode | null {
  return stale && isApiErrorCode(value) ? value : null;
}

export const queryKeys = {
  realtime: (websiteId: string, timezone: string) => ['realtime', websiteId, timezone] as const,
  websites: () => ['websites'] as const,
};

export function realtimeQueryOptions(websiteId: string, { timezone, intervalMs }: { timezone: string; intervalMs: number }) {
  return queryOptions({
    queryKey: queryKeys.realtime(websiteId, timezone),
    queryFn: ({ signal }) => fetchRealtime(websiteId, timezone, signal),
    refetchInterval: () => msUntilNextPoll(intervalMs, Date.now(), pollOffsetShare * intervalMs),
    // A wall display is often an unfocused window: keep polling.
    refetchIntervalInBackground: true,
    // The next poll is the retry; a failed poll must not hide the last frame.
    retry: false,
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
  const { body, headers } = await fetchJson('/api/websites', { signal });
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
