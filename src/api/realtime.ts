import { queryOptions } from '@tanstack/react-query';
import { ApiError, fetchJson, messageFor } from './client';
import { isApiErrorCode, MODE_HEADER, STALE_HEADER, STALE_REASON_HEADER, type ApiErrorCode } from './errors';
import { withFilter } from './filter-query';
import { pollingOptions, type PollSlot } from './poll-schedule';
import type { RealtimeData } from './realtime-schema';

/** Umami's realtime view covers the last 30 minutes (it ignores other startAt/endAt values). */
export const REALTIME_WINDOW_MS = 30 * 60 * 1000;

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

export function realtimeUrl(websiteId: string, timezone: string, filter = ''): string {
  // No startAt/endAt: the proxy sets Umami's window, and one URL per site and zone lets a shared HTTP cache serve every viewer.
  const params = new URLSearchParams({ timezone });
  return withFilter(`/api/realtime/${encodeURIComponent(websiteId)}?${params.toString()}`, filter);
}

/** One realtime poll: the request, the proxy's headers and the validated body. */
export async function fetchRealtime(
  websiteId: string,
  timezone: string,
  signal?: AbortSignal,
  now: () => number = Date.now,
  filter = '',
): Promise<RealtimeResult> {
  // The schema (and zod) load beside the first request, keeping the first chunk small.
  const [{ body, headers }, { parseRealtime, MalformedResponseError }] = await Promise.all([
    fetchJson(realtimeUrl(websiteId, timezone, filter), { signal }),
    import('./realtime-schema'),
  ]);
  const receivedAt = now();
  let data: RealtimeData;
  try {
    data = parseRealtime(body, receivedAt);
  } catch (error) {
    if (error instanceof MalformedResponseError) throw new ApiError(200, 'malformed', messageFor('malformed'));
    throw error;
  }
  const staleAge = headers.has(STALE_HEADER) ? Number(headers.get(STALE_HEADER)) : Number.NaN;
  const stale = Number.isFinite(staleAge);
  const reason = headers.get(STALE_REASON_HEADER);
  return {
    data,
    timezone,
    receivedAt,
    upstreamStaleAge: stale ? staleAge : null,
    staleReason: stale && isApiErrorCode(reason) ? reason : null,
    mode: headers.get(MODE_HEADER),
  };
}

export function realtimeQueryOptions(
  websiteId: string,
  { timezone, intervalMs, filter = '', slot }: { timezone: string; intervalMs: number; filter?: string; slot?: PollSlot },
) {
  return queryOptions({
    queryKey: ['realtime', websiteId, timezone, filter] as const,
    queryFn: ({ signal }) => fetchRealtime(websiteId, timezone, signal, Date.now, filter),
    ...pollingOptions(intervalMs, slot),
  });
}
