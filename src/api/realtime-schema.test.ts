import { describe, expect, test } from 'vitest';
import { fixture, type FixtureName } from '../test/fixtures';
import { MalformedResponseError, parseRealtime } from './realtime-schema';

describe('parseRealtime on every recorded Umami 3.1 response', () => {
  test.each([
    ['busy', { views: 96, visitors: 57, events: 22, countries: 10 }, 112, 28],
    ['busyNoTimezone', { views: 96, visitors: 57, events: 22, countries: 10 }, 112, 28],
    ['busyUnitHour', { views: 96, visitors: 14, events: 22, countries: 10 }, 112, 2],
    ['empty', { views: 0, visitors: 0, events: 0, countries: 0 }, 0, 0],
    ['unknownWebsite', { views: 0, visitors: 0, events: 0, countries: 0 }, 0, 0],
  ])('%s', (name, totals, eventCount, bucketCount) => {
    const data = parseRealtime(fixture(name as FixtureName));
    expect(data.totals).toEqual(totals);
    expect(data.events).toHaveLength(eventCount);
    expect(data.series.views).toHaveLength(bucketCount);
    expect(data.series.visitors).toHaveLength(bucketCount);
    expect(data.timestamp).toBeGreaterThan(1_795_000_000_000);
  });

  test('normalises the busy events: types, dates, null country, unique stable ids', () => {
    const data = parseRealtime(fixture('busy'));
    const types = data.events.reduce<Record<string, number>>((acc, e) => ({ ...acc, [e.type]: (acc[e.type] ?? 0) + 1 }), {});
    expect(types).toEqual({ pageview: 78, event: 22, session: 12 });
    expect(data.events[0]).toMatchObject({
      type: 'pageview',
      createdAt: Date.parse('2026-11-26T11:25:53.500Z'),
      country: 'DE',
      urlPath: '/products',
      eventName: null,
    });
    expect(data.events.some((e) => e.country === null)).toBe(true);
    expect(new Set(data.events.map((e) => e.id)).size).toBe(data.events.length);
    expect(parseRealtime(fixture('busy')).events.map((e) => e.id)).toEqual(data.events.map((e) => e.id));
    expect([data.countries!.get('DE'), data.countries!.get('US')]).toEqual([2, 1]);
    expect(data.referrers!.get('shop.example.com')).toBe(48);
  });
});

test('a session row keeps its id when the 100-row cap moves its copied row', () => {
  const row = { __type: 'session', sessionId: 's1', eventName: null, browser: null, os: null, device: null, country: 'DE', referrerDomain: null, hostname: null };
  const base = { countries: {}, urls: {}, referrers: {}, series: { views: [], visitors: [] }, totals: { views: 0, visitors: 0, events: 0, countries: 0 } };
  const first = parseRealtime({ ...base, events: [{ ...row, createdAt: '2026-11-26T11:00:00.000Z', urlPath: '/' }] });
  const later = parseRealtime({ ...base, events: [{ ...row, createdAt: '2026-11-26T11:04:00.000Z', urlPath: '/pricing' }] });
  expect(later.events[0]!.id).toBe(first.events[0]!.id);
});

describe('parseRealtime tolerates what other servers and versions send', () => {
  const base = { countries: {}, urls: {}, referrers: {}, events: [], series: { views: [], visitors: [] }, totals: { views: 0, visitors: 0, events: 0, countries: 0 } };

  test.each([
    ['numeric strings become numbers', { totals: { views: '12', visitors: '3', events: '0', countries: '1' } }, (d: ReturnType<typeof parseRealtime>) => expect(d.totals).toEqual({ views: 12, visitors: 3, events: 0, countries: 1 })],
    ['null maps become empty', { countries: null, urls: null, referrers: null }, (d: ReturnType<typeof parseRealtime>) => expect(d.urls).toEqual(new Map())],
    ['missing series and events', { series: undefined, events: null }, (d: ReturnType<typeof parseRealtime>) => expect(d.series).toEqual({ views: [], visitors: [] })],
    ['negative counts clamp to zero', { urls: { '/': -3 } }, (d: ReturnType<typeof parseRealtime>) => expect(d.urls!.get('/')).toBe(0)],
    ['lower-case country codes', { events: [{ __type: 'pageview', sessionId: 's', eventName: null, createdAt: '2026-11-26T11:25:53.500Z', browser: null, os: null, device: null, country: 'de', urlPath: null, referrerDomain: '', hostname: null }] }, (d: ReturnType<typeof parseRealtime>) => expect(d.events[0]).toMatchObject({ country: 'DE', urlPath: '/', referrerDomain: null })],
    ['missing timestamp falls back to the receive time', { timestamp: undefined }, (d: ReturnType<typeof parseRealtime>) => expect(d.timestamp).toBe(1234)],
    ['a timestamp that is a word falls back to the receive time', { timestamp: 'now' }, (d: ReturnType<typeof parseRealtime>) => expect(d.timestamp).toBe(1234)],
    ['a timestamp that is an object falls back to the receive time', { timestamp: { ms: 1 } }, (d: ReturnType<typeof parseRealtime>) => expect(d.timestamp).toBe(1234)],
    ['a word for one total costs only that total', { totals: { views: 'many', visitors: 3, events: {}, countries: 1 } }, (d: ReturnType<typeof parseRealtime>) => expect(d.totals).toEqual({ views: null, visitors: 3, events: null, countries: 1 })],
    ['a count too big for a double to hold exactly is held at the largest that is', { urls: { '/': 1e308 }, totals: { views: 1e308, visitors: 1, events: 0, countries: 0 } }, (d: ReturnType<typeof parseRealtime>) => expect([d.urls!.get('/'), d.totals.views]).toEqual([Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER])],
  ])('%s', (_name, patch, check) => {
    check(parseRealtime({ ...base, ...patch }, 1234));
  });

  test.each([
    ['null', null],
    ['a string', 'Bad gateway'],
    ['an array', []],
    ['no totals', { countries: {} }],
    ['no lists', { totals: { views: 0, visitors: 0, events: 0, countries: 0 } }],
    ['a map missing', { countries: {}, urls: {}, totals: { views: 0, visitors: 0, events: 0, countries: 0 } }],
    ['events that are not a list', { events: 'none', totals: { views: 0, visitors: 0, events: 0, countries: 0 } }],
  ])('rejects %s with a MalformedResponseError', (_name, body) => {
    expect(() => parseRealtime(body)).toThrow(MalformedResponseError);
  });

  test('drops an event or a bucket that does not fit, keeps the rest of the answer', () => {
    const busy = fixture('busy') as unknown as { events: unknown[]; series: { views: unknown[] } };
    busy.events.splice(1, 0, { __type: 'pageview', createdAt: 'yesterday' }, null, { createdAt: 42 });
    busy.series.views.push({ x: null, y: 3 }, 'nonsense');
    const data = parseRealtime(busy);
    expect(data.events).toHaveLength(112);
    expect(data.series.views).toHaveLength(28);
    expect(data.totals.views).toBe(96);
  });

  test("names that are Object's own keys are kept as names: __proto__, constructor", () => {
    const body = JSON.parse('{"urls":{"__proto__":3,"constructor":2},"referrers":{"toString":1},"countries":{},"totals":{"views":5,"visitors":1,"events":0,"countries":0}}') as unknown;
    const data = parseRealtime(body);
    expect([...data.urls!]).toEqual([
      ['__proto__', 3],
      ['constructor', 2],
    ]);
    expect(data.referrers!.get('toString')).toBe(1);
  });

  test.each([
    ['a string', 'none'],
    ['a list', [['/', 3]]],
    ['a number', 5],
  ])('a map that is %s is unreadable (null), not empty; the other maps stay', (_name, odd) => {
    const body = { ...base, urls: { '/': 2 }, referrers: { 'a.example': 1 }, countries: { DE: 1 } };
    for (const field of ['urls', 'referrers', 'countries'] as const) {
      const data = parseRealtime({ ...body, [field]: odd });
      expect(data[field]).toBeNull();
      for (const other of ['urls', 'referrers', 'countries'] as const) if (other !== field) expect(data[other]?.size).toBe(1);
    }
  });

  test('a count that does not fit drops only its own name', () => {
    const data = parseRealtime({ ...base, urls: { '/': 2, '/odd': 'lots', '/also': {} } });
    expect([...data.urls!]).toEqual([['/', 2]]);
  });
});
