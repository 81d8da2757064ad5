import { describe, expect, test } from 'vitest';
import { parseRealtime, type EventType, type RealtimeEvent } from '../../api/realtime-schema';
import busy from '../../test/fixtures/umami-3.1/realtime-busy.json';
import { filterEvents, mergeEvents, newIds, type FeedFilter } from './merge-events';

function ev(id: string, createdAt: number, type: EventType = 'pageview'): RealtimeEvent {
  return {
    id,
    type,
    sessionId: `s-${id}`,
    eventName: type === 'event' ? `name-${id}` : null,
    createdAt,
    browser: 'chrome',
    os: 'Linux',
    device: 'desktop',
    country: 'DE',
    urlPath: `/${id}`,
    referrerDomain: null,
    hostname: 'example.com',
  };
}

const options = { cap: 200, now: 1_000, windowMs: 1_000 };
const ids = (events: readonly RealtimeEvent[]) => events.map((e) => e.id);

describe('mergeEvents', () => {
  test.each<{ name: string; previous: RealtimeEvent[]; incoming: RealtimeEvent[]; opts?: Partial<typeof options>; expected: string[] }>([
    { name: 'nothing at all', previous: [], incoming: [], expected: [] },
    { name: 'first poll, newest first', previous: [], incoming: [ev('a', 300), ev('b', 200), ev('c', 100)], expected: ['a', 'b', 'c'] },
    { name: 'unordered input is ordered newest first', previous: [], incoming: [ev('x', 100), ev('y', 300), ev('z', 200)], expected: ['y', 'z', 'x'] },
    {
      name: 'overlapping polls are de-duplicated by id',
      previous: [ev('a', 300), ev('b', 200)],
      incoming: [ev('c', 400), ev('a', 300), ev('b', 200)],
      expected: ['c', 'a', 'b'],
    },
    { name: 'a row repeated within one answer is kept once', previous: [], incoming: [ev('a', 300), ev('a', 300)], expected: ['a'] },
    {
      name: 'equal times keep the order first seen: earlier rows first, then new rows in answer order',
      previous: [ev('a', 500), ev('b', 500)],
      incoming: [ev('c', 500), ev('a', 500), ev('d', 500)],
      expected: ['a', 'b', 'c', 'd'],
    },
    {
      name: 'a row that left the answer stays while it is inside the window',
      previous: [ev('a', 300), ev('b', 200)],
      incoming: [ev('c', 400)],
      expected: ['c', 'a', 'b'],
    },
    {
      name: 'rows older than the window are dropped, old and new',
      previous: [ev('a', 600), ev('b', 1)],
      incoming: [ev('c', -5), ev('d', 700)],
      opts: { now: 1_000, windowMs: 500 },
      expected: ['d', 'a'],
    },
    { name: 'a row exactly at the window edge stays', previous: [], incoming: [ev('a', 500)], opts: { now: 1_000, windowMs: 500 }, expected: ['a'] },
    {
      name: 'the cap keeps the newest rows',
      previous: [ev('a', 300), ev('b', 200)],
      incoming: [ev('c', 250), ev('d', 100)],
      opts: { cap: 3 },
      expected: ['a', 'c', 'b'],
    },
    { name: 'a smaller cap trims an unchanged list', previous: [ev('a', 300), ev('b', 200)], incoming: [], opts: { cap: 1 }, expected: ['a'] },
  ])('$name', ({ previous, incoming, opts, expected }) => {
    expect(ids(mergeEvents(previous, incoming, { ...options, ...opts }))).toEqual(expected);
  });

  test.each<{ name: string; incoming: (previous: RealtimeEvent[]) => RealtimeEvent[] }>([
    { name: 'the same answer again', incoming: (previous) => previous },
    { name: 'an equal answer with new objects', incoming: (previous) => previous.map((e) => ({ ...e })) },
    { name: 'a subset (rows left the answer, none new)', incoming: (previous) => previous.slice(1) },
    { name: 'an empty answer', incoming: () => [] },
  ])('nothing new: returns the SAME array ($name)', ({ incoming }) => {
    const previous = [ev('a', 300), ev('b', 200), ev('c', 100)];
    expect(mergeEvents(previous, incoming(previous), options)).toBe(previous);
  });

  test('a row already shown keeps its object', () => {
    const a = ev('a', 300);
    const merged = mergeEvents([a], [ev('b', 400), { ...a }], options);
    expect(ids(merged)).toEqual(['b', 'a']);
    expect(merged[1]).toBe(a);
  });

  test('the busy fixture merged twice: no duplicates, same array, Umami order kept', () => {
    const data = parseRealtime(busy, 0);
    const opts = { cap: 200, now: data.timestamp, windowMs: 30 * 60_000 };
    const once = mergeEvents([], data.events, opts);
    expect(once).toHaveLength(data.events.length);
    expect(new Set(ids(once)).size).toBe(once.length);
    expect(ids(once)).toEqual(ids(data.events)); // Umami already answers newest first
    const again = mergeEvents(once, parseRealtime(busy, 0).events, opts);
    expect(again).toBe(once);
  });

  test('the busy fixture with a small cap keeps the newest', () => {
    const data = parseRealtime(busy, 0);
    const merged = mergeEvents([], data.events, { cap: 10, now: data.timestamp, windowMs: 30 * 60_000 });
    expect(ids(merged)).toEqual(ids(data.events.slice(0, 10)));
  });
});

describe('filterEvents', () => {
  const events = [ev('p', 4, 'pageview'), ev('s', 3, 'session'), ev('e', 2, 'event'), ev('p2', 1, 'pageview')];
  test.each<[FeedFilter, string[]]>([
    ['all', ['p', 's', 'e', 'p2']],
    ['views', ['p', 'p2']],
    ['visitors', ['s']],
    ['events', ['e']],
  ])('%s → %j', (filter, expected) => {
    expect(ids(filterEvents(events, filter))).toEqual(expected);
  });

  test('all returns the same array', () => {
    expect(filterEvents(events, 'all')).toBe(events);
  });
});

describe('newIds', () => {
  test.each<{ name: string; previous: RealtimeEvent[]; next: RealtimeEvent[]; expected: string[] }>([
    { name: 'nothing before', previous: [], next: [ev('a', 1)], expected: ['a'] },
    { name: 'only the new rows', previous: [ev('a', 1)], next: [ev('b', 2), ev('a', 1)], expected: ['b'] },
    { name: 'rows that left are not new', previous: [ev('a', 1), ev('b', 2)], next: [ev('a', 1)], expected: [] },
  ])('$name', ({ previous, next, expected }) => {
    expect([...newIds(previous, next)]).toEqual(expected);
  });
});
