import { describe, expect, test } from 'vitest';
import { THEME_SELECTORS, themeColour } from '../test/theme-palette';
import { blend, contrastRatio, parseHex } from './contrast';

test.each([
  ['#000000', '#ffffff', 21],
  ['#ffffff', '#ffffff', 1],
  ['#777777', '#ffffff', 4.48],
  ['#0369a1', '#ffffff', 5.93],
])('contrast of %s on %s is %s', (a, b, expected) => {
  expect(contrastRatio(parseHex(a), parseHex(b))).toBeCloseTo(expected, 1);
});

test('blend mixes a translucent colour over an opaque one', () => {
  expect(blend([255, 0, 0], 0.2, [255, 255, 255])).toEqual([255, 204, 204]);
});

describe.each(THEME_SELECTORS)('the %s theme meets WCAG AA', (_name, selector) => {
  const hex = (name: string) => parseHex(themeColour(selector, name));

  test.each(['fg', 'muted', 'accent', 'accent-2', 'warn', 'danger', 'up'])('--color-%s text on the page and on a panel', (name) => {
    expect(contrastRatio(hex(name), hex('bg'))).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(hex(name), hex('panel'))).toBeGreaterThanOrEqual(4.5);
  });

  // The stale badge and the error message sit on a 15–20 % tint of their own colour.
  test.each(['warn', 'danger'])('--color-%s text on its own tint', (name) => {
    expect(contrastRatio(hex(name), blend(hex(name), 0.2, hex('panel')))).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(hex(name), blend(hex(name), 0.2, hex('bg')))).toBeGreaterThanOrEqual(4.5);
  });
});
