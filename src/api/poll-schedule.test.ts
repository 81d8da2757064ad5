import { expect, test } from 'vitest';
import { msUntilNextPoll } from './poll-schedule';

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
