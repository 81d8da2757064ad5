import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { parseRealtime } from '../../api/realtime-schema.ts';
import { websitesResponseSchema } from '../../api/websites-schema.ts';
import {
  createDemoSource,
  DEFAULT_SEED,
  inspectDemoSource,
  MINUTES_PER_ANSWER,
  type DemoSource,
  type RealtimeQuery,
  type UmamiRealtimeBody,
} from './index.ts';
import { realtimeInvariantViolations } from './invariants.ts';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/umami-3.1/${name}`, import.meta.url), 'utf8'));

const MINUTE = 60_000;
/** Mid-afternoon UTC, when the shop is busiest: more than 100 rows in the window. */
const PEAK = Date.parse('2026-11-26T15:07:42.318Z');
const SHOP = '7f3c2a9e-1b4d-4e8a-9c2f-5d6e7a8b9c01';
const DOCS = '2b8e4f61-9c3a-4d7e-b1f2-3a4c5d6e7f02';
const BLOG = 'a91d5c37-6e2b-4f8c-8d4a-1b2c3d4e5f03';
const NEWS = 'c4e7a1b9-5d2f-4a63-8e1c-7b9d0f2a3c04';
const APP = 'e1f2a3b4-6c7d-4e8f-9a0b-1c2d3e4f5a05';
const CONFERENCE = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c06';
const BAKERY = '9d8c7b6a-5f4e-4d3c-ab2a-1f0e9d8c7b07';
const SITES = [SHOP, DOCS, BLOG, NEWS, APP, CONFERENCE, BAKERY];

/** A source on a clock the test moves. */
function clocked(start: number, seed = 1) {
  const clock = { now: start };
  const source = createDemoSource({ seed, now: () => clock.now });
  const realtime = (websiteId: string, query: RealtimeQuery = {}): UmamiRealtimeBody => {
    const body = source.realtime(websiteId, query);
    if (!body) throw new Error(`no body for ${websiteId}`);
    return body;
  };
  return { clock, source, realtime };
}

/** Keys, key order and value kinds, recursively; arrays are described by their first item. */
function structure(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [structure(value[0])];
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).map(([key, v]) => [key, structure(v)]);
  }
  return typeof value;
}

/** Rows of the events list, without the synthetic session rows, keyed for comparison. */
const rawRows = (body: UmamiRealtimeBody) => body.events.filter((e) => e.__type !== 'session');

test('websites() lists seven demo sites sorted by name, in the shape of Umami’s /api/websites', () => {
  const body = createDemoSource().websites();
  const recorded = fixture('websites-list.json') as { data: unknown[] };
  expect(body.data.map((site) => [site.name, site.id, site.domain])).toEqual([
    ['Demo Shop', SHOP, 'shop.demo.example'],
    ['Docs Hub', DOCS, 'docs.demo.example'],
    ['Field Notes', BLOG, 'notes.demo.example'],
    ['Harbor News', NEWS, 'news.demo.example'],
    ['Northwind App', APP, 'app.northwind.demo.example'],
    ['Pine Street Bakery', BAKERY, 'pinestreet.demo.example'],
    ['Summit Conf', CONFERENCE, 'summit.demo.example'],
  ]);
  expect(Object.keys(body)).toEqual(Object.keys(recorded));
  expect(body).toMatchObject({ count: 7, page: 1, pageSize: 20 });
  for (const site of body.data) {
    expect(Object.keys(site)).toEqual(Object.keys(recorded.data[0] as object));
    expect(structure(site.user)).toEqual(structure((recorded.data[0] as { user: unknown }).user));
    expect(site.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  }
  expect(websitesResponseSchema.safeParse(body).success).toBe(true);
});

test('unknown website ids get undefined; ids match case-insensitively like a Postgres uuid', () => {
  const source = createDemoSource({ now: () => PEAK });
  expect(source.realtime('00000000-0000-4000-8000-000000000000', {})).toBeUndefined();
  expect(source.realtime('not-a-uuid', {})).toBeUndefined();
  expect(source.realtime(SHOP.toUpperCase(), {})).toEqual(source.realtime(SHOP, {}));
});

test('deterministic: same seed and clock give equal bodies; another seed gives other traffic', () => {
  for (const id of SITES) {
    const a = createDemoSource({ seed: 5, now: () => PEAK }).realtime(id, { timezone: 'Europe/Berlin' });
    const b = createDemoSource({ seed: 5, now: () => PEAK }).realtime(id, { timezone: 'Europe/Berlin' });
    const c = createDemoSource({ seed: 6, now: () => PEAK }).realtime(id, { timezone: 'Europe/Berlin' });
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
  }
});

test.each([undefined, Number.NaN, Number.POSITIVE_INFINITY])('seed %s falls back to the default seed', (seed) => {
  const fallback = createDemoSource({ seed, now: () => PEAK }).realtime(SHOP, {});
  expect(fallback).toEqual(createDemoSource({ seed: DEFAULT_SEED, now: () => PEAK }).realtime(SHOP, {}));
});

test('a cached answer equals a freshly generated one', () => {
  const warm = clocked(PEAK - 20 * MINUTE);
  warm.realtime(SHOP);
  warm.clock.now = PEAK;
  expect(warm.realtime(SHOP)).toEqual(clocked(PEAK).realtime(SHOP));
});

test('time moves on: past rows never change, new rows appear', () => {
  const { clock, realtime } = clocked(PEAK);
  const minuteStart = Math.floor(PEAK / MINUTE) * MINUTE;
  const inMinute = (body: UmamiRealtimeBody, start: number) =>
    rawRows(body).filter((e) => Date.parse(e.createdAt) >= start && Date.parse(e.createdAt) < start + MINUTE);

  // Use the docs site so the 100-row cap cannot hide older rows across these polls.
  const polled = [0, 1, 5].map((later) => {
    clock.now = PEAK + later * MINUTE;
    return realtime(DOCS);
  });
  const [atM, atM1, atM5] = polled as [UmamiRealtimeBody, UmamiRealtimeBody, UmamiRealtimeBody];
  const earlier = minuteStart - 3 * MINUTE;
  expect(inMinute(atM, earlier).length).toBeGreaterThan(0);
  expect(inMinute(atM1, earlier)).toEqual(inMinute(atM, earlier));
  expect(inMinute(atM5, earlier)).toEqual(inMinute(atM, earlier));
  // The whole visible past of minute m, up to now, is the same later on.
  const pastOfM = (body: UmamiRealtimeBody) => rawRows(body).filter((e) => Date.parse(e.createdAt) >= earlier && Date.parse(e.createdAt) <= PEAK);
  expect(pastOfM(atM5)).toEqual(pastOfM(atM));
  // And something new happened after m.
  expect(rawRows(atM5).some((e) => Date.parse(e.createdAt) > PEAK + 4 * MINUTE)).toBe(true);
  expect(atM5.timestamp).toBe(PEAK + 5 * MINUTE);
});

test('polling every 5 seconds for an hour: the busy shop keeps showing new rows and never rewrites history', () => {
  const { clock, realtime } = clocked(PEAK);
  const seen = new Map<string, string>();
  const rewritten: string[] = [];
  const fromTheFuture: string[] = [];
  let newestChanges = 0;
  let previousNewest = '';
  for (let step = 0; step < 720; step += 1) {
    clock.now = PEAK + step * 5000;
    const body = realtime(SHOP);
    for (const row of rawRows(body)) {
      const key = `${row.sessionId}|${row.createdAt}|${row.urlPath}|${row.eventName ?? ''}`;
      const text = JSON.stringify(row);
      if ((seen.get(key) ?? text) !== text) rewritten.push(key);
      seen.set(key, text);
      if (Date.parse(row.createdAt) > clock.now) fromTheFuture.push(key);
    }
    const newest = body.events[0]?.createdAt ?? '';
    if (newest !== previousNewest) newestChanges += 1;
    previousNewest = newest;
  }
  expect(rewritten).toEqual([]);
  expect(fromTheFuture).toEqual([]);
  expect(seen.size).toBeGreaterThan(300);
  // Roughly one poll in three brings a new row on the busy site.
  expect(newestChanges).toBeGreaterThan(150);
});

test.each([
  ['Europe/Berlin', { timezone: 'Europe/Berlin' }],
  ['no timezone', {}],
  ['unit=hour', { timezone: 'Europe/Berlin', unit: 'hour' }],
  ['America/New_York', { timezone: 'America/New_York' }],
])('the body passes the browser’s parseRealtime and keeps every Umami quirk (%s)', (_name, query: RealtimeQuery) => {
  const { clock, realtime } = clocked(PEAK);
  for (let step = 0; step < 24; step += 1) {
    clock.now = PEAK + step * 7 * 60 * MINUTE + step * 1234; // spread over a week, all hours
    for (const id of SITES) {
      const body = realtime(id, query);
      expect(realtimeInvariantViolations(body)).toEqual([]);
      const parsed = parseRealtime(body);
      expect(parsed.events).toHaveLength(body.events.length);
      expect(parsed.totals).toEqual(body.totals);
      expect(parsed.timestamp).toBe(clock.now);
    }
  }
});

test('same keys, key order and field kinds as the recorded busy fixture', () => {
  const recorded = fixture('realtime-busy.json') as UmamiRealtimeBody;
  const body = clocked(PEAK).realtime(SHOP, { timezone: 'Europe/Berlin' });
  expect(Object.keys(body)).toEqual(Object.keys(recorded));
  expect(Object.keys(body.series)).toEqual(Object.keys(recorded.series));
  expect(Object.keys(body.totals)).toEqual(Object.keys(recorded.totals));
  expect(structure(body.series)).toEqual(structure(recorded.series));
  expect(structure(body.totals)).toEqual(structure(recorded.totals));
  expect(typeof body.timestamp).toBe(typeof recorded.timestamp);
  for (const map of ['countries', 'urls', 'referrers'] as const) {
    expect(Object.values(body[map]).every((v) => Number.isInteger(v) && v > 0)).toBe(true);
  }
  // Every kind of row: same field names in the same order, same kinds (null where Umami has null).
  for (const type of ['pageview', 'event', 'session'] as const) {
    const ours = body.events.find((e) => e.__type === type);
    const theirs = recorded.events.find((e) => e.__type === type);
    expect(Object.keys(ours ?? {})).toEqual(Object.keys(theirs ?? {}));
  }
  const kinds = (events: UmamiRealtimeBody['events']) =>
    new Set(events.flatMap((e) => Object.entries(e).map(([key, v]) => `${key}:${v === null ? 'null' : typeof v}`)));
  expect(kinds(body.events)).toEqual(kinds(recorded.events));
});

test('the busy shop at its peak fills the 100-row cap, like the recorded busy site', () => {
  const body = clocked(PEAK).realtime(SHOP, {});
  const raw = rawRows(body);
  expect(raw).toHaveLength(100);
  expect(body.events.length).toBeGreaterThan(100);
  expect(body.totals.views).toBeGreaterThan(raw.filter((e) => e.eventName === null).length);
  expect(body.totals.events).toBeGreaterThan(0);
  expect(body.totals.countries).toBeGreaterThan(5);
  expect(Object.keys(body.referrers)).toContain('shop.demo.example');
  expect(raw.some((e) => e.referrerDomain === null && e.eventName === null)).toBe(true); // a direct visit
  // Lively: most minutes of the window have pageviews.
  expect(body.series.views.length).toBeGreaterThanOrEqual(25);
});

test('the quiet blog omits empty minutes instead of zero-filling them', () => {
  const { clock, realtime } = clocked(PEAK);
  let sawGap = false;
  for (let hour = 0; hour < 24; hour += 1) {
    clock.now = PEAK + hour * 60 * MINUTE;
    const body = realtime(BLOG);
    expect(body.series.views.every((p) => p.y > 0)).toBe(true);
    if (body.series.views.length < 31) sawGap = true;
  }
  expect(sawGap).toBe(true);
});

test.each([
  ['Europe/Berlin', { timezone: 'Europe/Berlin' }, /^2026-11-26 16:\d{2}:00$/],
  ['no timezone', {}, /^2026-11-26T15:\d{2}:00Z$/],
  ['null timezone', { timezone: null }, /^2026-11-26T15:\d{2}:00Z$/],
  ['lowercase utc', { timezone: 'utc' }, /^2026-11-26T15:\d{2}:00Z$/],
  ['uppercase UTC', { timezone: 'UTC' }, /^2026-11-26 15:\d{2}:00$/],
  ['America/New_York', { timezone: 'America/New_York' }, /^2026-11-26 10:\d{2}:00$/],
  ['unit=hour', { timezone: 'Europe/Berlin', unit: 'hour' }, /^2026-11-26 16:00:00$/],
  ['invalid zone falls back to UTC ISO', { timezone: 'Mars/Olympus' }, /^2026-11-26T15:\d{2}:00Z$/],
])('series x format: %s', (_name, query: RealtimeQuery, pattern) => {
  // 15:40 UTC: the whole window (15:10 … 15:40) stays inside one UTC and one Berlin hour.
  const body = clocked(Date.parse('2026-11-26T15:40:12.000Z')).realtime(SHOP, query);
  expect(body.series.views.length).toBeGreaterThan(0);
  for (const point of [...body.series.views, ...body.series.visitors]) expect(point.x).toMatch(pattern);
});

test('a timezone relabels the buckets but never changes what is counted', () => {
  const source = createDemoSource({ now: () => PEAK });
  const utc = source.realtime(SHOP, {});
  const berlin = source.realtime(SHOP, { timezone: 'Europe/Berlin' });
  const hourly = source.realtime(SHOP, { timezone: 'Europe/Berlin', unit: 'hour' });
  expect(berlin?.series.views.map((p) => p.y)).toEqual(utc?.series.views.map((p) => p.y));
  expect(berlin?.events).toEqual(utc?.events);
  expect(hourly?.totals.views).toBe(utc?.totals.views);
  expect(hourly?.totals.visitors).toBeLessThan(utc?.totals.visitors ?? 0);
  // The window straddles 15:00 UTC, so there are two hourly buckets.
  expect(hourly?.series.views.map((p) => p.x)).toEqual(['2026-11-26 15:00:00', '2026-11-26 16:00:00']);
});

test('memory stays bounded: a week of polls on every site keeps the cache under its limit', () => {
  const { clock, source } = clocked(PEAK);
  for (let minute = 0; minute < 7 * 1440; minute += 5) {
    clock.now = PEAK + minute * MINUTE;
    for (const id of SITES) source.realtime(id, { timezone: 'Europe/Berlin' });
  }
  const { cachedMinutes, cacheLimit } = inspectDemoSource(source);
  expect(cachedMinutes).toBeLessThanOrEqual(cacheLimit);
  expect(cacheLimit).toBeGreaterThanOrEqual(SITES.length * MINUTES_PER_ANSWER);
  expect(cachedMinutes).toBeGreaterThanOrEqual(SITES.length * MINUTES_PER_ANSWER);
}, 20_000);

test('a small cache limit is respected and the answers stay the same', () => {
  const clock = { now: PEAK };
  const tiny = createDemoSource({ seed: 1, now: () => clock.now, cacheLimit: 10 });
  const roomy = createDemoSource({ seed: 1, now: () => clock.now });
  for (let step = 0; step < 50; step += 1) {
    clock.now = PEAK + step * 17_000;
    expect(tiny.realtime(SHOP, {})).toEqual(roomy.realtime(SHOP, {}));
  }
  expect(inspectDemoSource(tiny).cachedMinutes).toBe(10);
});

test('inspectDemoSource refuses foreign objects', () => {
  const fake: DemoSource = { websites: () => ({}), realtime: () => undefined, exact: () => undefined, period: () => undefined };
  expect(() => inspectDemoSource(fake)).toThrow(/createDemoSource/);
});

test('fast: a busy answer takes well under 5 ms once the minutes are cached', () => {
  const { clock, realtime } = clocked(PEAK);
  realtime(SHOP, { timezone: 'Europe/Berlin' });
  const polls = 200;
  const started = performance.now();
  for (let i = 0; i < polls; i += 1) {
    clock.now = PEAK + i * 5000;
    realtime(SHOP, { timezone: 'Europe/Berlin' });
  }
  expect((performance.now() - started) / polls).toBeLessThan(5);
});
