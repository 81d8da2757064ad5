import { describe, expect, test } from 'vitest';
import { realtimeResult } from '../test/realtime-result';
import { combineMetrics, combineRealtime, siteLabel, sumActive, sumStats, type CombinedSite } from './combine-sites';
import type { MetricRow } from './exact-schemas';

const SHOP: CombinedSite = { id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Shop' };
const DOCS: CombinedSite = { id: 'aaaaaaaa-0000-4000-8000-000000000002', name: 'Docs' };
const T = Date.UTC(2026, 11, 5, 12, 0, 0);
/** A page or event of one site as the combined lists name it: each part isolated (U+2068…U+2069). */
const label = (site: string, name: string) => `\u2068${site}\u2069 · \u2068${name}\u2069`;

function event(type: string, at: number, path: string, sessionId: string) {
  return { __type: type, sessionId, createdAt: new Date(at).toISOString(), urlPath: path, country: 'DE', eventName: null, browser: 'chrome', os: 'Linux', device: 'desktop', referrerDomain: null, hostname: null };
}

const shop = realtimeResult(
  {
    countries: { DE: 3, US: 1 },
    urls: { '/': 4, '/cart': 2 },
    referrers: { 'google.com': 2 },
    events: [event('pageview', T - 1_000, '/', 's1'), event('pageview', T - 60_000, '/cart', 's2')],
    series: { views: [{ x: '2026-12-05 12:59:00', y: 4 }, { x: '2026-12-05 13:00:00', y: 2 }], visitors: [{ x: '2026-12-05 13:00:00', y: 2 }] },
    totals: { views: 6, visitors: 2, events: 1, countries: 2 },
    timestamp: T,
  },
  { receivedAt: T + 100 },
);
const docs = realtimeResult(
  {
    countries: { DE: 1, FR: 2 },
    urls: { '/': 1 },
    referrers: { 'google.com': 1, 'github.com': 1 },
    events: [event('pageview', T - 30_000, '/', 's1')],
    series: { views: [{ x: '2026-12-05 13:00:00', y: 1 }], visitors: [{ x: '2026-12-05 13:00:00', y: 1 }] },
    totals: { views: 1, visitors: 1, events: 0, countries: 2 },
    timestamp: T - 2_000,
  },
  { receivedAt: T + 50 },
);

describe('combineRealtime', () => {
  const combined = combineRealtime([
    { site: SHOP, data: shop },
    { site: DOCS, data: docs },
  ])!;

  test.each([
    ['views add up', combined.data.totals.views, 7],
    ['visitors add up (a sum of sites)', combined.data.totals.visitors, 3],
    ['events add up', combined.data.totals.events, 1],
    ['countries are distinct, not added: DE, US, FR', combined.data.totals.countries, 3],
    ['the newest server time', combined.data.timestamp, T],
    ['the oldest answer', combined.receivedAt, T + 50],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });

  test('countries and referrers are summed by name; pages carry their site’s name', () => {
    expect(Object.fromEntries(combined.data.countries!)).toEqual({ DE: 4, US: 1, FR: 2 });
    expect(Object.fromEntries(combined.data.referrers!)).toEqual({ 'google.com': 3, 'github.com': 1 });
    expect(Object.fromEntries(combined.data.urls!)).toEqual({ [label('Shop', '/')]: 4, [label('Shop', '/cart')]: 2, [label('Docs', '/')]: 1 });
  });

  test('series are summed minute by minute, in time order', () => {
    expect(combined.data.series.views).toEqual([
      { x: '2026-12-05 12:59:00', y: 4 },
      { x: '2026-12-05 13:00:00', y: 3 },
    ]);
    expect(combined.data.series.visitors).toEqual([{ x: '2026-12-05 13:00:00', y: 3 }]);
  });

  test('one feed, newest first, each row naming its site, ids unique across sites', () => {
    expect(combined.data.events.map((e) => [e.site, e.urlPath])).toEqual([
      ['Shop', '/'],
      ['Docs', '/'],
      ['Shop', '/cart'],
    ]);
    expect(new Set(combined.data.events.map((e) => e.id)).size).toBe(3);
  });

  test('an unreadable list on one site is unreadable in the sum, not the other sites alone', () => {
    const broken = { ...docs, data: { ...docs.data, urls: null } };
    const sum = combineRealtime([{ site: SHOP, data: shop }, { site: DOCS, data: broken }])!;
    expect(sum.data.urls).toBeNull();
    expect(Object.fromEntries(sum.data.referrers!)).toEqual({ 'google.com': 3, 'github.com': 1 });
  });

  test('an unreadable total on one site is unreadable in the sum, not a smaller number', () => {
    const broken = { ...docs, data: { ...docs.data, totals: { ...docs.data.totals, views: null } } };
    expect(combineRealtime([{ site: SHOP, data: shop }, { site: DOCS, data: broken }])!.data.totals.views).toBeNull();
  });

  test('the stalest proxy copy and its reason win', () => {
    const stale = { ...docs, upstreamStaleAge: 40, staleReason: 'rate-limited' as const };
    expect(combineRealtime([{ site: SHOP, data: shop }, { site: DOCS, data: stale }])).toMatchObject({ upstreamStaleAge: 40, staleReason: 'rate-limited' });
  });

  test('huge counts stay numbers a double holds exactly', () => {
    const huge = { ...docs, data: { ...docs.data, totals: { ...docs.data.totals, views: Number.MAX_SAFE_INTEGER } } };
    expect(combineRealtime([{ site: SHOP, data: shop }, { site: DOCS, data: huge }])!.data.totals.views).toBe(Number.MAX_SAFE_INTEGER);
  });

  test('no answers: nothing', () => {
    expect(combineRealtime([])).toBeUndefined();
  });
});

const row = (name: string | null, pageviews: number, visitors: number): MetricRow => ({ name, pageviews, visitors });

test.each<[string, Parameters<typeof combineMetrics>[0], MetricRow[], MetricRow[], MetricRow[]]>([
  ['pages are per site', 'path', [row('/', 5, 3)], [row('/', 2, 1)], [row(label('Shop', '/'), 5, 3), row(label('Docs', '/'), 2, 1)]],
  ['events are per site', 'event', [row('signup', 2, 2)], [row('signup', 1, 1)], [row(label('Shop', 'signup'), 2, 2), row(label('Docs', 'signup'), 1, 1)]],
  ['referrers add up by name', 'referrer', [row('google.com', 5, 3)], [row('google.com', 2, 2), row('github.com', 1, 1)], [row('google.com', 7, 5), row('github.com', 1, 1)]],
  ['countries add up, unplaced visitors too', 'country', [row('DE', 5, 3), row(null, 1, 1)], [row('DE', 2, 2), row(null, 2, 2)], [row('DE', 7, 5), row(null, 3, 3)]],
])('combineMetrics: %s', (_name, type, a, b, expected) => {
  expect(combineMetrics(type, [{ site: SHOP, data: a }, { site: DOCS, data: b }])).toEqual(expected);
});

test.each([
  ['stats', sumStats([{ site: SHOP, data: { pageviews: 10, visitors: 4 } }, { site: DOCS, data: { pageviews: 3, visitors: 2 } }]), { pageviews: 13, visitors: 6 }],
  ['stats, one site’s visitors unreadable (their sum is too, never a smaller number), views', sumStats([{ site: SHOP, data: { pageviews: 10, visitors: null } }, { site: DOCS, data: { pageviews: 3, visitors: 2 } }]), { pageviews: 13, visitors: null }],
  ['active', sumActive([{ site: SHOP, data: { visitors: 4 } }, { site: DOCS, data: { visitors: 0 } }]), { visitors: 4 }],
])('%s add up', (_name, actual, expected) => {
  expect(actual).toEqual(expected);
});

test("a right-to-left override in a site's name stops at its end: the page after it reads as sent", () => {
  const name = siteLabel({ id: SHOP.id, name: 'Sh\u202Eop' }, '/checkout');
  expect(name).toBe(label('Sh\u202Eop', '/checkout'));
  // Everything after the site's closing isolate is the separator and the page, untouched.
  expect(name.slice(name.indexOf('\u2069') + 1)).toBe(' · \u2068/checkout\u2069');
});
