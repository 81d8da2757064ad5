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
