import { QueryClient } from '@tanstack/react-query';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { pageviewsQueryOptions } from '../../api/history';
import type { RealtimeResult } from '../../api/realtime';
import busyJson from '../../test/fixtures/umami-3.1/realtime-busy.json';
import emptyJson from '../../test/fixtures/umami-3.1/realtime-empty.json';
import { SeriesChartPanel } from './series-chart-panel';
import { realtimeResult } from '../../test/realtime-result';
import { realtimeKey, renderInDashboard, TEST_DASHBOARD } from '../../test/render-in-dashboard';

// The view is a lazy chunk: its first import can take a while on a busy machine.
const LAZY = { timeout: 10_000 };

function result(body: unknown): RealtimeResult {
  return realtimeResult(body, { timezone: TEST_DASHBOARD.timezone });
}

function renderPanel(seed?: RealtimeResult, onCommit: () => void = () => {}) {
  return renderInDashboard(
    <Profiler id="chart" onRender={onCommit}>
      <SeriesChartPanel />
    </Profiler>,
    { seed },
  );
}

/** A poll's answer arriving; TanStack Query notifies its observers in a later task. */
async function poll(client: QueryClient, answer: RealtimeResult) {
  await act(async () => {
    client.setQueryData(realtimeKey(), answer);
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
}

beforeEach(() => {
  // No network in unit tests: a poll that is not seeded stays pending.
  vi.stubGlobal('fetch', vi.fn(() => new Promise(() => {})));
  // jsdom has no layout; give the chart's box a size so it draws.
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(600);
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(300);
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(() => DOMRect.fromRect({ width: 600, height: 300 }));
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

test('draws views and visitors with a legend and a text summary', async () => {
  const { container } = renderPanel(result(busyJson));
  const panel = screen.getByTestId('series-chart');
  expect(panel).toHaveAccessibleName('Views per minute');
  expect(screen.getByTestId('series-legend')).toHaveTextContent('ViewsVisitors');
  expect(screen.getByRole('figure')).toHaveAccessibleName(
    'Views and visitors per minute, last 30 minutes: 96 views; busiest minute 12:25 with 8 views and 4 visitors.',
  );

  // The chart view arrives as a lazy chunk.
  await waitFor(() => expect(container.querySelectorAll('[data-testid=series-line]')).toHaveLength(2), LAZY);
  const [views, visitors] = [...container.querySelectorAll('[data-testid=series-line]')];
  expect(views).toHaveAttribute('data-series', 'views');
  expect(visitors).toHaveAttribute('data-series', 'visitors');
  expect(views).toHaveAttribute('stroke', 'var(--color-accent)');
  expect(views).not.toHaveAttribute('stroke-dasharray');
  expect(visitors).toHaveAttribute('stroke', 'var(--color-accent-2)');
  expect(visitors).toHaveAttribute('stroke-dasharray');
  // No dot on every point.
  expect(container.querySelectorAll('circle')).toHaveLength(0);
  // A tick every five minutes, in Berlin time.
  const ticks = [...container.querySelectorAll('[data-testid=series-x-tick]')].map((t) => t.textContent);
  expect(ticks).toEqual(['12:00', '12:05', '12:10', '12:15', '12:20', '12:25']);
});

test('a new poll redraws the same chart in place, without remounting it', async () => {
  const { container, client } = renderPanel(result(busyJson));
  await waitFor(() => expect(container.querySelector('.recharts-surface')).not.toBeNull(), LAZY);
  const surface = container.querySelector('.recharts-surface');
  const before = container.querySelector('[data-testid=series-line]')?.getAttribute('d');

  const next = result(busyJson);
  next.data = { ...next.data, timestamp: next.data.timestamp + 60_000 }; // one minute later: the window slides
  await poll(client, next);

  await waitFor(() => expect(container.querySelector('[data-testid=series-line]')?.getAttribute('d')).not.toBe(before));
  expect(container.querySelector('.recharts-surface')).toBe(surface);
  expect(screen.getByRole('figure')).toHaveAccessibleName(/96 views; busiest minute 12:25/);
});

test('a poll that changes nothing on screen does not re-render the chart', async () => {
  const commits = vi.fn();
  const { container, client } = renderPanel(result(busyJson), commits);
  await waitFor(() => expect(container.querySelectorAll('[data-testid=series-line]')).toHaveLength(2), LAZY);
  await act(() => new Promise((resolve) => setTimeout(resolve, 20))); // the first measurement's render
  commits.mockClear();

  // Same buckets, answered a second later within the same minute: the window has not moved.
  const same = result(busyJson);
  same.data = { ...same.data, timestamp: same.data.timestamp + 1000 };
  await poll(client, same);
  expect(commits).not.toHaveBeenCalled();

  // One more view in the current minute does redraw.
  const busier = result(busyJson);
  busier.data = { ...busier.data, series: { ...busier.data.series, views: busier.data.series.views.map((p, i, all) => (i === all.length - 1 ? { ...p, y: p.y + 1 } : p)) } };
  await poll(client, busier);
  expect(commits).toHaveBeenCalled();
  expect(screen.getByRole('figure')).toHaveAccessibleName(/97 views; busiest minute 12:25 with 9 views/);
});

test('shows a skeleton before the first data', () => {
  renderPanel();
  expect(screen.getByTestId('series-chart')).toContainElement(screen.getByTestId('skeleton'));
  expect(screen.queryByRole('figure')).toBeNull();
});

test('shows an empty state when the last 30 minutes had no traffic', () => {
  renderPanel(result(emptyJson));
  expect(screen.getByText('No page views in the last 30 minutes')).toBeInTheDocument();
  expect(screen.queryByRole('figure')).toBeNull();
});

test('keeps the last frame when a later poll fails', async () => {
  const { container, client } = renderPanel(result(busyJson));
  await waitFor(() => expect(container.querySelectorAll('[data-testid=series-line]')).toHaveLength(2), LAZY);
  const key = realtimeKey();
  act(() => {
    client.getQueryCache().find({ queryKey: key })?.setState({ status: 'error', error: new Error('poll failed') });
  });
  expect(screen.getByRole('figure')).toHaveAccessibleName(/96 views/);
  expect(container.querySelectorAll('[data-testid=series-line]')).toHaveLength(2);
});

test('pointing at the chart shows that minute in a tooltip, with a cursor and dots', async () => {
  const { container } = renderPanel(result(busyJson));
  await waitFor(() => expect(container.querySelectorAll('[data-testid=series-line]')).toHaveLength(2), LAZY);
  const surface = container.querySelector('.recharts-surface');
  const box = surface?.parentElement;
  if (!box) throw new Error('no chart box');
  // The plot spans the box minus the axis labels; its right edge is the current minute, 12:25,
  // the busiest (8 views, 4 visitors).
  fireEvent.pointerMove(box, { clientX: 595 });
  const tooltip = await screen.findByTestId('series-tooltip');
  // The current minute is still being counted, and says so.
  expect(tooltip).toHaveTextContent(/^12:25 · so farViews: 8Visitors: 4$/);
  expect(container.querySelectorAll('circle')).toHaveLength(2);
  fireEvent.pointerLeave(box);
  expect(screen.queryByTestId('series-tooltip')).toBeNull();
});

test('the current, unfinished minute is drawn apart from the finished ones, faded and dashed', async () => {
  const { container } = renderPanel(result(busyJson));
  await waitFor(() => expect(container.querySelectorAll('[data-testid=series-unfinished]')).toHaveLength(2), LAZY);
  for (const segment of container.querySelectorAll('[data-testid=series-unfinished]')) {
    expect(segment).toHaveAttribute('stroke-dasharray');
    expect(Number(segment.getAttribute('stroke-opacity'))).toBeLessThan(1);
  }
  // Two points: the last finished minute and the current one.
  expect(container.querySelector('[data-testid=series-unfinished]')?.getAttribute('d')?.match(/L/g)).toHaveLength(1);
});

describe('the same minutes on an earlier day', () => {
  // Yesterday's views at 11:56, 12:00 and 12:25 (Berlin), as Umami's /pageviews writes them.
  const yesterday = { pageviews: [{ x: '2026-11-25 11:56:00', y: 2 }, { x: '2026-11-25 12:00:00', y: 3 }, { x: '2026-11-25 12:25:00', y: 11 }] };

  function renderWithGhost(dashboard = TEST_DASHBOARD) {
    const client = new QueryClient();
    const period = dashboard.compare === 'week' ? 'lastweek' : 'yesterday';
    client.setQueryData(pageviewsQueryOptions(dashboard.websiteId, period, dashboard.timezone).queryKey, yesterday);
    return renderInDashboard(<SeriesChartPanel />, { client, dashboard, seed: result(busyJson) });
  }

  test('a faint line behind today, named in the legend, the tooltip and the text alternative', async () => {
    const { container } = renderWithGhost();
    await waitFor(() => expect(container.querySelector('[data-testid=series-ghost]')).not.toBeNull(), LAZY);
    expect(screen.getByTestId('series-legend')).toHaveTextContent('ViewsVisitorsYesterday');
    expect(screen.getByRole('figure')).toHaveAccessibleName(/Yesterday, the same minutes: 16 views\.$/);
    const box = container.querySelector('.recharts-surface')?.parentElement;
    if (!box) throw new Error('no chart box');
    fireEvent.pointerMove(box, { clientX: 595 });
    expect(await screen.findByTestId('series-tooltip')).toHaveTextContent('yesterday 12:25: 11');
  });

  test('compare=week calls it last week', async () => {
    const { container } = renderWithGhost({ ...TEST_DASHBOARD, compare: 'week' });
    await waitFor(() => expect(container.querySelector('[data-testid=series-ghost]')).not.toBeNull(), LAZY);
    expect(screen.getByTestId('series-legend')).toHaveTextContent('Last week');
  });

  test('compare=off draws no ghost and asks for none', async () => {
    const { container } = renderWithGhost({ ...TEST_DASHBOARD, compare: 'off' });
    await waitFor(() => expect(container.querySelectorAll('[data-testid=series-line]')).toHaveLength(2), LAZY);
    expect(container.querySelector('[data-testid=series-ghost]')).toBeNull();
    expect(screen.getByTestId('series-legend')).toHaveTextContent(/^ViewsVisitors$/);
    expect(vi.mocked(fetch).mock.calls.map(([url]) => String(url)).filter((url) => url.includes('/pageviews'))).toEqual([]);
  });
});
