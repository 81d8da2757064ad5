import type { RealtimeResult } from '../api/realtime';
import { parseRealtime } from '../api/realtime-schema';

/** What the realtime query holds after a successful poll of `body`, for seeding a QueryClient. */
export function realtimeResult(
  body: unknown,
  { timezone = 'Europe/Berlin', receivedAt }: { timezone?: string; receivedAt?: number } = {},
): RealtimeResult {
  const data = parseRealtime(body, receivedAt ?? Date.now());
  return { data, timezone, receivedAt: receivedAt ?? data.timestamp, upstreamStaleAge: null, staleReason: null, mode: null };
}
