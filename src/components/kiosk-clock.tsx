import { useMemo } from 'react';
import { useNowDerived } from '../lib/use-now';

/** The wall clock in the kiosk corner, in the dashboard's time zone and language. */
export function KioskClock({ lang, timezone }: { lang: string; timezone: string }) {
  // The minute, not the tick: the clock renders once a minute.
  const now = useNowDerived((t) => t - (t % 60_000));
  const format = useMemo(() => new Intl.DateTimeFormat(lang, { timeZone: timezone, hour: '2-digit', minute: '2-digit' }), [lang, timezone]);
  const date = new Date(now);
  return (
    <time data-testid="kiosk-clock" dateTime={date.toISOString()} className="font-semibold tabular-nums text-fg">
      {format.format(date)}
    </time>
  );
}
