import { act, render, screen } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import { ErrorBoundary } from './error-boundary';

afterEach(() => vi.useRealTimers());

test('a failing panel shows a message, leaves its siblings alone, and is tried again later', () => {
  vi.useFakeTimers();
  vi.spyOn(console, 'error').mockImplementation(() => {});
  let broken = true;
  function Flaky() {
    if (broken) throw new Error('bad frame');
    return <p>chart</p>;
  }
  render(
    <>
      <ErrorBoundary name="chart" retryMs={1000}>
        <Flaky />
      </ErrorBoundary>
      <p>totals</p>
    </>,
  );
  expect(screen.getByRole('alert')).toHaveTextContent('could not be drawn');
  expect(screen.getByText('totals')).toBeInTheDocument();

  broken = false;
  act(() => vi.advanceTimersByTime(1000));
  expect(screen.getByText('chart')).toBeInTheDocument();
  expect(screen.queryByRole('alert')).toBeNull();
});
