// Series bucket labels exactly as Umami 3.1 writes them (see the fixture README):
// - timezone missing, empty or lowercase `utc`: ISO with a literal Z, "2026-11-26T11:25:00Z";
// - any other zone (uppercase `UTC` included): local wall-clock time, "2026-11-26 12:25:00";
// - `unit` truncates the wall-clock time (PostgreSQL date_trunc in that zone), so
//   unit=hour gives "2026-11-26 12:00:00".
// An unknown zone makes real Umami answer 500; the demo prefers a sensible answer and falls
// back to the ISO form (the proxy rejects bad zones before they get here anyway).

import { wallClockFormatter } from '../../shared/wall-clock.ts';

export type BucketUnit = 'minute' | 'hour' | 'day' | 'month' | 'year';

const UNITS: readonly BucketUnit[] = ['minute', 'hour', 'day', 'month', 'year'];

export function parseUnit(unit: string | null | undefined): BucketUnit {
  return UNITS.find((u) => u === unit) ?? 'minute';
}

type WallClock = { year: number; month: number; day: number; hour: number; minute: number };

function utcClock(ms: number): WallClock {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

function zonedClock(formatter: Intl.DateTimeFormat, ms: number): WallClock {
  const clock: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0 };
  for (const part of formatter.formatToParts(ms)) {
    if (part.type === 'year' || part.type === 'month' || part.type === 'day' || part.type === 'hour' || part.type === 'minute') {
      clock[part.type] = Number(part.value);
    }
  }
  return clock;
}

function truncate(clock: WallClock, unit: BucketUnit): WallClock {
  switch (unit) {
    case 'minute':
      return clock;
    case 'hour':
      return { ...clock, minute: 0 };
    case 'day':
      return { ...clock, hour: 0, minute: 0 };
    case 'month':
      return { ...clock, day: 1, hour: 0, minute: 0 };
    case 'year':
      return { ...clock, month: 1, day: 1, hour: 0, minute: 0 };
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function label(clock: WallClock, iso: boolean): string {
  const date = `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}`;
  const time = `${pad(clock.hour)}:${pad(clock.minute)}:00`;
  return iso ? `${date}T${time}Z` : `${date} ${time}`;
}

/**
 * A function from Unix ms to the bucket label for one request. Zone offsets are whole
 * minutes, so the wall clock is looked up once per UTC minute and memoised for the request.
 */
export function createBucketLabeler(query: { timezone?: string | null; unit?: string | null }): (ms: number) => string {
  const unit = parseUnit(query.unit);
  const zone = query.timezone ?? '';
  const formatter = zone === '' || zone === 'utc' ? null : wallClockFormatter(zone);
  const iso = formatter === null;
  const byMinute = new Map<number, string>();
  return (ms) => {
    const minute = Math.floor(ms / 60_000);
    let text = byMinute.get(minute);
    if (text === undefined) {
      const start = minute * 60_000;
      text = label(truncate(formatter ? zonedClock(formatter, start) : utcClock(start), unit), iso);
      byMinute.set(minute, text);
    }
    return text;
  };
}
