import { expect, test } from 'vitest';
import { fitCount } from './use-fit-count';

test.each([
  // height, font size, row em, reserved em, fallback → rows
  { height: 0, font: 16, rowEm: 2, reservedEm: 0, fallback: 8, expected: 8 },
  { height: -5, font: 16, rowEm: 2, reservedEm: 0, fallback: 8, expected: 8 },
  { height: 320, font: 0, rowEm: 2, reservedEm: 0, fallback: 8, expected: 8 },
  { height: 320, font: 16, rowEm: 2, reservedEm: 0, fallback: 8, expected: 10 },
  { height: 319, font: 16, rowEm: 2, reservedEm: 0, fallback: 8, expected: 9 },
  { height: 319.9, font: 16, rowEm: 2, reservedEm: 0, fallback: 8, expected: 10 },
  { height: 320, font: 16, rowEm: 2, reservedEm: 2, fallback: 8, expected: 9 },
  { height: 20, font: 16, rowEm: 2, reservedEm: 2, fallback: 8, expected: 0 },
  { height: 1000, font: 40, rowEm: 2.5, reservedEm: 0, fallback: 8, expected: 10 },
])('$height px at $font px, rows of $rowEm em, $reservedEm em reserved → $expected', ({ height, font, rowEm, reservedEm, fallback, expected }) => {
  expect(fitCount(height, font, { rowEm, reservedEm, fallback })).toBe(expected);
});
