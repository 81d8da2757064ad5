import { describe, expect, test } from 'vitest';
import { addDays, instantOf, offsetAt, periodWindow, sameTimeDaysEarlier, shiftedRealtimeWindow, startOfDay, wallClockAt, type Period } from './zoned-time';

// Expected instants are worked out by hand from each zone's rules (tzdata 2025):
// Berlin CET +1 / CEST +2, clocks forward 2026-03-29 01:00Z, back 2026-10-25 01:00Z;
// New York EST −5 / EDT −4, forward 2026-03-08 07:00Z, back 2026-11-01 06:00Z;
// Santiago −4 / −3, forward 2026-09-06 04:00Z (midnight → 01:00), back 2026-04-05 03:00Z
// (Sunday's midnight → Saturday 23:00); Kolkata +5:30 and Kathmandu +5:45 all year.

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const isoWindow = ({ startAt, endAt }: { startAt: number; endAt: number }) => [iso(startAt), iso(endAt)];

describe('instantOf: a local time → the instant, like Temporal’s "compatible"', () => {
  test.each([
    ['Europe/Berlin', '2026-01-15 12:00', '2026-01-15T11:00:00Z'],
    ['Europe/Berlin', '2026-07-15 12:00', '2026-07-15T10:00:00Z'],
    // Does not exist (02:00 → 03:00): moved forward by the hour the clocks skip.
    ['Europe/Berlin', '2026-03-29 02:30', '2026-03-29T01:30:00Z'],
    ['Europe/Berlin', '2026-03-29 03:00', '2026-03-29T01:00:00Z'],
    // Happens twice (03:00 → 02:00): the earlier one.
    ['Europe/Berlin', '2026-10-25 02:30', '2026-10-25T00:30:00Z'],
    ['Europe/Berlin', '2026-10-25 03:00', '2026-10-25T02:00:00Z'],
    ['America/New_York', '2026-03-08 02:15', '2026-03-08T07:15:00Z'],
    ['America/New_York', '2026-11-01 01:30', '2026-11-01T05:30:00Z'],
    ['Asia/Kolkata', '2026-12-06 00:00', '2026-12-05T18:30:00Z'],
    ['Asia/Kathmandu', '2026-12-06 00:00', '2026-12-05T18:15:00Z'],
    // Santiago skips its midnight: the day starts at 01:00.
    ['America/Santiago', '2026-09-06 00:00', '2026-09-06T04:00:00Z'],
    ['America/Santiago', '2026-04-04 23:30', '2026-04-05T02:30:00Z'],
    ['UTC', '2026-02-28 23:59', '2026-02-28T23:59:00Z'],
  ])('%s %s → %s', (zone, local, expected) => {
    const [date = '', time = ''] = local.split(' ');
    const [year, month, day] = date.split('-').map(Number);
    const [hour, minute] = time.split(':').map(Number);
    expect(iso(instantOf({ year: year ?? 0, month: month ?? 0, day: day ?? 0, hour: hour ?? 0, minute: minute ?? 0 }, zone))).toBe(expected);
  });
});

describe('wallClockAt and offsetAt', () => {
  test.each([
    ['Europe/Berlin', '2026-03-29T00:59:00Z', '2026-03-29 01:59', 60],
    ['Europe/Berlin', '2026-03-29T01:00:00Z', '2026-03-29 03:00', 120],
    ['America/New_York', '2026-11-01T05:59:00Z', '2026-11-01 01:59', -240],
    ['America/New_York', '2026-11-01T06:00:00Z', '2026-11-01 01:00', -300],
    ['Asia/Kathmandu', '2026-12-05T18:14:00Z', '2026-12-05 23:59', 345],
    ['America/Santiago', '2026-04-05T03:00:00Z', '2026-04-04 23:00', -240],
  ])('%s at %s: %s, UTC%+d min', (zone, instant, local, offsetMinutes) => {
    const w = wallClockAt(at(instant), zone);
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(`${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`).toBe(local);
    expect(offsetAt(at(instant), zone) / 60_000).toBe(offsetMinutes);
  });
});

test.each([
  [{ year: 2026, month: 3, day: 1, hour: 9, minute: 5 }, -1, { year: 2026, month: 2, day: 28, hour: 9, minute: 5 }],
  [{ year: 2028, month: 3, day: 1, hour: 9, minute: 5 }, -1, { year: 2028, month: 2, day: 29, hour: 9, minute: 5 }],
  [{ year: 2027, month: 1, day: 3, hour: 0, minute: 0 }, -7, { year: 2026, month: 12, day: 27, hour: 0, minute: 0 }],
])('addDays(%j, %i) rolls months and years over', (wall, days, expected) => {
  expect(addDays(wall, days)).toEqual(expected);
});

describe('startOfDay: the first instant of the local day', () => {
  test.each([
    ['Europe/Berlin', '2026-03-29T12:00:00Z', '2026-03-28T23:00:00Z'],
    ['Europe/Berlin', '2026-03-29T21:59:00Z', '2026-03-28T23:00:00Z'],
    ['Europe/Berlin', '2026-03-29T22:00:00Z', '2026-03-29T22:00:00Z'],
    ['Europe/Berlin', '2026-10-25T22:59:59Z', '2026-10-24T22:00:00Z'],
    ['Europe/Berlin', '2026-10-25T23:00:00Z', '2026-10-25T23:00:00Z'],
    ['America/New_York', '2026-12-05T21:00:00Z', '2026-12-05T05:00:00Z'],
    ['America/New_York', '2026-12-05T04:59:00Z', '2026-12-04T05:00:00Z'],
    ['Asia/Kolkata', '2026-12-05T20:00:00Z', '2026-12-05T18:30:00Z'],
    ['Asia/Kathmandu', '2026-12-05T18:14:59Z', '2026-12-04T18:15:00Z'],
    ['America/Santiago', '2026-09-06T15:00:00Z', '2026-09-06T04:00:00Z'],
    ['America/Santiago', '2026-04-05T03:30:00Z', '2026-04-04T03:00:00Z'],
    ['America/Santiago', '2026-04-05T04:00:00Z', '2026-04-05T04:00:00Z'],
  ])('%s at %s → %s', (zone, instant, expected) => {
    expect(iso(startOfDay(at(instant), zone))).toBe(expected);
  });

  test.each([
    ['Europe/Berlin', '2026-03-29T12:00:00Z', 23],
    ['Europe/Berlin', '2026-10-25T12:00:00Z', 25],
    ['Europe/Berlin', '2026-12-05T12:00:00Z', 24],
    ['America/New_York', '2026-03-08T12:00:00Z', 23],
    ['America/New_York', '2026-11-01T12:00:00Z', 25],
    ['America/Santiago', '2026-09-06T12:00:00Z', 23],
    ['America/Santiago', '2026-04-04T12:00:00Z', 25],
  ])('%s: the day of %s has %i hours', (zone, instant, hours) => {
    const start = startOfDay(at(instant), zone);
    const next = startOfDay(start + 30 * 3_600_000, zone);
    expect((next - start) / 3_600_000).toBe(hours);
  });
});

test.each([
  ['Europe/Berlin', '2026-03-30T10:00:00Z', 1, '2026-03-29T10:00:00Z'],
  ['Europe/Berlin', '2026-03-30T00:30:00Z', 1, '2026-03-29T01:30:00Z'],
  ['Europe/Berlin', '2026-10-26T01:30:00Z', 1, '2026-10-25T00:30:00Z'],
  ['Europe/Berlin', '2026-04-02T10:00:00Z', 7, '2026-03-26T11:00:00Z'],
  ['America/New_York', '2026-11-08T17:00:00Z', 7, '2026-11-01T17:00:00Z'],
])('sameTimeDaysEarlier: %s at %s, %i days earlier → %s', (zone, instant, days, expected) => {
  expect(iso(sameTimeDaysEarlier(at(instant), zone, days))).toBe(expected);
});

describe('periodWindow: local midnight of the day to the same local time, cut to the minute', () => {
  test.each<[string, string, Period, string, string]>([
    // Berlin's 23-hour day, and the days before it.
    ['Europe/Berlin', '2026-03-29T10:15:30Z', 'today', '2026-03-28T23:00:00Z', '2026-03-29T10:15:00Z'],
    ['Europe/Berlin', '2026-03-29T10:15:30Z', 'yesterday', '2026-03-27T23:00:00Z', '2026-03-28T11:15:00Z'],
    ['Europe/Berlin', '2026-03-29T10:15:30Z', 'lastweek', '2026-03-21T23:00:00Z', '2026-03-22T11:15:00Z'],
    // The day after: yesterday's 02:30 never happened, so yesterday runs to 03:30.
    ['Europe/Berlin', '2026-03-30T00:30:00Z', 'yesterday', '2026-03-28T23:00:00Z', '2026-03-29T01:30:00Z'],
    // Berlin's 25-hour day: today at the second 02:45 ends there; the day after, yesterday ends at the first 02:30.
    ['Europe/Berlin', '2026-10-25T01:45:10Z', 'today', '2026-10-24T22:00:00Z', '2026-10-25T01:45:00Z'],
    ['Europe/Berlin', '2026-10-26T01:30:00Z', 'yesterday', '2026-10-24T22:00:00Z', '2026-10-25T00:30:00Z'],
    ['Europe/Berlin', '2026-10-25T21:00:00Z', 'today', '2026-10-24T22:00:00Z', '2026-10-25T21:00:00Z'],
    ['America/New_York', '2026-12-05T21:00:59Z', 'today', '2026-12-05T05:00:00Z', '2026-12-05T21:00:00Z'],
    ['America/New_York', '2026-12-05T21:00:59Z', 'yesterday', '2026-12-04T05:00:00Z', '2026-12-04T21:00:00Z'],
    ['America/New_York', '2026-11-08T17:00:00Z', 'lastweek', '2026-11-01T04:00:00Z', '2026-11-01T17:00:00Z'],
    // Just after midnight: today is one minute long, last week's the same minute.
    ['America/New_York', '2026-12-05T05:01:00Z', 'today', '2026-12-05T05:00:00Z', '2026-12-05T05:01:00Z'],
    ['America/New_York', '2026-12-05T05:01:00Z', 'lastweek', '2026-11-28T05:00:00Z', '2026-11-28T05:01:00Z'],
    ['Asia/Kolkata', '2026-12-05T20:00:00Z', 'today', '2026-12-05T18:30:00Z', '2026-12-05T20:00:00Z'],
    ['Asia/Kolkata', '2026-12-05T20:00:00Z', 'yesterday', '2026-12-04T18:30:00Z', '2026-12-04T20:00:00Z'],
    ['Asia/Kathmandu', '2026-12-05T20:00:00Z', 'lastweek', '2026-11-28T18:15:00Z', '2026-11-28T20:00:00Z'],
    // Santiago: the day without a midnight starts at 01:00; the 25-hour day before the other change.
    ['America/Santiago', '2026-09-06T15:00:00Z', 'today', '2026-09-06T04:00:00Z', '2026-09-06T15:00:00Z'],
    ['America/Santiago', '2026-09-06T15:00:00Z', 'yesterday', '2026-09-05T04:00:00Z', '2026-09-05T16:00:00Z'],
    ['America/Santiago', '2026-09-07T04:30:00Z', 'yesterday', '2026-09-06T04:00:00Z', '2026-09-06T04:30:00Z'],
    ['America/Santiago', '2026-04-05T16:00:00Z', 'yesterday', '2026-04-04T03:00:00Z', '2026-04-04T15:00:00Z'],
    ['America/Santiago', '2026-04-11T16:00:00Z', 'lastweek', '2026-04-04T03:00:00Z', '2026-04-04T15:00:00Z'],
  ])('%s at %s, %s → %s … %s', (zone, now, period, start, end) => {
    expect(isoWindow(periodWindow(period, at(now), zone))).toEqual([start, end]);
  });
});

describe('shiftedRealtimeWindow: the live chart’s 31 minutes, days earlier at the same local time', () => {
  test.each([
    ['Europe/Berlin', '2026-12-05T17:41:39Z', 0, '2026-12-05T17:11:00.000Z', '2026-12-05T17:41:59.999Z'],
    ['Europe/Berlin', '2026-12-05T17:41:39Z', 1, '2026-12-04T17:11:00.000Z', '2026-12-04T17:41:59.999Z'],
    ['Europe/Berlin', '2026-12-05T17:41:39Z', 7, '2026-11-28T17:11:00.000Z', '2026-11-28T17:41:59.999Z'],
    // Today is summer time, yesterday was not: the same local 12:00 is an hour later in UTC.
    ['Europe/Berlin', '2026-03-29T10:30:00Z', 1, '2026-03-28T11:00:00.000Z', '2026-03-28T11:30:59.999Z'],
    // Yesterday's 02:30 did not exist: the window starts at 03:30 and still has 31 minutes.
    ['Europe/Berlin', '2026-03-30T01:00:00Z', 1, '2026-03-29T01:30:00.000Z', '2026-03-29T02:00:59.999Z'],
    ['America/New_York', '2026-11-08T17:30:00Z', 7, '2026-11-01T17:00:00.000Z', '2026-11-01T17:30:59.999Z'],
    ['Asia/Kathmandu', '2026-12-05T18:30:00Z', 1, '2026-12-04T18:00:00.000Z', '2026-12-04T18:30:59.999Z'],
  ])('%s at %s, %i days → %s … %s', (zone, now, days, start, end) => {
    const { startAt, endAt } = shiftedRealtimeWindow(days, at(now), zone);
    expect([new Date(startAt).toISOString(), new Date(endAt).toISOString()]).toEqual([start, end]);
  });
});
