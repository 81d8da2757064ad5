import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { watchIdle } from './idle-cursor';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

test('marks the page idle after 3 s without activity, and active again on a move', () => {
  const root = document.createElement('html');
  const target = new EventTarget();
  const stop = watchIdle(root, 3000, target);

  vi.advanceTimersByTime(2999);
  expect(root.hasAttribute('data-idle')).toBe(false);
  vi.advanceTimersByTime(1);
  expect(root.hasAttribute('data-idle')).toBe(true);

  target.dispatchEvent(new Event('pointermove'));
  expect(root.hasAttribute('data-idle')).toBe(false);
  vi.advanceTimersByTime(2000);
  target.dispatchEvent(new Event('keydown')); // activity restarts the 3 s
  vi.advanceTimersByTime(2000);
  expect(root.hasAttribute('data-idle')).toBe(false);
  vi.advanceTimersByTime(1000);
  expect(root.hasAttribute('data-idle')).toBe(true);

  stop();
  expect(root.hasAttribute('data-idle')).toBe(false);
  vi.advanceTimersByTime(10_000);
  target.dispatchEvent(new Event('pointermove'));
  vi.advanceTimersByTime(10_000);
  expect(root.hasAttribute('data-idle')).toBe(false);
});
