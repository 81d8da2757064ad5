import { describe, expect, test } from 'vitest';
import { changeBetween, direction, formatChange, todayEvents } from './today-data';

describe('changeBetween + formatChange', () => {
  test.each<[now: number, before: number, lang: string, text: string, way: 'up' | 'down' | 'same']>([
    [112, 100, 'en-US', '+12%', 'up'],
    [92, 100, 'en-US', '\u22128%', 'down'],
    [100, 100, 'en-US', '0%', 'same'],
    [1004, 1000, 'en-US', '0%', 'same'], // +0.4 % rounds to no change
    [5, 0, 'en-US', 'new', 'up'],
    [0, 0, 'en-US', '0%', 'same'],
    [0, 40, 'en-US', '\u2212100%', 'down'],
    [300, 100, 'en-US', '+200%', 'up'],
    [1_000_000, 1, 'en-US', '+9,900%', 'up'], // capped: beyond ×100 it only says "a lot"
    [112, 100, 'de-DE', '+12\u00a0%', 'up'],
    [92, 100, 'de-DE', '\u22128\u00a0%', 'down'],
  ])('%i against %i in %s reads %s', (now, before, lang, text, way) => {
    const change = changeBetween(now, before);
    expect(formatChange(change, lang)).toBe(text);
    expect(direction(change)).toBe(way);
  });
});

test('custom events today add up every event name', () => {
  expect(
    todayEvents([
      { name: 'purchase', pageviews: 12, visitors: 9 },
      { name: 'signup-click', pageviews: 30, visitors: 20 },
      { name: null, pageviews: 1, visitors: 1 },
    ]),
  ).toBe(43);
  expect(todayEvents([])).toBe(0);
});
