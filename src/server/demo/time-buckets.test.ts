import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { createBucketLabeler, parseUnit } from './time-buckets.ts';

type Series = { series: { views: { x: string; y: number }[] } };
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/umami-3.1/${name}`, import.meta.url), 'utf8')) as Series;

const at = Date.parse('2026-11-26T11:25:53.500Z');
const summer = Date.parse('2026-07-01T23:59:10.000Z');

test.each([
  ['no timezone', at, undefined, undefined, '2026-11-26T11:25:00Z'],
  ['null timezone', at, null, null, '2026-11-26T11:25:00Z'],
  ['empty timezone', at, '', undefined, '2026-11-26T11:25:00Z'],
  ['lowercase utc', at, 'utc', undefined, '2026-11-26T11:25:00Z'],
  ['uppercase UTC takes the zone branch', at, 'UTC', undefined, '2026-11-26 11:25:00'],
  ['Europe/Berlin in winter (UTC+1)', at, 'Europe/Berlin', 'minute', '2026-11-26 12:25:00'],
  ['Europe/Berlin in summer crosses midnight', summer, 'Europe/Berlin', undefined, '2026-07-02 01:59:00'],
  ['America/New_York', at, 'America/New_York', undefined, '2026-11-26 06:25:00'],
  ['Asia/Kolkata (half-hour offset)', at, 'Asia/Kolkata', undefined, '2026-11-26 16:55:00'],
  ['unit=hour in a zone', at, 'Europe/Berlin', 'hour', '2026-11-26 12:00:00'],
  ['unit=hour in a half-hour zone', at, 'Asia/Kolkata', 'hour', '2026-11-26 16:00:00'],
  ['unit=hour without a zone', at, undefined, 'hour', '2026-11-26T11:00:00Z'],
  ['unit=day', at, 'Europe/Berlin', 'day', '2026-11-26 00:00:00'],
  ['unit=month', at, 'Europe/Berlin', 'month', '2026-11-01 00:00:00'],
  ['unit=year', at, 'Europe/Berlin', 'year', '2026-01-01 00:00:00'],
  ['an unknown unit counts as minute', at, 'Europe/Berlin', 'fortnight', '2026-11-26 12:25:00'],
  ['an invalid zone falls back to UTC ISO', at, 'Mars/Olympus', undefined, '2026-11-26T11:25:00Z'],
  ['an invalid zone with unit=hour', at, 'Not A Zone', 'hour', '2026-11-26T11:00:00Z'],
])('%s', (_name, ms, timezone, unit, expected) => {
  expect(createBucketLabeler({ timezone, unit })(ms)).toBe(expected);
});

test('the same minute always gets the same label, the next minute a new one', () => {
  const label = createBucketLabeler({ timezone: 'Europe/Berlin' });
  const minute = Date.parse('2026-11-26T11:25:00.000Z');
  expect(label(minute)).toBe(label(minute + 59_999));
  expect(label(minute + 60_000)).toBe('2026-11-26 12:26:00');
});

test('relabels the recorded no-timezone series exactly as Umami did for Berlin and unit=hour', () => {
  const utc = fixture('realtime-busy-no-timezone.json').series.views;
  const berlin = fixture('realtime-busy.json').series.views;
  const hourly = fixture('realtime-busy-unit-hour.json').series.views;
  const minutes = utc.map((point) => Date.parse(point.x));

  expect(minutes.map(createBucketLabeler({}))).toEqual(utc.map((p) => p.x));
  expect(minutes.map(createBucketLabeler({ timezone: 'Europe/Berlin' }))).toEqual(berlin.map((p) => p.x));
  const hourLabels = new Set(minutes.map(createBucketLabeler({ timezone: 'Europe/Berlin', unit: 'hour' })));
  expect([...hourLabels]).toEqual(hourly.map((p) => p.x));
});

test.each([
  ['minute', 'minute'],
  ['hour', 'hour'],
  [null, 'minute'],
  ['HOUR', 'minute'],
])('parseUnit(%s) is %s', (input, expected) => {
  expect(parseUnit(input)).toBe(expected);
});
