import { describe, expect, test } from 'vitest';
import { parseRealtime } from '../../api/realtime-schema';
import busyJson from '../../test/fixtures/umami-3.1/realtime-busy.json';
import noTimezoneJson from '../../test/fixtures/umami-3.1/realtime-busy-no-timezone.json';
import unitHourJson from '../../test/fixtures/umami-3.1/realtime-busy-unit-hour.json';
import emptyJson from '../../test/fixtures/umami-3.1/realtime-empty.json';
import {
  WINDOW_MINUTES,
  buildSeries,
  describeSeries,
  formatMinute,
  ghostViews,
  parseBucket,
  type SeriesInput,
  type SeriesPoint,
} from './series-data';

const busy = parseRealtime(busyJson);
const noTimezone = parseRealtime(noTimezoneJson);
const unitHour = parseRealtime(unitHourJson);
const empty = parseRealtime(emptyJson);
// The capture time of realtime-busy.json: 2026-11-26T11:25:57.741Z (12:25:57 in Berlin).
const NOW = busy.timestamp;
const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';

const utc = (iso: string) => Date.parse(iso);
const at = (points: SeriesPoint[], label: string) => points.find((p) => p.label === label);
const values = (points: SeriesPoint[]) => points.map(({ t, views, visitors }) => ({ t, views, visitors }));

const berlinSeries = buildSeries(busy.series, { requestedTimezone: BERLIN, displayTimezone: BERLIN, now: NOW, lang: 'en' });

describe('parseBucket', () => {
  test.each([
    // Umami's two formats for the same minute.
    ['2026-11-26 12:25:00', BERLIN, '2026-11-26T11:25:00Z'],
    ['2026-11-26T11:25:00Z', BERLIN, '2026-11-26T11:25:00Z'],
    ['2026-11-26T11:25:00Z', NEW_YORK, '2026-11-26T11:25:00Z'],
    ['2026-11-26 06:25:00', NEW_YORK, '2026-11-26T11:25:00Z'],
    // timezone=UTC (upper case) takes Umami's wall-clock branch: no Z, but UTC.
    ['2026-11-26 11:25:00', 'UTC', '2026-11-26T11:25:00Z'],
    ['2026-11-26 12:00:00', BERLIN, '2026-11-26T11:00:00Z'],
    ['2026-11-26T12:25:00+01:00', NEW_YORK, '2026-11-26T11:25:00Z'],
    ['2026-11-26T12:25:00.000+0100', NEW_YORK, '2026-11-26T11:25:00Z'],
    ['2026-11-26 12:25', BERLIN, '2026-11-26T11:25:00Z'],
    [' 2026-11-26 12:25:00 ', BERLIN, '2026-11-26T11:25:00Z'],
    // Summer time in Berlin is UTC+2.
    ['2026-07-01 12:00:00', BERLIN, '2026-07-01T10:00:00Z'],
    // Europe/Berlin spring forward, 2026-03-29 02:00 → 03:00 (01:00Z).
    ['2026-03-29 01:59:00', BERLIN, '2026-03-29T00:59:00Z'],
    ['2026-03-29 03:00:00', BERLIN, '2026-03-29T01:00:00Z'],
    ['2026-03-29 02:30:00', BERLIN, '2026-03-29T01:30:00Z'], // does not exist: moved forward to 03:30
    ['2026-03-29 02:00:00', BERLIN, '2026-03-29T01:00:00Z'], // does not exist: 03:00
    // Europe/Berlin fall back, 2026-10-25 03:00 → 02:00 (01:00Z): 02:xx happens twice.
    ['2026-10-25 01:59:00', BERLIN, '2026-10-24T23:59:00Z'],
    ['2026-10-25 02:30:00', BERLIN, '2026-10-25T00:30:00Z'], // ambiguous: the earlier (CEST) one
    ['2026-10-25 02:00:00', BERLIN, '2026-10-25T00:00:00Z'],
    ['2026-10-25 02:59:00', BERLIN, '2026-10-25T00:59:00Z'],
    ['2026-10-25 03:00:00', BERLIN, '2026-10-25T02:00:00Z'],
    // America/New_York: 2026-03-08 02:00 → 03:00 (07:00Z) and 2026-11-01 02:00 → 01:00 (06:00Z).
    ['2026-03-08 01:59:00', NEW_YORK, '2026-03-08T06:59:00Z'],
    ['2026-03-08 02:30:00', NEW_YORK, '2026-03-08T07:30:00Z'], // gap: 03:30 EDT
    ['2026-03-08 03:00:00', NEW_YORK, '2026-03-08T07:00:00Z'],
    ['2026-11-01 01:30:00', NEW_YORK, '2026-11-01T05:30:00Z'], // ambiguous: the earlier (EDT) one
    ['2026-11-01 02:00:00', NEW_YORK, '2026-11-01T07:00:00Z'],
    // A zone the engine does not know is read as UTC rather than throwing.
    ['2026-11-26 11:25:00', 'Mars/Olympus', '2026-11-26T11:25:00Z'],
  ])('%j in %s → %s', (x, zone, expected) => {
    expect(parseBucket(x, zone)).toBe(utc(expected));
  });

  test.each([
    [''],
    ['yesterday'],
    ['NaN'],
    ['12:25'],
    ['2026-11-26'],
    ['2026-13-01 00:00:00'],
    ['2026-02-30 12:00:00'],
    ['2026-11-26 24:00:00'],
    ['2026-11-26 12:60:00'],
    ['2026-11-26T11:25:00Zjunk'],
    ['2026/11/26 12:25:00'],
  ])('%j is not a bucket', (x) => {
    expect(parseBucket(x, BERLIN)).toBeNull();
  });
});

describe('wall-clock buckets in zones with odd offsets and DST', () => {
  test.each([
    ['Asia/Kolkata', '2026-11-26 16:55:00', '2026-11-26T11:25:00Z'],
    ['Australia/Lord_Howe', '2026-10-04 02:15:00', '2026-10-03T15:45:00Z'], // 30-minute DST gap: 02:00 → 02:30
    ['Australia/Lord_Howe', '2026-04-05 01:45:00', '2026-04-04T14:45:00Z'], // ambiguous 01:30–02:00: earlier (+11)
    ['Pacific/Apia', '2026-11-26 00:00:00', '2026-11-25T11:00:00Z'],
    ['Europe/Berlin', '2026-11-26 12:25:30', '2026-11-26T11:25:30Z'], // seconds kept
    ['Not/A_Zone', '2026-11-26 12:25:00', '2026-11-26T12:25:00Z'], // a zone Intl rejects reads as UTC
  ])('%s: %s → %s', (zone, bucket, expected) => {
    expect(parseBucket(bucket, zone)).toBe(utc(expected));
  });
});

describe('buildSeries', () => {
  test('Berlin wall-clock fixture: 30 minutes ending at the current one, labelled in Berlin', () => {
    expect(berlinSeries).toHaveLength(WINDOW_MINUTES);
    expect(berlinSeries[0]).toEqual({ t: utc('2026-11-26T10:56:00Z'), label: '11:56', views: 0, visitors: 0 });
    expect(berlinSeries.at(-1)).toEqual({ t: utc('2026-11-26T11:25:00Z'), label: '12:25', views: 8, visitors: 4 });
    expect(at(berlinSeries, '11:57')).toMatchObject({ views: 1, visitors: 1 });
    expect(at(berlinSeries, '12:14')).toMatchObject({ views: 6, visitors: 3 });
    // Consecutive minutes, no gaps, no repeats.
    expect(berlinSeries.every((p, i) => i === 0 || p.t - berlinSeries[i - 1]!.t === 60_000)).toBe(true);
    // Every bucket Umami sent lies inside the window, so nothing is lost.
    expect(berlinSeries.reduce((sum, p) => sum + p.views, 0)).toBe(busy.totals.views);
    expect(berlinSeries.reduce((sum, p) => sum + p.visitors, 0)).toBe(busy.totals.visitors);
  });

  test('the minute Umami left out (12:24) is zero-filled', () => {
    expect(busy.series.views.some((p) => p.x.includes('12:24'))).toBe(false);
    expect(at(berlinSeries, '12:24')).toEqual({ t: utc('2026-11-26T11:24:00Z'), label: '12:24', views: 0, visitors: 0 });
  });

  test('ISO-Z fixture (no timezone requested) gives the same instants and values as the Berlin one', () => {
    const fromIso = buildSeries(noTimezone.series, { requestedTimezone: 'UTC', displayTimezone: BERLIN, now: NOW, lang: 'en' });
    expect(fromIso).toEqual(berlinSeries);
    // Whatever zone we thought we had requested: Z strings are absolute.
    expect(buildSeries(noTimezone.series, { requestedTimezone: NEW_YORK, displayTimezone: BERLIN, now: NOW, lang: 'en' })).toEqual(berlinSeries);
  });

  test('New York wall-clock buckets land on the same instants', () => {
    // Umami relabels the same buckets 05:57…06:25 for America/New_York (UTC−5 in November).
    const toNewYork = (x: string) => {
      const instant = parseBucket(x, BERLIN)!;
      return new Date(instant - 5 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
    };
    const nySeries: SeriesInput = {
      views: busy.series.views.map((p) => ({ x: toNewYork(p.x), y: p.y })),
      visitors: busy.series.visitors.map((p) => ({ x: toNewYork(p.x), y: p.y })),
    };
    expect(nySeries.views.at(-1)?.x).toBe('2026-11-26 06:25:00');
    const points = buildSeries(nySeries, { requestedTimezone: NEW_YORK, displayTimezone: NEW_YORK, now: NOW, lang: 'en' });
    expect(values(points)).toEqual(values(berlinSeries));
    expect(points[0]?.label).toBe('05:56');
    expect(points.at(-1)?.label).toBe('06:25');
  });

  test.each([
    [BERLIN, '11:56', '12:25'],
    [NEW_YORK, '05:56', '06:25'],
    ['Asia/Kolkata', '16:26', '16:55'],
    ['UTC', '10:56', '11:25'],
  ])('requested Berlin, displayed in %s: labels %s … %s, same values', (displayTimezone, first, last) => {
    const points = buildSeries(busy.series, { requestedTimezone: BERLIN, displayTimezone, now: NOW, lang: 'en' });
    expect(values(points)).toEqual(values(berlinSeries));
    expect(points[0]?.label).toBe(first);
    expect(points.at(-1)?.label).toBe(last);
  });

  test.each([
    ['the empty fixture', empty.series],
    ['no series keys', { views: [], visitors: [] }],
  ])('%s: 30 zeros', (_name, series) => {
    const points = buildSeries(series, { requestedTimezone: BERLIN, displayTimezone: BERLIN, now: NOW, lang: 'en' });
    expect(points).toHaveLength(30);
    expect(points.every((p) => p.views === 0 && p.visitors === 0)).toBe(true);
    expect(points[0]?.label).toBe('11:56');
    expect(points.at(-1)?.label).toBe('12:25');
  });

  test('unit=hour-looking input is tolerated: read as instants, the one in the window kept', () => {
    // "11:00" Berlin (10:00Z) is before the window; "12:00" Berlin (11:00Z) is inside it.
    const points = buildSeries(unitHour.series, { requestedTimezone: BERLIN, displayTimezone: BERLIN, now: NOW, lang: 'en' });
    expect(points).toHaveLength(30);
    expect(at(points, '12:00')).toMatchObject({ views: 90, visitors: 12 });
    expect(points.reduce((sum, p) => sum + p.views, 0)).toBe(90);
  });

  test('buckets outside the window are dropped; duplicates and equal instants are summed', () => {
    const series: SeriesInput = {
      views: [
        { x: '2026-11-26 11:55:00', y: 50 }, // one minute too old (Umami's own window starts here)
        { x: '2026-11-26 12:26:00', y: 70 }, // the future
        { x: '2026-11-26 12:20:00', y: 2 },
        { x: '2026-11-26 12:20:00', y: 3 },
        { x: '2026-11-26T11:20:00Z', y: 4 }, // the same minute, written the other way
        { x: '2026-11-26 12:21:30', y: 1 }, // seconds: still minute 12:21
      ],
      visitors: [{ x: '2026-11-26 12:20:00', y: 1 }],
    };
    const points = buildSeries(series, { requestedTimezone: BERLIN, displayTimezone: BERLIN, now: NOW, lang: 'en' });
    expect(at(points, '12:20')).toMatchObject({ views: 9, visitors: 1 });
    expect(at(points, '12:21')).toMatchObject({ views: 1 });
    expect(points.reduce((sum, p) => sum + p.views, 0)).toBe(10);
  });

  test('garbage x strings and y values are ignored without throwing', () => {
    const series: SeriesInput = {
      views: [
        { x: 'garbage', y: 5 },
        { x: '', y: 5 },
        { x: '2026-02-30 12:00:00', y: 5 },
        { x: '2026-11-26 12:20:00', y: Number.NaN },
        { x: '2026-11-26 12:20:00', y: -3 },
        { x: '2026-11-26 12:20:00', y: Number.POSITIVE_INFINITY },
        { x: '2026-11-26 12:21:00', y: 2 },
        { x: 42 as unknown as string, y: 5 },
      ],
      visitors: [{ x: '12:21', y: 1 }],
    };
    const points = buildSeries(series, { requestedTimezone: BERLIN, displayTimezone: BERLIN, now: NOW, lang: 'en' });
    expect(points).toHaveLength(30);
    expect(points.reduce((sum, p) => sum + p.views + p.visitors, 0)).toBe(2);
    expect(at(points, '12:21')?.views).toBe(2);
  });

  test('Europe/Berlin spring forward: 01:59 is followed by 03:00, the gap time moves forward', () => {
    const now = utc('2026-03-29T01:10:30Z'); // 03:10:30 CEST
    const series: SeriesInput = {
      views: [
        { x: '2026-03-29 01:59:00', y: 1 },
        { x: '2026-03-29 03:00:00', y: 2 },
        { x: '2026-03-29 02:05:00', y: 4 }, // never happened: read as 03:05
      ],
      visitors: [],
    };
    const points = buildSeries(series, { requestedTimezone: BERLIN, displayTimezone: BERLIN, now, lang: 'en' });
    const labels = points.map((p) => p.label);
    expect(labels.slice(17, 21)).toEqual(['01:58', '01:59', '03:00', '03:01']);
    expect(labels.at(-1)).toBe('03:10');
    expect(at(points, '01:59')?.views).toBe(1);
    expect(at(points, '03:00')?.views).toBe(2);
    expect(at(points, '03:05')?.views).toBe(4);
  });

  test('Europe/Berlin fall back: 02:59 CEST is followed by 02:00 CET; an ambiguous label maps to the earlier one', () => {
    const now = utc('2026-10-25T01:20:00Z'); // 02:20 CET, the second time round
    const series: SeriesInput = { views: [{ x: '2026-10-25 02:55:00', y: 3 }], visitors: [] };
    const points = buildSeries(series, { requestedTimezone: BERLIN, displayTimezone: BERLIN, now, lang: 'en' });
    expect(points).toHaveLength(30);
    expect(points.map((p) => p.label).slice(8, 10)).toEqual(['02:59', '02:00']);
    expect(points[4]).toEqual({ t: utc('2026-10-25T00:55:00Z'), label: '02:55', views: 3, visitors: 0 });
  });

  test('America/New_York fall back, requested in New York and shown in UTC', () => {
    const now = utc('2026-11-01T06:10:00Z'); // 01:10 EST, after the change
    const series: SeriesInput = {
      views: [
        { x: '2026-11-01 01:45:00', y: 2 }, // ambiguous: 05:45Z (EDT)
        { x: '2026-11-01T06:05:00Z', y: 1 },
      ],
      visitors: [],
    };
    const points = buildSeries(series, { requestedTimezone: NEW_YORK, displayTimezone: 'UTC', now, lang: 'en' });
    expect(at(points, '05:45')?.views).toBe(2);
    expect(at(points, '06:05')?.views).toBe(1);
  });

  test('labels are HH:mm in 24-hour form even for a 12-hour locale', () => {
    expect(formatMinute(utc('2026-11-26T13:05:00Z'), 'UTC', 'en-US')).toBe('13:05');
    expect(formatMinute(utc('2026-11-26T00:05:00Z'), 'UTC', 'en-US')).toBe('00:05');
    expect(formatMinute(utc('2026-11-26T13:05:00Z'), 'UTC', 'not a locale!')).toBe('13:05');
  });

  test('an unusable now gives no points rather than NaN buckets', () => {
    expect(buildSeries(busy.series, { requestedTimezone: BERLIN, displayTimezone: BERLIN, now: Number.NaN, lang: 'en' })).toEqual([]);
  });
});

describe('describeSeries', () => {
  const format = (n: number) => new Intl.NumberFormat('en').format(n);
  test.each([
    ['busy', berlinSeries, 'Views and visitors per minute, last 30 minutes: 96 views; busiest minute 12:25 with 8 views and 4 visitors.'],
    [
      'empty',
      buildSeries(empty.series, { requestedTimezone: BERLIN, displayTimezone: BERLIN, now: NOW, lang: 'en' }),
      'Views and visitors per minute, last 30 minutes: no views.',
    ],
  ])('%s', (_name, points, expected) => {
    expect(describeSeries(points, format)).toBe(expected);
  });
});

describe('ghostViews', () => {
  const MINUTE = 60_000;
  const berlin = (now: number) => buildSeries({ views: [], visitors: [] }, { requestedTimezone: BERLIN, displayTimezone: BERLIN, now, lang: 'en' });
  const zeros = (n: number) => Array.from({ length: n }, () => 0);

  test.each<{ name: string; now: number; pageviews: { x: string; y: number }[]; coveredUntil: number; expected: (number | null)[] }>([
    {
      name: "yesterday's minutes under today's with the same wall-clock time; missing minutes are 0",
      now: NOW, // 12:25:57 in Berlin: the chart shows 11:56 … 12:25
      pageviews: [
        { x: '2026-11-25 11:55:00', y: 9 }, // before the chart's first minute
        { x: '2026-11-25 11:56:00', y: 2 },
        { x: '2026-11-25 12:00:00', y: 3 },
        { x: '2026-11-25 12:25:00', y: 5 },
        { x: 'not a date', y: 4 },
      ],
      coveredUntil: NOW,
      expected: [2, 0, 0, 0, 3, ...zeros(24), 5],
    },
    {
      name: 'minutes after the one it was fetched in are null: the line ends, it does not drop to 0',
      now: NOW,
      pageviews: [{ x: '2026-11-25 12:00:00', y: 3 }],
      coveredUntil: NOW - 2 * MINUTE, // fetched at 12:23:57
      expected: [...zeros(4), 3, ...zeros(23), null, null],
    },
    {
      name: 'a 25-hour day (Berlin leaves summer time on 25 October): 09:10 yesterday sits under 09:10 today, not 08:10',
      now: utc('2026-10-25T08:10:30Z'), // 09:10:30 CET
      pageviews: [
        { x: '2026-10-24 09:10:00', y: 7 }, // 07:10 UTC, 25 hours earlier
        { x: '2026-10-24 08:40:00', y: 1 }, // before the chart's first minute, 08:41
      ],
      coveredUntil: utc('2026-10-25T08:10:30Z'),
      expected: [...zeros(29), 7],
    },
  ])('$name', ({ now, pageviews, coveredUntil, expected }) => {
    expect(ghostViews(berlin(now), pageviews, { requestedTimezone: BERLIN, coveredUntil })).toEqual(expected);
  });

  test('the text alternative adds the earlier day', () => {
    const format = (n: number) => String(n);
    expect(describeSeries(berlinSeries, format, { label: 'Yesterday', views: [1, 2, null] })).toMatch(/ Yesterday, the same minutes: 3 views\.$/);
  });
});
