import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { PanelId } from '../options';
import busy from '../test/fixtures/umami-3.1/realtime-busy.json';
import { realtimeResult } from '../test/realtime-result';
import { renderInDashboard } from '../test/render-in-dashboard';
import { gridTemplate } from './dashboard-grid';
import { DashboardLayout } from './dashboard-layout';

function renderLayout(panels: PanelId[]) {
  renderInDashboard(<DashboardLayout panels={panels} />, { seed: realtimeResult(busy, { receivedAt: Date.now() }) });
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
