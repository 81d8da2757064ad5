import { describe, expect, test } from 'vitest';
import type { RealtimeEvent } from '../api/realtime-schema';
import { addArrivals, liveToasts, someOf, watchEvents, type AlertAnswer, type AlertToast, type EventWatch } from './event-alerts';

const WINDOW = 30 * 60_000;
const T0 = Date.parse('2026-11-26T11:25:57.741Z');
const NAMES = new Set(['purchase', 'signup-click']);

function row(type: RealtimeEvent['type'], eventName: string | null, createdAt: number, fields: Partial<RealtimeEvent> = {}): RealtimeEvent {
  const event = {
    type,
    sessionId: 's1',
    eventName,
    createdAt,
    browser: 'chrome',
    os: 'Mac OS',
    device: 'laptop',
    country: 'DE',
    urlPath: '/checkout',
    referrerDomain: null,
    hostname: 'shop.example.com',
    ...fields,
  };
  return { ...event, id: [type, event.sessionId, createdAt, eventName ?? '', event.urlPath].join('|') };
}

const answer = (timestamp: number, events: RealtimeEvent[]): AlertAnswer => ({ events, timestamp });

/** Runs answers through one watch; the ids that arrived at each. */
function arrivals(answers: AlertAnswer[]): string[][] {
  let watch: EventWatch | null = null;
  return answers.map((a) => {
    const result = watchEvents(watch, a, NAMES, WINDOW);
    watch = result.watch;
    return result.arrived.map((event) => event.id);
  });
}

const old = row('event', 'purchase', T0 - 60_000);
const fresh = row('event', 'purchase', T0 + 5_000);
const fresh2 = row('event', 'purchase', T0 + 6_000, { sessionId: 's2', country: 'FR', urlPath: '/cart' });
const signup = row('event', 'signup-click', T0 + 7_000);
const other = row('event', 'add-to-cart', T0 + 8_000);
const view = row('pageview', null, T0 + 9_000);
// Umami copies a session's first row as a `session` row, event name included.
const sessionCopy = row('session', 'purchase', T0 + 5_000);

describe('watchEvents: an event is news once, and only when newer than the page', () => {
  test.each<[string, AlertAnswer[], string[][]]>([
    ['the first answer is what the page found: no news', [answer(T0, [old])], [[]]],
    ['a chosen event arriving later is news', [answer(T0, [old]), answer(T0 + 10_000, [fresh, old])], [[], [fresh.id]]],
    ['and only once across later polls', [answer(T0, [old]), answer(T0 + 10_000, [fresh, old]), answer(T0 + 20_000, [fresh, old]), answer(T0 + 30_000, [fresh])], [[], [fresh.id], [], []]],
    ['several at once, newest first', [answer(T0, []), answer(T0 + 10_000, [signup, fresh2, fresh])], [[], [signup.id, fresh2.id, fresh.id]]],
    ['other events, page views and session copies are not alerts', [answer(T0, []), answer(T0 + 10_000, [view, other, sessionCopy])], [[], []]],
    ['an unseen row older than the page is not news (it slid into the newest 100)', [answer(T0, []), answer(T0 + 10_000, [old])], [[], []]],
    ['a row that disappears for a poll (a stale answer) and comes back is not news again', [answer(T0, []), answer(T0 + 10_000, [fresh]), answer(T0 + 5_000, []), answer(T0 + 20_000, [fresh])], [[], [fresh.id], [], []]],
  ])('%s', (_, answers, expected) => {
    expect(arrivals(answers)).toEqual(expected);
  });

  test('remembers only rows within two windows, so a wall left on for weeks stays small', () => {
    let watch = watchEvents(null, answer(T0, [old]), NAMES, WINDOW).watch;
    watch = watchEvents(watch, answer(T0 + 10_000, [fresh]), NAMES, WINDOW).watch;
    expect([...watch.seen.keys()]).toEqual([old.id, fresh.id]);
    watch = watchEvents(watch, answer(T0 + 2 * WINDOW + 30_000, []), NAMES, WINDOW).watch;
    expect([...watch.seen.keys()]).toEqual([]);
    expect(watch.since).toBe(T0);
  });
});

const LIMITS = { durationMs: 8_000, max: 3 };
const shown = (toasts: AlertToast[]) => toasts.map((t) => `${t.siteId}:${t.count > 1 ? `${t.count} × ` : ''}${t.name} [${t.pages.join(' ')}] [${t.countries.join(' ')}] until ${t.expiresAt - T0}`);

describe('addArrivals: toasts merge by site and name', () => {
  test.each<[string, (toasts: AlertToast[]) => AlertToast[], string[]]>([
    ['one event, one toast', (t) => addArrivals(t, 'a', [fresh], T0, LIMITS), ['a:purchase [/checkout] [DE] until 8000']],
    ['several of a name at once: one toast with the count', (t) => addArrivals(t, 'a', [fresh2, fresh, row('event', 'purchase', T0 + 1, { country: null })], T0, LIMITS), ['a:3 × purchase [/cart /checkout] [FR DE] until 8000']],
    ['two names: two toasts', (t) => addArrivals(t, 'a', [signup, fresh], T0, LIMITS), ['a:signup-click [/checkout] [DE] until 8000', 'a:purchase [/checkout] [DE] until 8000']],
    [
      'a later arrival adds to a toast still showing, which starts its time again',
      (t) => addArrivals(addArrivals(t, 'a', [fresh], T0, LIMITS), 'a', [fresh2], T0 + 5_000, LIMITS),
      ['a:2 × purchase [/cart /checkout] [FR DE] until 13000'],
    ],
    ['after the toast has gone, a new one', (t) => addArrivals(addArrivals(t, 'a', [fresh], T0, LIMITS), 'a', [fresh2], T0 + 8_000, LIMITS), ['a:purchase [/cart] [FR] until 16000']],
    ['each site its own toast', (t) => addArrivals(addArrivals(t, 'a', [fresh], T0, LIMITS), 'b', [fresh], T0, LIMITS), ['a:purchase [/checkout] [DE] until 8000', 'b:purchase [/checkout] [DE] until 8000']],
    [
      'beyond the limit the oldest go',
      (t) => ['a', 'b', 'c', 'd'].reduce((acc, site, i) => addArrivals(acc, site, [fresh], T0 + i, LIMITS), t),
      ['b:purchase [/checkout] [DE] until 8001', 'c:purchase [/checkout] [DE] until 8002', 'd:purchase [/checkout] [DE] until 8003'],
    ],
    ['nothing arrived: nothing shown', (t) => addArrivals(t, 'a', [], T0, LIMITS), []],
  ])('%s', (_, run, expected) => {
    expect(shown(run([]))).toEqual(expected);
  });

  test('liveToasts drops expired toasts and keeps the array when none did', () => {
    const toasts = addArrivals(addArrivals([], 'a', [fresh], T0, LIMITS), 'b', [fresh], T0 + 2_000, LIMITS);
    expect(liveToasts(toasts, T0 + 7_999)).toBe(toasts);
    expect(liveToasts(toasts, T0 + 8_000).map((t) => t.siteId)).toEqual(['b']);
    expect(liveToasts(toasts, T0 + 10_000)).toEqual([]);
  });
});

test.each<[string[], string[], number]>([
  [[], [], 0],
  [['/a'], ['/a'], 0],
  [['/a', '/b'], ['/a', '/b'], 0],
  [['/a', '/b', '/c', '/d'], ['/a', '/b'], 2],
])('someOf %j: the first two, and how many more', (items, shown, more) => {
  expect(someOf(items)).toEqual({ shown, more });
});
