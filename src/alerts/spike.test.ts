import { describe, expect, test } from 'vitest';
import { spikeAt } from './spike';

const MINUTE = 60_000;
const END = Date.parse('2026-11-26T11:30:00.000Z');

/** 30 buckets ending at END's minute, with the given views (oldest first). */
const points = (views: number[]) => views.map((v, i) => ({ t: END - (29 - i) * MINUTE, views: v }));
const flat = (perMinute: number) => Array.from({ length: 30 }, () => perMinute);
const withLast5 = (base: number, last: number[]) => [...Array.from({ length: 25 }, () => base), ...last];

describe('spikeAt: the last 5 minutes against the 30-minute average, per minute', () => {
  test.each<[string, number[], number, number, ReturnType<typeof spikeAt>]>([
    ['steady traffic is no spike', flat(4), END + 30_000, 3, { spike: false }],
    ['nothing at all', flat(0), END + 30_000, 3, { spike: false }],
    // 25 × 1 + 5 × 10 = 75 views in 29.5 min (2.54/min); 50 in 4.5 min (11.1/min): 4.4×.
    ['a burst: 10 a minute after 1 a minute', withLast5(1, [10, 10, 10, 10, 10]), END + 30_000, 3, { spike: true, views: 50, ratio: (50 / 4.5) / (75 / 29.5) }],
    ['the same burst under a higher factor', withLast5(1, [10, 10, 10, 10, 10]), END + 30_000, 5, { spike: false }],
    // All views in the last 5 minutes: the most a spike can be, (29 + x) / (4 + x) ≥ 6.
    ['all views in the last 5 minutes reach 6×', withLast5(0, [2, 2, 2, 2, 2]), END + 59_999, 6, { spike: true, views: 10, ratio: (10 / (4 + 59_999 / MINUTE)) / (10 / (29 + 59_999 / MINUTE)) }],
    ['fewer than 5 views is noise, whatever the ratio', withLast5(0, [0, 0, 1, 1, 2]), END + 30_000, 3, { spike: false }],
    // Early in a minute the current bucket counts for the seconds that have passed.
    ['a burst in the current minute counts at once', withLast5(1, [1, 1, 1, 1, 12]), END + 20_000, 2, { spike: true, views: 16, ratio: (16 / (4 + 1 / 3)) / (41 / (29 + 1 / 3)) }],
  ])('%s', (_, views, now, factor, expected) => {
    const result = spikeAt(points(views), now, factor);
    if (expected.spike && result.spike) {
      expect(result.views).toBe(expected.views);
      expect(result.ratio).toBeCloseTo(expected.ratio, 6);
    } else expect(result).toEqual(expected);
  });

  test('too few buckets or a clock before them: no spike', () => {
    expect(spikeAt(points(flat(3)).slice(0, 3), END, 2)).toEqual({ spike: false });
    expect(spikeAt(points(flat(3)), END - 10 * MINUTE, 2)).toEqual({ spike: false });
  });
});
