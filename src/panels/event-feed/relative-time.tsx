import { useContext } from 'react';
import { formatAge } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { ClockOffsetContext } from './feed-clock';

/** "12 s ago" for a server time, ticking on the one shared 1 s timer. */
export function RelativeTime({ at, className = '' }: { at: number; className?: string }) {
  const now = useNow();
  const offset = useContext(ClockOffsetContext);
  return (
    <time dateTime={new Date(at).toISOString()} className={className}>
      {formatAge(now - offset - at)}
    </time>
  );
}
