import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { useRotation } from './use-rotation';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

test('moves to the next site every interval and wraps around', () => {
  const { result } = renderHook(() => useRotation(3, 10_000));
  const seen = [result.current];
  for (let i = 0; i < 4; i += 1) {
    act(() => vi.advanceTimersByTime(10_000));
    seen.push(result.current);
  }
  expect(seen).toEqual([0, 1, 2, 0, 1]);
});

test.each([
  [1, 10_000],
  [3, null],
])('stays on the first site with %s site(s) and interval %s', (count, interval) => {
  const { result } = renderHook(() => useRotation(count, interval));
  act(() => vi.advanceTimersByTime(60_000));
  expect(result.current).toBe(0);
});

test('stops when unmounted', () => {
  const { unmount } = renderHook(() => useRotation(2, 5_000));
  unmount();
  expect(vi.getTimerCount()).toBe(0);
});
