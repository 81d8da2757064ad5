import { useRealtime } from '../api/use-realtime';
import type { RealtimeResult } from '../api/realtime';

const selectIsEmpty = ({ data }: RealtimeResult) =>
  data.totals.views === 0 && data.totals.visitors === 0 && data.events.length === 0;

export function EmptyBanner() {
  const isEmpty = useRealtime(selectIsEmpty);
  if (!isEmpty) return null;
  return (
    <p data-testid="empty-state" className="rounded-lg border border-border bg-panel px-[0.8em] py-[0.4em] text-center text-muted">
      No visitors in the last 30 minutes
    </p>
  );
}
