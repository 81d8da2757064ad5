import { expect, test } from 'vitest';
import { createBudget } from './budget.ts';

test('at most `limit` calls in any window, sliding rather than fixed', () => {
  let now = 0;
  const budget = createBudget({ limit: 3, windowMs: 1000 }, () => now);
  expect([budget.take(), budget.take(), budget.take(), budget.take()]).toEqual([true, true, true, false]);
  expect(budget.waitMs()).toBe(1000);
  now = 999;
  expect(budget.take()).toBe(false);
  now = 1000; // the first three leave the window together
  expect(budget.stats()).toEqual({ limit: 3, windowMs: 1000, used: 0, refused: 2 });
  expect(budget.take()).toBe(true);
});

test('a burst at the end of one window does not double the next', () => {
  let now = 900;
  const budget = createBudget({ limit: 2, windowMs: 1000 }, () => now);
  expect([budget.take(), budget.take()]).toEqual([true, true]);
  now = 1100; // a fixed window would have reset at 1000
  expect(budget.take()).toBe(false);
  expect(budget.waitMs()).toBe(800);
  now = 1900;
  expect(budget.take()).toBe(true);
});

test('random call times never exceed the limit in any window', () => {
  let now = 0;
  const budget = createBudget({ limit: 5, windowMs: 100 }, () => now);
  const taken: number[] = [];
  for (let i = 0; i < 2000; i++) {
    now += Math.floor(Math.random() * 10);
    if (budget.take()) taken.push(now);
  }
  for (let i = 5; i < taken.length; i++) expect((taken[i] ?? 0) - (taken[i - 5] ?? 0)).toBeGreaterThanOrEqual(100);
  expect(taken.length).toBeGreaterThan(50);
});

test('low-priority calls (the exact routes) stop at half the window; the realtime poll keeps the rest', () => {
  let now = 0;
  const budget = createBudget({ limit: 5, windowMs: 1000 }, () => now);
  expect([budget.take('low'), budget.take('low'), budget.take('low'), budget.take('low')]).toEqual([true, true, true, false]);
  expect(budget.waitMs('low')).toBe(1000);
  expect(budget.waitMs()).toBe(0);
  now = 200;
  expect([budget.take(), budget.take(), budget.take()]).toEqual([true, true, false]);
  now = 500;
  expect(budget.take('low')).toBe(false);
  now = 1000; // the three low calls leave; the two realtime calls are still in the window
  expect(budget.take('low')).toBe(true);
  expect(budget.take('low')).toBe(false);
  expect(budget.stats()).toEqual({ limit: 5, windowMs: 1000, used: 3, refused: 4 });
});

test('the low share of a budget of one is that one call', () => {
  const budget = createBudget({ limit: 1, windowMs: 1000 }, () => 0);
  expect(budget.take('low')).toBe(true);
  expect(budget.take()).toBe(false);
});
