import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { METRIC_TYPES, type MetricType } from '../exact.ts';
import { DEMO_SITES } from './catalog.ts';
import { buildExactBody, previousWindow } from './exact-body.ts';
import { createDemoSource, type UmamiActiveBody, type UmamiMetricRow, type UmamiRealtimeBody, type UmamiStatsBody } from './index.ts';
import { exactInvariantViolations, realtimeInvariantViolations, type ExactAnswers } from './invariants.ts';
import type { DemoSession } from './traffic.ts';

const aggregate = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/umami-3.1/aggregates/${name}`, import.meta.url), 'utf8'));

const PEAK = Date.parse('2026-11-26T15:07:42.318Z');
const NIGHT = Date.parse('2026-11-26T03:41:09.004Z');
const SHOP = DEMO_SITES.find((site) => site.name === 'Demo Shop')!;

function answers(seed: number, now: number, websiteId: string): { realtime: UmamiRealtimeBody; exact: ExactAnswers } {
  const source = createDemoSource({ seed, now: () => now });
  const metric = (type: MetricType) => source.exact(websiteId, { route: 'metrics', type }) as UmamiMetricRow[];
  return {
    realtime: source.realtime(websiteId, { timezone: 'Europe/Berlin' })!,
    exact: {
      stats: source.exact(websiteId, { route: 'stats' }) as UmamiStatsBody,
      metrics: Object.fromEntries(METRIC_TYPES.map((type) => [type, metric(type)])) as ExactAnswers['metrics'],
      active: source.exact(websiteId, { route: 'active' }) as UmamiActiveBody,
    },
  };
}

test('the recorded Umami answers keep the identities the demo is checked against', () => {
  const recorded: ExactAnswers = {
    stats: aggregate('agg-busy-stats.json') as UmamiStatsBody,
    metrics: {
      path: aggregate('agg-busy-metrics-expanded-path.json') as UmamiMetricRow[],
      referrer: aggregate('agg-busy-metrics-expanded-referrer.json') as UmamiMetricRow[],
      country: aggregate('agg-busy-metrics-expanded-country.json') as UmamiMetricRow[],
      event: aggregate('agg-busy-metrics-expanded-event.json') as UmamiMetricRow[],
    },
    active: aggregate('agg-busy-active.json') as UmamiActiveBody,
  };
  expect(exactInvariantViolations(aggregate('agg-busy-realtime.json') as UmamiRealtimeBody, recorded, 'shop.example.com')).toEqual([]);
});

test.each(
  DEMO_SITES.flatMap((site) => [1, 7, 20261126].flatMap((seed) => [PEAK, NIGHT, PEAK + 6 * 3_600_000].map((now) => [site.name, seed, now, site] as const))),
)('%s, seed %i, at %i: the exact answers agree with the realtime sample', (_name, seed, now, site) => {
  const { realtime, exact } = answers(seed, now, site.id);
  expect(realtimeInvariantViolations(realtime)).toEqual([]);
  expect(exactInvariantViolations(realtime, exact, site.domain)).toEqual([]);
});

test('the busy shop has more rows in 30 minutes than the sample holds, even at night, so the sample and the truth differ as on a real Umami', () => {
  for (const now of [PEAK, NIGHT]) {
    const { realtime, exact } = answers(20261126, now, SHOP.id);
    const customEvents = exact.metrics.event.reduce((sum, row) => sum + Number(row.pageviews), 0);
    // More than the 100 rows the realtime answer samples (nights are quiet: about a third of the afternoon).
    expect(exact.stats.pageviews + customEvents).toBeGreaterThan(100);
    expect(realtime.events.filter((e) => e.__type !== 'session')).toHaveLength(100);
    // Sum of per-minute sessions counts a visitor once per minute they were seen.
    expect(realtime.totals.visitors).toBeGreaterThan(exact.stats.visitors * 1.5);
    expect(customEvents).toBeGreaterThan(realtime.totals.events);
    expect(Object.values(realtime.urls).reduce((a, b) => a + b, 0)).toBe(100);
    expect(exact.stats.pageviews).toBeGreaterThan(100);
    expect(exact.active.visitors).toBeGreaterThan(0);
  }
  const { realtime, exact } = answers(20261126, PEAK, SHOP.id);
  expect(exact.stats.pageviews + exact.metrics.event.reduce((sum, row) => sum + Number(row.pageviews), 0)).toBeGreaterThan(300);
  expect(exact.metrics.country.length).toBeGreaterThan(realtime.totals.countries);
});

test('the referrer list leaves out the site’s own domain, which the realtime list counts', () => {
  const { realtime, exact } = answers(20261126, PEAK, SHOP.id);
  expect(realtime.referrers[SHOP.domain]).toBeGreaterThan(0);
  expect(exact.metrics.referrer.map((row) => row.name)).not.toContain(SHOP.domain);
  expect(exact.metrics.referrer.length).toBeGreaterThan(0);
});

test('deterministic for a seed, different across seeds', () => {
  const a = answers(5, PEAK, SHOP.id).exact;
  expect(answers(5, PEAK, SHOP.id).exact).toEqual(a);
  expect(answers(6, PEAK, SHOP.id).exact).not.toEqual(a);
});

test('unknown sites have no answer', () => {
  const source = createDemoSource({ now: () => PEAK });
  expect(source.exact('00000000-0000-4000-8000-000000000000', { route: 'stats' })).toBeUndefined();
});

// One hand-made session checks the SQL's arithmetic: grouping per (name, session), bounces,
// seconds, the window edges, null names and own-domain referrers left out.
test('figures follow Umami’s SQL on a hand-made session', () => {
  const now = Date.parse('2026-12-05T17:41:39.881Z');
  const start = Date.parse('2026-12-05T17:11:00.000Z'); // the window's first instant
  const row = (offsetS: number, urlPath: string, referrerDomain: string | null, eventName: string | null = null) => ({
    t: start + offsetS * 1000,
    urlPath,
    referrerDomain,
    eventName,
  });
  const session = (id: string, country: string | null, rows: DemoSession['rows']): DemoSession => ({
    id,
    hostname: 'shop.example.com',
    browser: 'chrome',
    os: 'Linux',
    device: 'desktop',
    country,
    rows,
  });
  const sessions = [
    session('00000000-0000-4000-8000-000000000001', 'DE', [
      row(-1, '/old', 'google.com'), // before the window: not counted
      row(0, '/', 'google.com'),
      row(30, '/products', 'shop.example.com'),
      row(40, '/products', 'shop.example.com', 'add-to-cart'),
      row(90, '/products', 'shop.example.com'),
    ]),
    session('00000000-0000-4000-8000-000000000002', null, [row(1500, '/', null), row(1600, '/', null, 'add-to-cart'), row(1800, '/', null, 'add-to-cart')]),
  ];
  const build = (request: Parameters<typeof buildExactBody>[2]) => buildExactBody(sessions, now, request);

  // The previous window moves back by whole minutes (30), so it overlaps this one by 39.881 s.
  expect(build({ route: 'stats' })).toEqual({
    pageviews: 4,
    visitors: 2,
    visits: 2,
    bounces: 1,
    totaltime: 90,
    comparison: { pageviews: 3, visitors: 1, visits: 1, bounces: 0, totaltime: 31 },
  });
  expect(build({ route: 'metrics', type: 'path' })).toEqual([
    { name: '/', pageviews: '2', visitors: 2, visits: 2, bounces: 2, totaltime: '0' },
    { name: '/products', pageviews: '2', visitors: 1, visits: 1, bounces: 0, totaltime: '60' },
  ]);
  expect(build({ route: 'metrics', type: 'referrer' })).toEqual([{ name: 'google.com', pageviews: '1', visitors: 1, visits: 1, bounces: 1, totaltime: '0' }]);
  expect(build({ route: 'metrics', type: 'country' })).toEqual([{ name: 'DE', pageviews: '3', visitors: 1, visits: 1, bounces: 0, totaltime: '90' }]);
  expect(build({ route: 'metrics', type: 'event' })).toEqual([{ name: 'add-to-cart', pageviews: '3', visitors: 2, visits: 2, bounces: 1, totaltime: '200' }]);
  // Last 5 minutes: only the second session (its last row is 1800 s in, 99.881 s before now).
  expect(build({ route: 'active' })).toEqual({ visitors: 1 });
  expect(previousWindow(now)).toEqual({ from: start - 30 * 60_000, to: now - 30 * 60_000 });
});
