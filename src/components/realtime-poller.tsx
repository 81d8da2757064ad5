import { useRealtimePolling } from '../api/use-realtime';

/** The dashboard's one polling observer (see `useRealtimePolling`); draws nothing. */
export function RealtimePoller() {
  useRealtimePolling();
  return null;
}
