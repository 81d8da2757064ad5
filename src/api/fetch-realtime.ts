// One realtime poll: the request Umami documents, the proxy's headers and the validated body.
// Runs in the poll worker (realtime-worker.ts), or on the page where there is no worker.
import { ApiError, fetchJson, messageFor } from './client';
import { isApiErrorCode, MODE_HEADER, STALE_HEADER, STALE_REASON_HEADER, type ApiErrorCode } from './errors';
import { MalformedResponseError, parseRealtime, type RealtimeData } from './realtime-schema';
import { REALTIME_WINDOW_MS } from './realtime-window';

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
