import { QueryClient } from '@tanstack/react-query';
import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import busyJson from '../test/fixtures/umami-3.1/realtime-busy.json';
import { realtimeResult } from '../test/realtime-result';
import { realtimeKey, renderInDashboard, TEST_DASHBOARD } from '../test/render-in-dashboard';
import { ApiError } from './client';
import type { RealtimeResult } from './realtime';
import { combineRealtimeResults, useRealtime, useRealtimeQuery } from './use-realtime';

// The test dashboard polls once an hour: the answers are set by hand.
const key = realtimeKey();

function answer(views: number): RealtimeResult {
  const result = realtimeResult(busyJson, { timezone: TEST_DASHBOARD.timezone });
  result.data.totals.views = views;
  return result;
}

const selectViews = vi.fn((result: RealtimeResult) => {
  if ((result.data.totals.views ?? 0) < 0) throw new Error('no such count');
  return { views: result.data.totals.views };
});
const slices: unknown[] = [];

function Views() {
  const { data: slice, error } = useRealtimeQuery(selectViews);
  slices.push(slice);
  return (
    <p>
      {slice?.views ?? 'none'} {error ? error.message : 'ok'}
    </p>
  );
}

/** Sets the query's data (or state) and lets TanStack Query's notify batch (a 0 ms timer) run. */
async function change(update: () => void) {
  await act(async () => {
    update();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

function renderViews(client: QueryClient) {
  renderInDashboard(<Views />, { client });
}

beforeEach(() => {
  selectViews.mockClear();
  slices.length = 0;
  vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>(() => {})));
});
afterEach(() => vi.unstubAllGlobals());

test('a slice is made once per answer, and an equal one keeps its identity', async () => {
  const client = new QueryClient();
  client.setQueryData(key, answer(5));
  renderViews(client);
  expect(screen.getByText('5 ok')).toBeInTheDocument();
  const calls = selectViews.mock.calls.length;

  // Another answer with the same views: the slice is made again, equal, and kept as it was.
  const other = answer(5);
  other.data.totals.visitors = (other.data.totals.visitors ?? 0) + 1;
  await change(() => void client.setQueryData(key, other));
  expect(selectViews.mock.calls.length).toBe(calls + 1);
  expect(new Set(slices).size).toBe(1);

  await change(() => void client.setQueryData(key, answer(6)));
  expect(screen.getByText('6 ok')).toBeInTheDocument();
  expect(selectViews.mock.calls.length).toBe(calls + 2);
});

test('a select that throws keeps the last good slice on screen, and the page up', async () => {
  const client = new QueryClient();
  client.setQueryData(key, answer(5));
  renderViews(client);

  await change(() => void client.setQueryData(key, answer(-1)));
  expect(screen.getByText('5 no such count')).toBeInTheDocument();

  await change(() => void client.setQueryData(key, answer(7)));
  expect(screen.getByText('7 ok')).toBeInTheDocument();
});

test("the error is the last poll's, and clears when one succeeds", async () => {
  const client = new QueryClient();
  client.setQueryData(key, answer(5));
  renderViews(client);
  const query = client.getQueryCache().find({ queryKey: key, exact: true });
  await change(() => query?.setState({ error: new Error('Umami is down'), status: 'error' }));
  expect(screen.getByText('5 Umami is down')).toBeInTheDocument();
  await change(() => void client.setQueryData(key, answer(8)));
  expect(screen.getByText('8 ok')).toBeInTheDocument();
});

test('without data, nothing is shown and the first fetch starts', async () => {
  const client = new QueryClient();
  renderViews(client);
  expect(screen.getByText('none ok')).toBeInTheDocument();
  await waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
});

describe('polling', () => {
  const INTERVAL_MS = 10_000;
  const fetchBusy = vi.fn(() => Promise.resolve(new Response(JSON.stringify(busyJson), { headers: { 'content-type': 'application/json' } })));

  function TotalViews() {
    return <p>{useRealtime((result) => result.data.totals.views) ?? '…'}</p>;
  }

  beforeEach(() => {
    // Half way between two poll slots: the next poll is due 5–8 s later, whatever this screen's offset.
    vi.useFakeTimers({ now: Date.parse('2026-11-26T12:00:05Z') });
    fetchBusy.mockClear();
    vi.stubGlobal('fetch', fetchBusy);
  });
  afterEach(() => vi.useRealTimers());

  async function advance(ms: number) {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(ms);
    });
  }

  test('one request per poll slot, however many panels read the query', async () => {
    renderInDashboard(
      <>
        <TotalViews />
        <TotalViews />
        <TotalViews />
      </>,
      { dashboard: { ...TEST_DASHBOARD, intervalMs: INTERVAL_MS } },
    );
    await advance(100);
    expect(fetchBusy).toHaveBeenCalledTimes(1);
    expect(screen.getAllByText('96')).toHaveLength(3);
    // The next slot, 12:00:10, plus this screen's offset (under 30 % of the interval).
    await advance(8_100);
    expect(fetchBusy).toHaveBeenCalledTimes(2);
    await advance(INTERVAL_MS);
    expect(fetchBusy).toHaveBeenCalledTimes(3);
  });
});

const COMBINED = [
  { id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Shop' },
  { id: 'aaaaaaaa-0000-4000-8000-000000000002', name: 'Docs' },
];
const siteAnswer = (views: number) =>
  realtimeResult({ countries: {}, urls: {}, referrers: {}, events: [], series: { views: [], visitors: [] }, totals: { views, visitors: 1, events: 0, countries: 0 }, timestamp: 1_000 });
const down = new ApiError(502, 'upstream-down', 'Umami cannot be reached right now.');

describe('several sites as one (?combine)', () => {
  test.each<[string, { data: RealtimeResult | undefined; error: Error | null }[], number | null | undefined, string | null]>([
  ['every site answered: the sum', [{ data: siteAnswer(3), error: null }, { data: siteAnswer(4), error: null }], 7, null],
  ['one site still on its way: nothing yet, not a partial sum', [{ data: siteAnswer(3), error: null }, { data: undefined, error: null }], undefined, null],
  ['one site failing with its last answer kept: the sum, and the failure named', [{ data: siteAnswer(3), error: null }, { data: siteAnswer(4), error: down }], 7, 'Docs: Umami cannot be reached right now.'],
  ['one site never answered: the others, and which one is missing', [{ data: siteAnswer(3), error: null }, { data: undefined, error: down }], 3, 'Docs: Umami cannot be reached right now.'],
])('%s', (_name, results, expected, message) => {
  const state = combineRealtimeResults(COMBINED, results, (r) => r.data.totals.views);
  expect(state.data).toBe(expected);
  expect(state.error?.message ?? null).toBe(message);
  if (message) expect(state.error).toBeInstanceOf(ApiError);
});
});
