import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { refreshNow, TICK_MS, useNowDerived } from './use-now';

const START = Date.parse('2026-11-26T12:00:00Z');

function Seconds() {
  const seconds = useNowDerived((now) => Math.round((now - START) / 1000));
  return <p data-testid="seconds">{seconds}</p>;
}

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});

afterEach(() => {
  vi.useRealTimers();
});

const shown = () => Number(screen.getByTestId('seconds').textContent);

test('ticks every TICK_MS while something is subscribed', () => {
  render(<Seconds />);
  expect(shown()).toBe(0);
  act(() => void vi.advanceTimersByTime(TICK_MS - 1));
  expect(shown()).toBe(0);
  act(() => void vi.advanceTimersByTime(1));
  expect(shown()).toBe(5);
  act(() => void vi.advanceTimersByTime(TICK_MS));
  expect(shown()).toBe(10);
});

test('a refresh (a poll) moves the clock at once, and the next tick comes TICK_MS after it', () => {
  render(<Seconds />);
  act(() => void vi.advanceTimersByTime(2_000));
  expect(shown()).toBe(0);
  act(() => refreshNow());
  expect(shown()).toBe(2);
  // Not at the old tick (5 s): 5 s after the refresh.
  act(() => void vi.advanceTimersByTime(TICK_MS - 1));
  expect(shown()).toBe(2);
  act(() => void vi.advanceTimersByTime(1));
  expect(shown()).toBe(7);
});

test('no timer runs once nothing is subscribed', () => {
  const { unmount } = render(<Seconds />);
  unmount();
  expect(vi.getTimerCount()).toBe(0);
  refreshNow(); // nobody listens: nothing to do, nothing scheduled
  expect(vi.getTimerCount()).toBe(0);
});
