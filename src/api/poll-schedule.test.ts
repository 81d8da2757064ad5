import { expect, test } from 'vitest';
import { msUntilNextPoll, pollOffsetShare, POLL_SPREAD } from './poll-schedule';

test.each([
  // interval, now, expected wait
  [10_000, 1_800_000_000_000, 10_000], // exactly on a slot: the next one
  [10_000, 1_800_000_000_050, 9_950], // just after a poll that started on the slot
  [10_000, 1_800_000_003_000, 7_000],
  [10_000, 1_800_000_008_000, 2_000], // 2 s left: still this slot (a fifth is 2 s)
  [10_000, 1_800_000_008_500, 11_500], // first load 1.5 s before a slot: skip to the next
  [5_000, 1_800_000_001_000, 4_000],
  [30_000, 1_800_000_000_000, 30_000],
  [10_000, -2_000, 2_000], // clocks before 1970 still land on slots
])('every %i ms, at %i: wait %i ms', (interval, now, wait) => {
  const ms = msUntilNextPoll(interval, now);
  expect(ms).toBe(wait);
  expect(Math.abs((now + ms) % interval)).toBe(0);
});

test.each([
  // interval, now, offset, expected wait
  [10_000, 1_800_000_000_000, 1_500, 1_500 + 10_000], // 1.5 s to this screen's slot: under a fifth, so the next one
  [10_000, 1_800_000_000_000, 2_500, 2_500],
  [10_000, 1_800_000_002_600, 2_500, 9_900],
])('every %i ms at %i with offset %i: wait %i ms', (interval, now, offset, wait) => {
  expect(msUntilNextPoll(interval, now, offset)).toBe(wait);
});

test('a screen sits somewhere in the spread, not beyond it', () => {
  expect(pollOffsetShare).toBeGreaterThanOrEqual(0);
  expect(pollOffsetShare).toBeLessThan(POLL_SPREAD);
});
