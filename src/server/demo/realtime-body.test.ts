import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { realtimeInvariantViolations } from './invariants.ts';
import { buildRealtimeBody, windowStart, type UmamiRealtimeBody } from './realtime-body.ts';
import type { DemoRow, DemoSession } from './traffic.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/umami-3.1/${name}`, import.meta.url), 'utf8')) as UmamiRealtimeBody;

const HOST = 'shop.demo.example';
const NOW = Date.parse('2026-11-26T12:00:30.000Z');
const ms = (iso: string) => Date.parse(iso);
const id = (n: number) => `00000000-0000-5000-8000-${String(n).padStart(12, '0')}`;

/** [time, path, eventName?, referrer?] */
type RowSpec = [string, string, (string | null)?, (string | null)?];

function session(n: number, country: string | null, rows: RowSpec[]): DemoSession {
  return {
    id: id(n),
    hostname: HOST,
    browser: 'chrome',
    os: 'Windows 10',
    device: 'laptop',
    country,
    rows: rows.map(
      ([iso, urlPath, eventName = null, referrerDomain = null]): DemoRow => ({ t: ms(iso), urlPath, eventName, referrerDomain }),
    ),
  };
}

/** A session with `count` pageviews one second apart, starting at `startIso`. */
function longSession(n: number, startIso: string, count: number): DemoSession {
  const start = ms(startIso);
  const rows: RowSpec[] = Array.from({ length: count }, (_, i) => [new Date(start + i * 1000).toISOString(), `/p${i % 5}`, null, HOST]);
  return session(n, 'DE', rows);
}

test('no traffic gives exactly the recorded empty body', () => {
  const empty = fixture('realtime-empty.json');
  expect(buildRealtimeBody([], NOW, { timezone: 'Europe/Berlin' })).toEqual({ ...empty, timestamp: NOW });
  expect(JSON.stringify(buildRealtimeBody([], empty.timestamp, {}))).toBe(JSON.stringify(empty));
});

test('the window is the start of the minute minus 30 minutes up to now, nothing from the future', () => {
  expect(new Date(windowStart(NOW)).toISOString()).toBe('2026-11-26T11:30:00.000Z');
  const body = buildRealtimeBody(
    [
      session(1, 'DE', [
        ['2026-11-26T11:29:59.999Z', '/too-old'],
        ['2026-11-26T11:30:00.000Z', '/first'],
        ['2026-11-26T12:00:30.000Z', '/now'],
        ['2026-11-26T12:00:30.001Z', '/future'],
      ]),
    ],
    NOW,
    {},
  );
  expect(Object.keys(body.urls).sort()).toEqual(['/first', '/now']);
  expect(body.series.views).toEqual([
    { x: '2026-11-26T11:30:00Z', y: 1 },
    { x: '2026-11-26T12:00:00Z', y: 1 },
  ]);
});

test('events: newest first, capped at 100 raw rows plus one session row per session', () => {
  // 3 sessions × 60 pageviews: 180 rows in the window, only the newest 100 are listed.
  const sessions = [
    longSession(1, '2026-11-26T11:40:00.000Z', 60),
    longSession(2, '2026-11-26T11:50:00.000Z', 60),
    longSession(3, '2026-11-26T11:59:00.000Z', 60),
  ];
  const body = buildRealtimeBody(sessions, NOW, {});
  const raw = body.events.filter((e) => e.__type !== 'session');
  expect(raw).toHaveLength(100);
  expect(body.events).toHaveLength(102); // sessions 3 and 2 only: session 1's rows are all older
  expect(raw[0]?.createdAt).toBe('2026-11-26T11:59:59.000Z');
  expect(raw.at(-1)?.createdAt).toBe('2026-11-26T11:50:20.000Z');
  // The series and totals.views are not capped: all 180 pageviews count.
  expect(body.totals.views).toBe(180);
  expect(Object.values(body.urls).reduce((a, b) => a + b, 0)).toBe(100);
  expect(realtimeInvariantViolations(body)).toEqual([]);
});

test('the session row copies the oldest listed row of its session, eventName included, right after it', () => {
  const body = buildRealtimeBody(
    [
      session(1, 'DE', [
        ['2026-11-26T11:50:00.000Z', '/products', 'outbound-link-click'],
        ['2026-11-26T11:51:00.000Z', '/cart', null, HOST],
      ]),
      session(2, 'US', [
        ['2026-11-26T11:49:00.000Z', '/', null, 'google.com'],
        ['2026-11-26T11:52:00.000Z', '/pricing', null, HOST],
      ]),
    ],
    NOW,
    {},
  );
  expect(body.events.map((e) => [e.__type, e.sessionId, e.urlPath, e.eventName])).toEqual([
    ['pageview', id(2), '/pricing', null],
    ['pageview', id(1), '/cart', null],
    ['event', id(1), '/products', 'outbound-link-click'],
    ['session', id(1), '/products', 'outbound-link-click'],
    ['pageview', id(2), '/', null],
    ['session', id(2), '/', null],
  ]);
  expect(body.events[3]).toEqual({ ...body.events[2], __type: 'session' });
  expect(body.events[0]).toEqual({
    __type: 'pageview',
    sessionId: id(2),
    eventName: null,
    createdAt: '2026-11-26T11:52:00.000Z',
    browser: 'chrome',
    os: 'Windows 10',
    device: 'laptop',
    country: 'US',
    urlPath: '/pricing',
    referrerDomain: HOST,
    hostname: HOST,
  });
});

test('lists count the capped rows: countries by session (null skipped), urls by row, referrers with the own domain', () => {
  const body = buildRealtimeBody(
    [
      session(1, 'DE', [
        ['2026-11-26T11:40:00.000Z', '/', null, 'google.com'],
        ['2026-11-26T11:41:00.000Z', '/products', null, HOST],
        ['2026-11-26T11:41:30.000Z', '/products', 'add-to-cart'],
      ]),
      session(2, 'DE', [['2026-11-26T11:42:00.000Z', '/', null, null]]),
      session(3, null, [['2026-11-26T11:43:00.000Z', '/', null, 't.co']]),
      session(4, 'JP', [['2026-11-26T11:44:00.000Z', '/about', null, HOST]]),
    ],
    NOW,
    {},
  );
  expect(body.countries).toEqual({ DE: 2, JP: 1 });
  expect(body.urls).toEqual({ '/': 3, '/products': 2, '/about': 1 });
  expect(body.referrers).toEqual({ [HOST]: 2, 'google.com': 1, 't.co': 1 });
  expect(body.totals).toEqual({ views: 5, visitors: 5, events: 1, countries: 2 });
});

test('series: minutes without pageviews are omitted, custom events never make a bucket', () => {
  const body = buildRealtimeBody(
    [
      session(1, 'DE', [
        ['2026-11-26T11:40:10.000Z', '/'],
        ['2026-11-26T11:40:50.000Z', '/products'],
        ['2026-11-26T11:41:05.000Z', '/cart'],
        ['2026-11-26T11:50:00.000Z', '/cart', 'purchase'],
      ]),
      session(2, 'US', [
        ['2026-11-26T11:40:30.000Z', '/'],
        ['2026-11-26T11:45:00.000Z', '/docs'],
      ]),
    ],
    NOW,
    { timezone: 'Europe/Berlin' },
  );
  expect(body.series).toEqual({
    views: [
      { x: '2026-11-26 12:40:00', y: 3 },
      { x: '2026-11-26 12:41:00', y: 1 },
      { x: '2026-11-26 12:45:00', y: 1 },
    ],
    visitors: [
      { x: '2026-11-26 12:40:00', y: 2 },
      { x: '2026-11-26 12:41:00', y: 1 },
      { x: '2026-11-26 12:45:00', y: 1 },
    ],
  });
  // Visitors are distinct sessions per bucket, summed: session 1 counts in two minutes.
  expect(body.totals).toMatchObject({ views: 5, visitors: 4, events: 1 });
});

test.each([
  ['minute buckets overcount visitors', 'minute', 4],
  ['one hour bucket counts each session once', 'hour', 2],
])('%s', (_name, unit, visitors) => {
  const sessions = [
    session(1, 'DE', [
      ['2026-11-26T11:40:00.000Z', '/'],
      ['2026-11-26T11:41:00.000Z', '/a'],
      ['2026-11-26T11:42:00.000Z', '/b'],
    ]),
    session(2, 'US', [['2026-11-26T11:40:30.000Z', '/']]),
  ];
  const body = buildRealtimeBody(sessions, NOW, { timezone: 'Europe/Berlin', unit });
  expect(body.totals.visitors).toBe(visitors);
  expect(body.totals.views).toBe(4);
});

test('rows at the same millisecond keep one order on every call', () => {
  const same = '2026-11-26T11:45:00.000Z';
  const sessions = [1, 2, 3].map((n) => session(n, 'FR', [[same, `/s${n}`]]));
  const first = buildRealtimeBody(sessions, NOW, {});
  const reversed = buildRealtimeBody([...sessions].reverse(), NOW, {});
  expect(reversed.events).toEqual(first.events);
  expect(realtimeInvariantViolations(first)).toEqual([]);
});

test('the invariant checker accepts the real recorded bodies', () => {
  for (const name of ['realtime-busy.json', 'realtime-busy-no-timezone.json', 'realtime-busy-unit-hour.json', 'realtime-empty.json']) {
    expect(realtimeInvariantViolations(fixture(name)), name).toEqual([]);
  }
});

test('the invariant checker notices a broken body', () => {
  const body = fixture('realtime-busy.json');
  const broken: UmamiRealtimeBody = {
    ...body,
    events: body.events.filter((e) => e.__type !== 'session'),
    totals: { ...body.totals, visitors: body.totals.visitors + 1 },
  };
  expect(realtimeInvariantViolations(broken)).toEqual([
    '0 session rows for 12 sessions',
    'totals.visitors is not the sum of series.visitors',
  ]);
});
