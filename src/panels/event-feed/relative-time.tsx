import { useContext } from 'react';
import { formatAge } from '../../lib/format';
import { useNowDerived } from '../../lib/use-now';
import { ClockOffsetContext } from './feed-clock';

/** "10 s ago" for a server time, on the one shared clock (moved by each poll, 10 s steps). */
export function RelativeTime({ at, className = '' }: { at: number; className?: string }) {
  const offset = useContext(ClockOffsetContext);
  const label = useNowDerived((now) => formatAge(now - offset - at));
  return (
    <time dateTime={new Date(at).toISOString()} className={className}>
      {label}
    </time>
  );
}
