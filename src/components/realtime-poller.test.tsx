import { act } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { useRealtime } from '../api/use-realtime';
import busyJson from '../test/fixtures/umami-3.1/realtime-busy.json';
import { renderInDashboard, TEST_DASHBOARD } from '../test/render-in-dashboard';
import { RealtimePoller } from './realtime-poller';

const INTERVAL_MS = 10_000;
const dashboard = { ...TEST_DASHBOARD, intervalMs: INTERVAL_MS };

function Views() {
  const data = useRealtime((result) => result.data.totals.views);
  return <p>{data ?? '…'}</p>;
}

const fetchMock = vi.fn(() => Promise.resolve(new Response(JSON.stringify(busyJson), { headers: { 'content-type': 'application/json' } })));

function renderDashboard(withPoller: boolean) {
  renderInDashboard(
    <>
      {withPoller && <RealtimePoller />}
      <Views />
      <Views />
      <Views />
    </>,
    { dashboard },
  );
}

/** Lets timers and the fetch promises behind them run, `ms` of fake time. */
async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

beforeEach(() => {
  // Half way between two poll slots: the next poll is due 5–8 s later, whatever this screen's offset.
  vi.useFakeTimers({ now: Date.parse('2026-11-26T12:00:05Z') });
  fetchMock.mockClear();
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

test('one request per poll, however many panels read the query', async () => {
  renderDashboard(true);
  await advance(100);
  expect(fetchMock).toHaveBeenCalledTimes(1);
  // The next slot, 12:00:10, plus this screen's offset (under 30 % of the interval).
  await advance(8_100);
  expect(fetchMock).toHaveBeenCalledTimes(2);
  await advance(INTERVAL_MS);
  expect(fetchMock).toHaveBeenCalledTimes(3);
});

test('panels alone fetch the first answer but do not poll: the poller does', async () => {
  renderDashboard(false);
  await advance(100);
  expect(fetchMock).toHaveBeenCalledTimes(1);
  await advance(INTERVAL_MS * 3);
  expect(fetchMock).toHaveBeenCalledTimes(1);
});
