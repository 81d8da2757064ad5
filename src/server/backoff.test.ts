import { expect, test } from 'vitest';
import { MAX_BACKOFF_MS, MIN_BACKOFF_MS, backoffMs, parseRetryAfter } from './backoff.ts';

const NOW = Date.parse('2026-11-26T12:00:00Z');

test.each<[string | null, number | null]>([
  [null, null],
  ['30', 30_000],
  [' 7 ', 7_000],
  ['0', MIN_BACKOFF_MS],
  ['86400', MAX_BACKOFF_MS],
  ['Thu, 26 Nov 2026 12:00:45 GMT', 45_000],
  ['Thu, 26 Nov 2026 11:00:00 GMT', MIN_BACKOFF_MS],
  ['soon', null],
  ['-5', null],
])('Retry-After %j → %s ms', (header, ms) => {
  expect(parseRetryAfter(header, NOW)).toBe(ms);
});

test.each([
  [1, 0, 1000],
  [1, 1, 2000],
  [2, 0, 2000],
  [3, 0.5, 6000],
  [4, 1, 16000],
  [30, 1, MAX_BACKOFF_MS],
])('attempt %i with random %d → %i ms', (attempt, random, ms) => {
  expect(backoffMs(attempt, () => random)).toBe(ms);
});
