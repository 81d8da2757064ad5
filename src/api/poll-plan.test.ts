import { expect, test } from 'vitest';
import { budgetCapacity, callsInWindow, callsPerSitePerMinute, msUntilFirstSlot, planPolling, slotOffsetMs } from './poll-plan';

const CLOUD = { limit: 40, windowMs: 15_000 };
const SELF_HOSTED = { limit: 600, windowMs: 15_000 };

test.each([
  // sites, exact routes, budget, realtime s, exact s, stretched
  [1, 3, CLOUD, 10, 30, false],
  [2, 3, CLOUD, 10, 30, false],
  [6, 3, CLOUD, 15, 45, true],
  [30, 3, CLOUD, 75, 225, true],
  [30, 6, CLOUD, 150, 450, true],
  [30, 3, SELF_HOSTED, 10, 30, false],
  [30, 3, null, 10, 30, false],
  // One site always polls as asked: the proxy keeps its realtime alive whatever the budget.
  [1, 6, { limit: 4, windowMs: 15_000 }, 10, 30, false],
])('%i sites × %i exact routes on %j: every %i s / %i s, stretched %s', (sites, exactRoutes, budget, realtimeS, exactS, stretched) => {
  const plan = planPolling({ sites, exactRoutes, intervalMs: 10_000, exactIntervalMs: 30_000, budget });
  expect(plan).toMatchObject({ intervalMs: realtimeS * 1000, exactIntervalMs: exactS * 1000, stretched });
  if (budget && sites > 1) expect(plan.callsPerWindow).toBeLessThanOrEqual(plan.capacity);
});

test('the shortest interval that fits: one step shorter would not', () => {
  for (const sites of [3, 8, 17, 30]) {
    const plan = planPolling({ sites, exactRoutes: 3, intervalMs: 10_000, exactIntervalMs: 30_000, budget: CLOUD });
    if (!plan.stretched) continue;
    const shorter = plan.intervalMs - 5_000;
    const calls = callsInWindow(sites, 1, shorter, 15_000) + callsInWindow(sites, 3, Math.ceil((shorter * 3) / 1000) * 1000, 15_000);
    expect(shorter < 10_000 || calls > plan.capacity).toBe(true);
  }
});

test('intervals asked for longer than needed are kept', () => {
  expect(planPolling({ sites: 4, exactRoutes: 3, intervalMs: 60_000, exactIntervalMs: 120_000, budget: CLOUD })).toMatchObject({ intervalMs: 60_000, exactIntervalMs: 120_000, stretched: false });
});

test('a budget too small for any pace stops at the longest interval instead of looping', () => {
  const plan = planPolling({ sites: 30, exactRoutes: 6, intervalMs: 10_000, exactIntervalMs: 30_000, budget: { limit: 2, windowMs: 15_000 } });
  expect(plan.stretched).toBe(true);
  expect(plan.intervalMs).toBe(15 * 60_000);
});

test.each([
  [40, 19],
  [41, 20],
  [600, 299],
  [1, 0],
])('a budget of %i per window serves %i calls without refusing an exact route', (limit, capacity) => {
  expect(budgetCapacity({ limit, windowMs: 15_000 })).toBe(capacity);
});

test.each([
  // sites, calls per poll, interval, window, most calls in a window
  [1, 1, 10_000, 15_000, 3],
  [30, 1, 60_000, 15_000, 9],
  [30, 3, 180_000, 15_000, 12],
  [0, 3, 10_000, 15_000, 0],
])('%i sites × %i calls every %i ms: at most %i in %i ms', (sites, perPoll, interval, window, most) => {
  expect(callsInWindow(sites, perPoll, interval, window)).toBe(most);
});

test('sites are spread evenly over the interval by their place in the sorted list, the same on every screen', () => {
  const ids = ['c', 'a', 'b', 'd'];
  expect(ids.map((id) => slotOffsetMs(id, ids, 60_000))).toEqual([30_000, 0, 15_000, 45_000]);
  expect(slotOffsetMs('b', ['d', 'b', 'c', 'a'], 60_000)).toBe(15_000);
  expect(slotOffsetMs('zz', ids, 60_000)).toBe(0);
});

test.each([
  [15_000, 60_000, 1_000_000_020_000, 15_000], // on a minute boundary
  [15_000, 60_000, 1_000_000_040_000, 55_000], // 20 s past it: the slot has gone by, the next one
  [0, 60_000, 1_000_000_040_000, 40_000],
  [0, 60_000, 1_000_000_020_000, 0], // right on the slot: now
])('offset %i every %i at %i: first slot in %i ms', (offset, interval, now, wait) => {
  expect(msUntilFirstSlot(offset, interval, now)).toBe(wait);
});

test('calls per site per minute, as the README counts them', () => {
  expect(callsPerSitePerMinute(6, 10_000, 30_000)).toBe(18);
  expect(callsPerSitePerMinute(3, 10_000, 30_000)).toBe(12);
  expect(callsPerSitePerMinute(3, 75_000, 225_000)).toBeCloseTo(1.6);
});
