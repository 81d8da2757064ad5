import { useEffect, useMemo, useState } from 'react';

const MINUTE_MS = 60_000;
const startOfMinute = (t: number) => t - (t % MINUTE_MS);

/**
 * The current minute, moved on by one timer at each minute boundary. Not the shared age clock
 * (use-now.ts): that one moves with the polls, in 10 s steps, and would show a new minute up to
 * one poll interval late.
 */
function useMinute(): number {
  const [minute, setMinute] = useState(() => startOfMinute(Date.now()));
  useEffect(() => {
    const timer = setTimeout(() => setMinute(startOfMinute(Date.now())), minute + MINUTE_MS - Date.now());
    return () => clearTimeout(timer);
  }, [minute]);
  return minute;
}

/** The wall clock in the kiosk corner, in the dashboard's time zone and language. */
export function KioskClock({ lang, timezone }: { lang: string; timezone: string }) {
  const minute = useMinute();
  const format = useMemo(() => new Intl.DateTimeFormat(lang, { timeZone: timezone, hour: '2-digit', minute: '2-digit' }), [lang, timezone]);
  const date = new Date(minute);
  return (
    <time data-testid="kiosk-clock" dateTime={date.toISOString()} className="font-semibold tabular-nums text-fg">
      {format.format(date)}
    </time>
  );
}
