import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { refreshNow, TICK_GRACE_MS, TICK_MS, useNowDerived } from './use-now';

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
  expect(shown()).toBe(10);
  act(() => void vi.advanceTimersByTime(TICK_MS));
  expect(shown()).toBe(20);
});

test('a refresh (a poll) moves the clock at once and puts the next tick off past the next poll', () => {
  render(<Seconds />);
  act(() => void vi.advanceTimersByTime(2_000));
  expect(shown()).toBe(0);
  act(() => refreshNow());
  expect(shown()).toBe(2);
  // Polls every TICK_MS: each one arrives before the tick is due, so the ticker never fires.
  for (let poll = 1; poll <= 3; poll++) {
    act(() => void vi.advanceTimersByTime(TICK_MS - 1));
    expect(shown()).toBe(2 + (poll - 1) * TICK_MS / 1000);
    act(() => void vi.advanceTimersByTime(1));
    act(() => refreshNow());
    expect(shown()).toBe(2 + (poll * TICK_MS) / 1000);
  }
  // Polls stop (the upstream is down): the ticker takes over, TICK_MS + grace after the last.
  act(() => void vi.advanceTimersByTime(TICK_MS + TICK_GRACE_MS - 1));
  expect(shown()).toBe(32);
  act(() => void vi.advanceTimersByTime(1));
  expect(shown()).toBe(43);
  act(() => void vi.advanceTimersByTime(TICK_MS));
  expect(shown()).toBe(53);
});

test('no timer runs once nothing is subscribed', () => {
  const { unmount } = render(<Seconds />);
  unmount();
  expect(vi.getTimerCount()).toBe(0);
  refreshNow(); // nobody listens: nothing to do, nothing scheduled
  expect(vi.getTimerCount()).toBe(0);
});
