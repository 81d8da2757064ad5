import { describe, expect, test } from 'vitest';
import { compactTitle, formatAge, formatCompact, formatNumber, formatPercent } from './format';

describe('formatNumber', () => {
  test.each([
    [0, 'en-US', '0'],
    [1234, 'en-US', '1,234'],
    [1234, 'de-DE', '1.234'],
    [12.7, 'en-US', '13'],
  ])('%d in %s → %s', (value, lang, expected) => {
    expect(formatNumber(value, lang)).toBe(expected);
  });
});

describe('formatPercent', () => {
  // The order matters: a cached formatter must not carry one share's digits to the next.
  test.each([
    [0.42, 'en-US', '42%'],
    [0.042, 'en-US', '4.2%'],
    [0.5, 'en-US', '50%'],
    [0.04, 'en-US', '4%'],
    [0.042, 'de-DE', '4,2\u00a0%'],
    [1, 'en-US', '100%'],
    [0.0999, 'en-US', '10%'],
    [0.1, 'en-US', '10%'],
    [0.0421, 'en-US', '4.2%'],
    [0.42, 'de-DE', '42\u00a0%'],
    [0.0004, 'en-US', '0%'],
  ])('%d in %s → %s', (share, lang, expected) => {
    expect(formatPercent(share, lang)).toBe(expected);
  });
});

describe('formatAge', () => {
  test.each([
    [-5000, 'just now'],
    [0, 'just now'],
    [9_999, 'just now'],
    [10_000, '10 s ago'],
    [19_999, '10 s ago'],
    [25_000, '20 s ago'],
    [59_999, '50 s ago'],
    [60_000, '1 min ago'],
    [3_599_000, '59 min ago'],
    [3_600_000, '1 h ago'],
    [49 * 3_600_000, '2 d ago'],
  ])('%d ms → %s', (ms, expected) => {
    expect(formatAge(ms)).toBe(expected);
  });
});

describe('formatCompact', () => {
  test.each([
    [9_999, 'en', '9,999'],
    [9_600, 'en', '9,600'],
    [12_345, 'en', '12.3K'],
    [987_654_321, 'en', '988M'],
    [1_000_000, 'en', '1M'],
    [1_234_567_890, 'en', '1.23B'],
    [Number.MAX_SAFE_INTEGER, 'en', '9010T'],
    [1_234_567, 'de-DE', '1,23\u00a0Mio.'],
  ])('%d in %s → %s', (value, lang, expected) => {
    expect(formatCompact(value, lang)).toBe(expected);
  });

  test('a lower threshold where a frame is narrower', () => {
    expect(formatCompact(1_500, 'en', 1_000)).toBe('1.5K');
  });
});

describe('compactTitle: the exact number exactly where formatCompact abbreviates', () => {
  test.each<[number, number | undefined, string | undefined]>([
    [9_999, undefined, undefined],
    [10_000, undefined, '10,000'],
    [1_234_567_890, undefined, '1,234,567,890'],
    [99_999, 100_000, undefined],
    [123_456, 100_000, '123,456'],
  ])('%d (from %s) → %s', (value, from, expected) => {
    expect(compactTitle(value, 'en', from)).toBe(expected);
    // A title is there exactly when the shown text is not the exact number.
    expect(expected === undefined).toBe(formatCompact(value, 'en', from) === formatNumber(value, 'en'));
  });
});
