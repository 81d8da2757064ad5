import { describe, expect, test } from 'vitest';
import type { Filter } from '../../shared/filters.ts';
import type { UmamiMetricRow, UmamiStatsBody } from './exact-body.ts';
import { filterSessions, ilike } from './filter-sessions.ts';
import { createDemoSource } from './index.ts';
import { realtimeInvariantViolations } from './invariants.ts';
import type { DemoSession } from './traffic.ts';

const f = (name: Filter['name'], operator: Filter['operator'], value: string): Filter => ({ name, operator, value });

describe('ilike: PostgreSQL ILIKE, wildcards and all', () => {
  test.each([
    ['/checkout', '%check%', true],
    ['/CHECKOUT', '%check%', true],
    ['/checkout', '/checkout', true],
    ['/checkout', '/check', false],
    ['/checkout', '%', true],
    ['', '%', true],
    ['', '%x%', false],
    ['/a_b', '%a\\_b%', true],
    ['/axb', '%a\\_b%', false],
    ['/axb', '%a_b%', true], // `_` is any one character, as in Umami
    ['50% off', '%50\\%%', true],
    ['50 off', '%50\\%%', false],
    ['/blog/2026/layers', '%blog%layers%', true],
    ['/blog/2026/layers', '%layers%blog%', false],
    ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab', `${'%a'.repeat(40)}%c%`, false],
  ])('%j ILIKE %j → %s', (text, pattern, expected) => {
    expect(ilike(text, pattern)).toBe(expected);
  });
});

const session = (fields: Partial<DemoSession>): DemoSession => ({
  id: 's',
  hostname: 'shop.demo.example',
  browser: 'chrome',
  os: 'Mac OS',
  device: 'laptop',
  country: 'DE',
  rows: [],
  ...fields,
});
const view = (t: number, urlPath: string, referrerDomain: string | null = null) => ({ t, eventName: null, urlPath, referrerDomain });
const event = (t: number, eventName: string, urlPath: string) => ({ t, eventName, urlPath, referrerDomain: null });

const SESSIONS: DemoSession[] = [
  session({
    id: 'de-mac',
    rows: [view(1, '/', 'google.com'), view(2, '/checkout', 'shop.demo.example'), event(3, 'purchase', '/checkout'), view(4, '/checkout/thank-you', 'shop.demo.example')],
  }),
  session({ id: 'us-win', country: 'US', browser: 'edge-chromium', os: 'Windows 10', rows: [view(5, '/blog/how-to-layer', 'news.ycombinator.com'), event(6, 'outbound-link-click', '/blog/how-to-layer')] }),
  session({ id: 'nowhere', country: null, device: 'mobile', rows: [view(7, '/sale', null)] }),
];

/** `session id: row times` of what a filter keeps. */
const kept = (filters: Filter[]) => filterSessions(SESSIONS, filters).map((s) => `${s.id}: ${s.rows.map((r) => r.t).join(',')}`);

describe('filterSessions: the rows Umami keeps, one `and` per filter, SQL nulls match nothing', () => {
  test.each<[string, Filter[], string[]]>([
    ['no filter', [], ['de-mac: 1,2,3,4', 'us-win: 5,6', 'nowhere: 7']],
    ['path equals', [f('path', 'eq', '/checkout')], ['de-mac: 2,3']],
    ['path does not equal', [f('path', 'neq', '/checkout')], ['de-mac: 1,4', 'us-win: 5,6', 'nowhere: 7']],
    ['path contains, any case', [f('path', 'c', 'CHECKOUT')], ['de-mac: 2,3,4']],
    ['path does not contain', [f('path', 'dnc', 'checkout')], ['de-mac: 1', 'us-win: 5,6', 'nowhere: 7']],
    ['country: a session without one matches neither eq nor neq', [f('country', 'neq', 'DE')], ['us-win: 5,6']],
    ['country equals keeps the whole session', [f('country', 'eq', 'US')], ['us-win: 5,6']],
    ['event equals: page views have no event name', [f('event', 'eq', 'purchase')], ['de-mac: 3']],
    ['event does not contain: still no page views', [f('event', 'dnc', 'purchase')], ['us-win: 6']],
    // Umami adds "not the site's own domain" to any referrer filter.
    ['referrer does not equal leaves out internal moves', [f('referrer', 'neq', 'google.com')], ['us-win: 5']],
    ['referrer contains', [f('referrer', 'c', 'google')], ['de-mac: 1']],
    ['hostname', [f('hostname', 'eq', 'shop.demo.example')], ['de-mac: 1,2,3,4', 'us-win: 5,6', 'nowhere: 7']],
    ['browser, os and device together', [f('browser', 'eq', 'chrome'), f('os', 'eq', 'Mac OS'), f('device', 'eq', 'mobile')], ['nowhere: 7']],
    ['two filters on one name: both must hold', [f('path', 'c', 'checkout'), f('path', 'dnc', 'thank')], ['de-mac: 2,3']],
    ['a field the demo does not generate matches nothing', [f('utmSource', 'neq', 'x')], []],
    ['so does a title', [f('title', 'c', 'Shop')], []],
  ])('%s', (_, filters, expected) => {
    expect(kept(filters)).toEqual(expected);
  });

  test('leaves the sessions it was given untouched', () => {
    filterSessions(SESSIONS, [f('path', 'eq', '/sale')]);
    expect(SESSIONS[0]?.rows).toHaveLength(4);
  });
});

describe('a filtered demo wall really narrows, on every route', () => {
  /** Mid-afternoon UTC, when the shop is busiest. */
  const PEAK = Date.parse('2026-11-26T15:07:42.318Z');
  const SHOP = '7f3c2a9e-1b4d-4e8a-9c2f-5d6e7a8b9c01';
  const source = createDemoSource({ seed: 7, now: () => PEAK });
  const zone = { timezone: 'Europe/Berlin' };

  test('path: only that page in the lists, fewer views than the whole site', () => {
    const all = source.realtime(SHOP, zone)!;
    const checkout = source.realtime(SHOP, zone, [f('path', 'eq', '/checkout')])!;
    expect(realtimeInvariantViolations(checkout)).toEqual([]);
    expect(checkout.totals.views).toBeGreaterThan(0);
    expect(checkout.totals.views).toBeLessThan(all.totals.views);
    expect(Object.keys(checkout.urls)).toEqual(['/checkout']);
    expect(new Set(checkout.events.map((e) => e.urlPath))).toEqual(new Set(['/checkout']));
    const paths = source.exact(SHOP, { route: 'metrics', type: 'path' }, [f('path', 'eq', '/checkout')]) as UmamiMetricRow[];
    expect(paths.map((row) => row.name)).toEqual(['/checkout']);
    // The exact total of the filtered window is the filtered series' total (both count every view).
    const stats = source.exact(SHOP, { route: 'stats' }, [f('path', 'eq', '/checkout')]) as UmamiStatsBody;
    expect(stats.pageviews).toBe(checkout.totals.views);
  });

  test('country: every row and the map are that country', () => {
    const de = source.realtime(SHOP, zone, [f('country', 'eq', 'DE')])!;
    expect(de.events.length).toBeGreaterThan(0);
    expect(new Set(de.events.map((e) => e.country))).toEqual(new Set(['DE']));
    expect(Object.keys(de.countries)).toEqual(['DE']);
    const countries = source.exact(SHOP, { route: 'metrics', type: 'country' }, [f('country', 'eq', 'DE')]) as UmamiMetricRow[];
    expect(countries.map((row) => row.name)).toEqual(['DE']);
  });

  test('event: only that custom event, and no page views', () => {
    const purchases = source.realtime(SHOP, zone, [f('event', 'eq', 'purchase')])!;
    expect(purchases.totals.views).toBe(0);
    expect(purchases.events.filter((e) => e.__type !== 'session').every((e) => e.eventName === 'purchase')).toBe(true);
    const events = source.exact(SHOP, { route: 'metrics', type: 'event' }, [f('event', 'eq', 'purchase')]) as UmamiMetricRow[];
    expect(events.map((row) => row.name)).toEqual(['purchase']);
  });
});
