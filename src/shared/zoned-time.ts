// Local days in an IANA zone with Intl alone, for the proxy (which sets the windows it asks Umami
// for) and the browser (which labels them). A day may have 23 or 25 hours, and in a few zones
// midnight itself does not exist; docs/decisions/0014 says how each case resolves. Browser and
// server alike: its one import is the shared wall-clock formatter cache.

import { wallClockFormatter } from './wall-clock.ts';

export const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** A local date and time to the minute; `month` 1–12. */
export type WallClock = { year: number; month: number; day: number; hour: number; minute: number };

export type TimeWindow = { startAt: number; endAt: number };

export const PERIODS = ['today', 'yesterday', 'lastweek'] as const;
export type Period = (typeof PERIODS)[number];
/** The periods the ghost line of the live chart can show (today's is the live series itself). */
export type PastPeriod = Exclude<Period, 'today'>;

/** How many local days before today each period is. */
export const PERIOD_DAYS: Record<Period, number> = { today: 0, yesterday: 1, lastweek: 7 };

/** The live chart's window: the current minute and the 30 before it. */
export const REALTIME_SLOTS = 31;

export function isPeriod(value: string): value is Period {
  return (PERIODS as readonly string[]).includes(value);
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const formatter = wallClockFormatter(timeZone);
  // Callers pass canonical zones only: an unknown one is a bug, as Intl itself would say.
  if (!formatter) throw new RangeError(`Invalid time zone: ${timeZone}`);
  return formatter;
}

function partsAt(ms: number, timeZone: string): WallClock & { second: number } {
  const clock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type in clock) clock[part.type as keyof typeof clock] = Number(part.value);
  }
  // Some ICU versions write midnight as 24 even with h23.
  if (clock.hour === 24) clock.hour = 0;
  return clock;
}

/** The local date and time (to the minute) at an instant. */
export function wallClockAt(ms: number, timeZone: string): WallClock {
  const { year, month, day, hour, minute } = partsAt(ms, timeZone);
  return { year, month, day, hour, minute };
}

/** Local time minus UTC at an instant, in ms (Berlin in summer: +7 200 000). */
export function offsetAt(ms: number, timeZone: string): number {
  const p = partsAt(ms, timeZone);
  const second = Math.floor(ms / 1000) * 1000;
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - second;
}

/** The wall clock as if it were UTC: a plain number to compare and to add days to. */
const asUtc = (w: WallClock) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);

/** The same local time `days` calendar days later (earlier when negative); the date rolls over months and years. */
export function addDays(wall: WallClock, days: number): WallClock {
  const d = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days, wall.hour, wall.minute));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

/**
 * The instant a local time names, resolved like Temporal's `compatible`: a time that happens
 * twice (clocks go back) is the earlier one; a time that does not exist (clocks go forward) is
 * moved forward by the length of the gap (02:30 on a spring-forward day in Berlin → 03:30).
 */
export function instantOf(wall: WallClock, timeZone: string): number {
  const local = asUtc(wall);
  // A zone changes its offset at most once within a day around any time (true of every zone today).
  const before = offsetAt(local - DAY_MS, timeZone);
  const after = offsetAt(local + DAY_MS, timeZone);
  const matches = [local - before, local - after].filter((t) => asUtc(wallClockAt(t, timeZone)) === local);
  if (matches.length > 0) return Math.min(...matches);
  return local - before;
}

/** The first instant of the local day that holds `ms` (local midnight, or the end of a gap over it). */
export function startOfDay(ms: number, timeZone: string): number {
  return instantOf({ ...wallClockAt(ms, timeZone), hour: 0, minute: 0 }, timeZone);
}

/** The same local time to the minute, `days` local days earlier (same resolution as instantOf). */
export function sameTimeDaysEarlier(ms: number, timeZone: string, days: number): number {
  return instantOf(addDays(wallClockAt(ms, timeZone), -days), timeZone);
}

/**
 * A period's day window, in Unix ms: from the start of the local day D (D = today, yesterday or
 * seven days ago) to the same local time on D as now, cut to the minute. Today's end is now cut
 * to the minute, so all three end at a whole minute and change once a minute.
 */
export function periodWindow(period: Period, now: number, timeZone: string): TimeWindow {
  const minute = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const days = PERIOD_DAYS[period];
  const wall = addDays(wallClockAt(minute, timeZone), -days);
  const startAt = instantOf({ ...wall, hour: 0, minute: 0 }, timeZone);
  const endAt = days === 0 ? minute : instantOf(wall, timeZone);
  return { startAt, endAt: Math.max(startAt, endAt) };
}

/**
 * The live chart's 31 minutes (the current minute and the 30 before it) as they were `days`
 * local days earlier: from the same local time as the first slot, 31 whole minutes, the last
 * millisecond included. Always 31 slots, so the ghost line lines up with the live one slot by
 * slot, even when one of the two windows crosses a clock change.
 */
export function shiftedRealtimeWindow(days: number, now: number, timeZone: string): TimeWindow {
  const first = Math.floor(now / MINUTE_MS) * MINUTE_MS - (REALTIME_SLOTS - 1) * MINUTE_MS;
  const startAt = sameTimeDaysEarlier(first, timeZone, days);
  return { startAt, endAt: startAt + REALTIME_SLOTS * MINUTE_MS - 1 };
}
