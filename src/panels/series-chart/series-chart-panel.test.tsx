import type { QueryClient } from '@tanstack/react-query';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
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
  expect(tooltip).toHaveTextContent(/^12:25Views: 8Visitors: 4$/);
  expect(container.querySelectorAll('circle')).toHaveLength(2);
  fireEvent.pointerLeave(box);
  expect(screen.queryByTestId('series-tooltip')).toBeNull();
});
