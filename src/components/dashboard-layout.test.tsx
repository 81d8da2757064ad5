import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { queryKeys } from '../api/queries';
import { parseRealtime } from '../api/realtime-schema';
import { DashboardContext, type Dashboard } from '../dashboard-context';
import type { PanelId } from '../options';
import busy from '../test/fixtures/umami-3.1/realtime-busy.json';
import { gridTemplate } from './dashboard-grid';
import { DashboardLayout } from './dashboard-layout';

const dashboard: Dashboard = { websiteId: '23119484-709c-44bf-994c-92f109bda03b', timezone: 'Europe/Berlin', lang: 'en', intervalMs: 3_600_000 };

function renderLayout(panels: PanelId[]) {
  const client = new QueryClient();
  const receivedAt = Date.now();
  client.setQueryData(queryKeys.realtime(dashboard.websiteId, dashboard.timezone), {
    data: parseRealtime(busy, receivedAt),
    timezone: dashboard.timezone,
    receivedAt,
    upstreamStaleAge: null,
    mode: null,
  });
  render(
    <QueryClientProvider client={client}>
      <DashboardContext value={dashboard}>
        <DashboardLayout panels={panels} />
      </DashboardContext>
    </QueryClientProvider>,
  );
  return screen.getByRole('main');
}

beforeEach(() => {
  vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>(() => {})));
});
afterEach(() => vi.unstubAllGlobals());

test('renders the panels in the given order, each in its named grid area', () => {
  const main = renderLayout(['events', 'totals', 'pages', 'countries']);
  expect(main).toHaveAttribute('data-panel-count', '4');
  const cells = [...main.querySelectorAll<HTMLElement>('.pb-cell')];
  expect(cells.map((cell) => cell.dataset.panel)).toEqual(['events', 'totals', 'pages', 'countries']);
  expect(cells.map((cell) => cell.style.getPropertyValue('--pb-area'))).toEqual(['events', 'totals', 'pages', 'countries']);
  expect(within(cells[0]!).getByTestId('event-feed')).toBeInTheDocument();
  expect(within(cells[2]!).getByTestId('top-pages')).toBeInTheDocument();
  expect(within(cells[3]!).getByTestId('top-countries')).toBeInTheDocument();
});

test('carries both orientations of the grid template as custom properties', () => {
  const panels: PanelId[] = ['totals', 'pages', 'referrers', 'events'];
  const main = renderLayout(panels);
  const landscape = gridTemplate(panels, 'landscape');
  const portrait = gridTemplate(panels, 'portrait');
  expect(main.style.getPropertyValue('--pb-columns')).toBe(landscape.columns);
  expect(main.style.getPropertyValue('--pb-rows')).toBe(landscape.rows);
  expect(main.style.getPropertyValue('--pb-areas')).toBe(landscape.areas);
  expect(main.style.getPropertyValue('--pb-columns-portrait')).toBe(portrait.columns);
  expect(main.style.getPropertyValue('--pb-rows-portrait')).toBe(portrait.rows);
  expect(main.style.getPropertyValue('--pb-areas-portrait')).toBe(portrait.areas);
  // The feed has two lists beside it: it is the tall right column.
  expect(landscape.areas.split('" "').every((line) => line.replace(/"/g, '').endsWith(' events'))).toBe(true);
});

test('one panel is the whole grid; duplicates count once', () => {
  const main = renderLayout(['referrers', 'referrers']);
  expect(main).toHaveAttribute('data-panel-count', '1');
  expect(main.style.getPropertyValue('--pb-areas')).toBe('"referrers"');
  expect(screen.getAllByTestId('top-referrers')).toHaveLength(1);
});
