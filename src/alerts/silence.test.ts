import { describe, expect, test } from 'vitest';
import { parseRealtime, type RealtimeEvent } from '../api/realtime-schema';
import busyJson from '../test/fixtures/umami-3.1/realtime-busy.json';
import emptyJson from '../test/fixtures/umami-3.1/realtime-empty.json';
import { laterView, latestViewAt, silenceAt } from './silence';

const MINUTE = 60_000;
const busy = parseRealtime(busyJson);
const empty = parseRealtime(emptyJson);
const BERLIN = 'Europe/Berlin';
const NOW = Date.parse('2026-11-26T11:30:20.000Z');

const row = (type: RealtimeEvent['type'], createdAt: string, hostname: string | null = 'shop.example.com'): RealtimeEvent => ({
  id: `${type}|${createdAt}`,
  type,
  sessionId: 's',
  eventName: type === 'event' ? 'purchase' : null,
  createdAt: Date.parse(createdAt),
  browser: null,
  os: null,
  device: null,
  country: null,
  urlPath: '/',
  referrerDomain: null,
  hostname,
});

describe('latestViewAt', () => {
  test('the recorded busy answer: its newest page view row', () => {
    const newestView = Math.max(...busy.events.filter((e) => e.type === 'pageview').map((e) => e.createdAt));
    expect(latestViewAt({ events: busy.events, views: busy.series.views, timezone: BERLIN, now: busy.timestamp })).toBe(newestView);
  });

  test('the recorded empty answer: none', () => {
    expect(latestViewAt({ events: empty.events, views: empty.series.views, timezone: BERLIN, now: empty.timestamp })).toBeNull();
  });

  test.each<[string, RealtimeEvent[], { x: string; y: number }[], string | null]>([
    ['a page view row, to the millisecond', [row('pageview', '2026-11-26T11:20:05.123Z'), row('pageview', '2026-11-26T11:10:00.000Z')], [{ x: '2026-11-26 12:20:00', y: 1 }], '2026-11-26T11:20:05.123Z'],
    ['custom events and session rows are no views', [row('event', '2026-11-26T11:29:00.000Z'), row('session', '2026-11-26T11:28:00.000Z'), row('pageview', '2026-11-26T11:15:00.000Z')], [], '2026-11-26T11:15:00.000Z'],
    ['a performance beacon (no hostname) is no view', [row('pageview', '2026-11-26T11:29:00.000Z', null), row('pageview', '2026-11-26T11:12:00.000Z')], [], '2026-11-26T11:12:00.000Z'],
    // All of the newest 100 rows were custom events: the series still has the view, to the minute.
    ['no view row: the end of the last busy minute', [row('event', '2026-11-26T11:29:00.000Z')], [{ x: '2026-11-26 12:05:00', y: 3 }, { x: '2026-11-26 12:18:00', y: 2 }, { x: '2026-11-26 12:25:00', y: 0 }], '2026-11-26T11:19:00.000Z'],
    ['a busy current minute ends now, not in the future', [], [{ x: '2026-11-26 12:30:00', y: 1 }], '2026-11-26T11:30:20.000Z'],
    ['ISO buckets (timezone utc)', [], [{ x: '2026-11-26T11:18:00Z', y: 2 }], '2026-11-26T11:19:00.000Z'],
    ['unreadable buckets are skipped', [], [{ x: 'yesterday', y: 9 }], null],
  ])('%s', (_, events, views, expected) => {
    expect(latestViewAt({ events, views, timezone: BERLIN, now: NOW })).toBe(expected === null ? null : Date.parse(expected));
  });
});

describe('silenceAt', () => {
  test.each<[string, number | null, number, ReturnType<typeof silenceAt>]>([
    ['no view since the page opened: nothing to fall silent from', null, 15, { silent: false }],
    ['a view 14:59 ago', NOW - 15 * MINUTE + 1_000, 15, { silent: false }],
    ['a view exactly 15 minutes ago', NOW - 15 * MINUTE, 15, { silent: true, minutes: 15 }],
    ['a view 22.5 minutes ago', NOW - 22.5 * MINUTE, 15, { silent: true, minutes: 22 }],
    ['a view remembered from before the window', NOW - 45 * MINUTE, 30, { silent: true, minutes: 45 }],
    ['one minute is enough with silence=1', NOW - MINUTE, 1, { silent: true, minutes: 1 }],
  ])('%s', (_, lastViewAt, minutes, expected) => {
    expect(silenceAt(lastViewAt, NOW, minutes)).toEqual(expected);
  });

  test.each<[number | null, number | null, number | null]>([
    [null, null, null],
    [5, null, 5],
    [null, 7, 7],
    [5, 7, 7],
    [9, 7, 9],
  ])('laterView(%j, %j) → %j', (a, b, expected) => {
    expect(laterView(a, b)).toBe(expected);
  });
});
