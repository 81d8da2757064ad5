import { act, screen } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import realtime from '../test/fixtures/umami-3.1/aggregates/agg-busy-realtime.json';
import { renderInDashboard, TEST_DASHBOARD } from '../test/render-in-dashboard';
import type { RealtimeResult } from './realtime';
import { useRealtime } from './use-realtime';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'aaaaaaaa-0000-4000-8000-000000000002';
const MINUTE = Date.UTC(2026, 11, 5, 21, 0, 0);

const views = ({ data }: RealtimeResult) => data.totals.views;
function Views() {
  return <p data-testid="views">{useRealtime(views) ?? 'waiting'}</p>;
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

test.each([
  ['a stretched wall: the second of two sites first asks at its slot, half an interval in', { siteIds: [A, B], spreadMs: 0, exactSpreadMs: 0 }, 30_000],
  ['no plan: at once, as a single dashboard always did', null, 0],
])('%s', async (_name, slots, firstAskAt) => {
  vi.useFakeTimers({ now: MINUTE, shouldAdvanceTime: false });
  const fetchMock = vi.fn(async (_url: string) => Response.json(realtime));
  vi.stubGlobal('fetch', fetchMock);
  renderInDashboard(<Views />, { dashboard: { ...TEST_DASHBOARD, websiteId: B, intervalMs: 60_000, slots } });
  await act(async () => vi.advanceTimersByTimeAsync(Math.max(0, firstAskAt - 1_000)));
  expect(fetchMock.mock.calls.length).toBe(firstAskAt === 0 ? 1 : 0);
  await act(async () => vi.advanceTimersByTimeAsync(2_000));
  expect(fetchMock).toHaveBeenCalledTimes(1);
  expect(String(fetchMock.mock.calls[0]?.[0])).toContain(B);
  await act(async () => vi.advanceTimersByTimeAsync(100));
  expect(screen.getByTestId('views')).toHaveTextContent(String(realtime.totals.views));
});
