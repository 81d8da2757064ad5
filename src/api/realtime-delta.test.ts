import { describe, expect, test } from 'vitest';
import { fixture } from '../test/fixtures';
import { realtimeResult } from '../test/realtime-result';
import type { RealtimeResult } from './fetch-realtime';
import { answerKey, applyRealtimePatch, diffRealtime, keepAnswer } from './realtime-delta';
import { parseRealtime, type RealtimeData, type RealtimeEvent } from './realtime-schema';

const BASE = realtimeResult(fixture('busy'), { receivedAt: 1_000 });
const EMPTY = realtimeResult(fixture('empty'), { receivedAt: 1_000 });

/** A fresh parse of the same body (no shared objects), changed by `change`. */
function next(change: (data: RealtimeData) => void = () => {}, meta: Partial<RealtimeResult> = {}): RealtimeResult {
  const data = parseRealtime(fixture('busy'), 2_000);
  data.timestamp = BASE.data.timestamp + 10_000;
  change(data);
  return { ...BASE, receivedAt: 2_000, ...meta, data };
}

const newEvent = (n: number): RealtimeEvent => ({ ...BASE.data.events[0]!, id: `new-${n}`, createdAt: BASE.data.timestamp + n });

type Part = 'totals' | 'series' | 'countries' | 'urls' | 'referrers' | 'events';
const PARTS: Part[] = ['totals', 'series', 'countries', 'urls', 'referrers', 'events'];

describe('a patch rebuilds the answer, sharing what did not change with the one before', () => {
  test.each<[string, RealtimeResult, Part[], number]>([
    // [case, the new answer, parts that must be new objects, events that cross the thread]
    ['nothing changed', next(), [], 0],
    ['two new events on top, the oldest two gone', next((d) => d.events.splice(0, 0, newEvent(1), newEvent(2)) && d.events.splice(-2)), ['events'], 2],
    ['only the oldest event gone', next((d) => d.events.pop()), ['events'], 0],
    [
      "a session row's copied fields changed under the same id",
      next((d) => {
        const i = d.events.findIndex((e) => e.type === 'session');
        d.events[i] = { ...d.events[i]!, urlPath: '/elsewhere' };
      }),
      ['events'],
      1,
    ],
    ['a count changed', next((d) => (d.urls['/products'] = 99)), ['urls'], 0],
    ['a key added and one removed', next((d) => { d.countries.ZZ = 1; delete d.countries.DE; }), ['countries'], 0],
    ['the last minute of views moved', next((d) => (d.series.views.at(-1)!.y += 1)), ['series'], 0],
    ['totals moved', next((d) => (d.totals.views += 1)), ['totals'], 0],
    ['a new referrer', next((d) => (d.referrers['news.example'] = 3)), ['referrers'], 0],
  ])('%s', (_, answer, changed, sentEvents) => {
    const patch = diffRealtime(BASE, answer);
    expect(patch.data.events.filter((entry) => typeof entry !== 'number')).toHaveLength(sentEvents);
    const rebuilt = applyRealtimePatch(BASE, patch);
    expect(rebuilt).toEqual(answer);
    for (const part of PARTS) {
      if (changed.includes(part)) expect(rebuilt.data[part]).not.toBe(BASE.data[part]);
      else expect(rebuilt.data[part]).toBe(BASE.data[part]);
    }
    // Events that stayed are the very objects the page already holds.
    const kept = new Map(BASE.data.events.map((event) => [event.id, event]));
    for (const event of rebuilt.data.events) {
      const before = kept.get(event.id);
      if (before && JSON.stringify(before) === JSON.stringify(event)) expect(event).toBe(before);
    }
  });

  test.each<[string, RealtimeResult | null, RealtimeResult]>([
    ['no base: everything crosses', null, BASE],
    ['from an empty answer', EMPTY, BASE],
    ['to an empty answer', BASE, EMPTY],
  ])('%s', (_, base, answer) => {
    expect(applyRealtimePatch(base, diffRealtime(base, answer))).toEqual(answer);
  });

  test('the metadata always comes along', () => {
    const answer = next(undefined, { upstreamStaleAge: 42, staleReason: 'rate-limited', mode: 'login', timezone: 'UTC' });
    expect(applyRealtimePatch(BASE, diffRealtime(BASE, answer))).toMatchObject({
      receivedAt: 2_000,
      upstreamStaleAge: 42,
      staleReason: 'rate-limited',
      mode: 'login',
      timezone: 'UTC',
    });
  });

  test('a patch on an answer the page does not hold is refused, not half applied', () => {
    const patch = diffRealtime(BASE, next());
    expect(() => applyRealtimePatch(EMPTY, patch)).toThrow(RangeError);
  });

  test('only what changed crosses: an answer with nothing new is a small message', () => {
    const whole = JSON.stringify(diffRealtime(null, BASE)).length;
    const unchanged = JSON.stringify(diffRealtime(BASE, next())).length;
    expect(unchanged).toBeLessThan(whole / 20);
  });
});

test('each side keeps the last answer of the 8 sites and zones used most recently', () => {
  const kept = new Map<string, number>();
  for (let site = 1; site <= 9; site++) keepAnswer(kept, answerKey(`site-${site}`, 'UTC'), site);
  keepAnswer(kept, answerKey('site-2', 'UTC'), 22); // used again: now the most recent
  keepAnswer(kept, answerKey('site-10', 'UTC'), 10);
  expect([...kept.keys()]).toEqual([4, 5, 6, 7, 8, 9, 2, 10].map((site) => answerKey(`site-${site}`, 'UTC')));
  expect(kept.get(answerKey('site-2', 'UTC'))).toBe(22);
  expect(answerKey('a', 'UTC')).not.toBe(answerKey('a', 'Europe/Berlin'));
});
