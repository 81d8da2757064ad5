import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { KioskClock } from './kiosk-clock';

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-11-26T12:00:59.400Z') });
});

afterEach(() => {
  vi.useRealTimers();
});

test('shows the new minute as soon as it starts, in the dashboard zone', () => {
  render(<KioskClock lang="en-GB" timezone="Europe/Berlin" />);
  const clock = screen.getByTestId('kiosk-clock');
  expect(clock).toHaveTextContent('13:00');
  act(() => void vi.advanceTimersByTime(599));
  expect(clock).toHaveTextContent('13:00');
  act(() => void vi.advanceTimersByTime(1));
  expect(clock).toHaveTextContent('13:01');
  expect(clock).toHaveAttribute('datetime', '2026-11-26T12:01:00.000Z');
  // And every minute after, with one timer at a time.
  act(() => void vi.advanceTimersByTime(60_000));
  expect(clock).toHaveTextContent('13:02');
  expect(vi.getTimerCount()).toBe(1);
});
