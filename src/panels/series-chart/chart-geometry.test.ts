import { describe, expect, test } from 'vitest';
import { chartGeometry, isLabelledMinute, nearestIndex, niceCountTicks } from './chart-geometry';
import type { SeriesPoint } from './series-data';

describe('niceCountTicks', () => {
  test.each([
    { max: 0, ticks: [0, 1] },
    { max: Number.NaN, ticks: [0, 1] },
    { max: 1, ticks: [0, 1] },
    { max: 3, ticks: [0, 1, 2, 3] },
    { max: 4, ticks: [0, 1, 2, 3, 4] },
    { max: 5, ticks: [0, 2, 4, 6] },
    { max: 8, ticks: [0, 2, 4, 6, 8] },
    { max: 9, ticks: [0, 5, 10] },
    { max: 37, ticks: [0, 10, 20, 30, 40] },
    { max: 100, ticks: [0, 50, 100] },
    { max: 1234, ticks: [0, 500, 1000, 1500] },
  ])('max $max → $ticks', ({ max, ticks }) => {
    expect(niceCountTicks(max)).toEqual(ticks);
  });

  test('fewer intervals when asked (a short chart)', () => {
    expect(niceCountTicks(8, 2)).toEqual([0, 5, 10]);
  });

  test('whole numbers only, the last tick at or above the maximum', () => {
    for (let max = 1; max < 500; max += 7) {
      const ticks = niceCountTicks(max);
      expect(ticks.every(Number.isInteger)).toBe(true);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
      expect(ticks.at(-2)).toBeLessThan(max);
    }
  });
});

test.each([
  { iso: '2026-11-26T12:25:00Z', labelled: true },
  { iso: '2026-11-26T12:26:00Z', labelled: false },
  { iso: '2026-11-26T12:00:00Z', labelled: true },
])('isLabelledMinute($iso) is $labelled', ({ iso, labelled }) => {
  expect(isLabelledMinute(Date.parse(iso))).toBe(labelled);
});

const START = Date.parse('2026-11-26T11:00:00Z');
const points: SeriesPoint[] = Array.from({ length: 30 }, (_, i) => ({
  t: START + i * 60_000,
  label: `12:${String(i).padStart(2, '0')}`,
  views: i === 10 ? 9 : 1,
  visitors: i === 10 ? 4 : 1,
}));

describe('chartGeometry', () => {
  const geometry = chartGeometry(points, { width: 600, height: 300 }, 20, (n) => n.toLocaleString('en'));

  test('the plot leaves room for the labels and spans the time window', () => {
    // Two-digit counts at 14 px (0.7 × 20): 2 × 0.6 em + 1 em of gaps → 31 px; above the top
    // line, half a label's line (0.6 × 14 → 9 px).
    expect(geometry.plot).toEqual({ left: 31, top: 9, right: 590, bottom: 272 });
    expect(geometry.views[0]?.x).toBe(31);
    expect(geometry.views.at(-1)?.x).toBe(590);
  });

  test('counts grow upwards from the bottom, to the top tick', () => {
    expect(geometry.yTicks.map((t) => t.label)).toEqual(['0', '5', '10']);
    expect(geometry.yTicks[0]?.pos).toBe(272);
    expect(geometry.yTicks.at(-1)?.pos).toBe(9);
    expect(geometry.views[10]?.y).toBeCloseTo(272 - 0.9 * 263);
    expect(geometry.visitors[10]?.y).toBeCloseTo(272 - 0.4 * 263);
  });

  test('a time label every five minutes, at its point', () => {
    expect(geometry.xTicks.map((t) => t.label)).toEqual(['12:00', '12:05', '12:10', '12:15', '12:20', '12:25']);
    expect(geometry.xTicks[1]?.pos).toBe(geometry.xs[5]);
  });

  test('a time label at the right edge ends there instead of running off the chart', () => {
    // 12:01 … 12:30: the last minute, 12:30, is labelled and sits on the right edge.
    const shifted = points.map((p, i) => ({ ...p, t: p.t + 60_000, label: `12:${String(i + 1).padStart(2, '0')}` }));
    const ticks = chartGeometry(shifted, { width: 600, height: 300 }, 20, String).xTicks;
    expect(ticks.map((t) => [t.label, t.anchor])).toEqual([
      ['12:05', 'middle'],
      ['12:10', 'middle'],
      ['12:15', 'middle'],
      ['12:20', 'middle'],
      ['12:25', 'middle'],
      ['12:30', 'end'],
    ]);
    expect(geometry.xTicks.every((t) => t.anchor === 'middle')).toBe(true);
  });

  test('a narrow chart drops time labels instead of overlapping them', () => {
    const narrow = chartGeometry(points, { width: 180, height: 120 }, 20, String);
    // 24 px between five-minute marks, a label needs 50 px: every third one.
    expect(narrow.xTicks.map((t) => t.label)).toEqual(['12:00', '12:15']);
    expect(narrow.yTicks.map((t) => t.label)).toEqual(['0', '5', '10']);
  });

  test('one point or none does not divide by zero', () => {
    const one = chartGeometry(points.slice(0, 1), { width: 600, height: 300 }, 20, String);
    expect(one.views).toEqual([{ x: one.plot.left, y: expect.any(Number) }]);
    expect(Number.isFinite(one.views[0]?.y)).toBe(true);
    expect(chartGeometry([], { width: 600, height: 300 }, 20, String).views).toEqual([]);
  });
});

test.each([
  { xs: [], px: 10, index: -1 },
  { xs: [0, 10, 20], px: -5, index: 0 },
  { xs: [0, 10, 20], px: 14, index: 1 },
  { xs: [0, 10, 20], px: 16, index: 2 },
  { xs: [0, 10, 20], px: 99, index: 2 },
])('nearestIndex($xs, $px) = $index', ({ xs, px, index }) => {
  expect(nearestIndex(xs, px)).toBe(index);
});
