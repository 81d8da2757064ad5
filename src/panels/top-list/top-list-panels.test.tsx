import { act, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { RealtimeResult } from '../../api/realtime';
import busy from '../../test/fixtures/umami-3.1/realtime-busy.json';
import empty from '../../test/fixtures/umami-3.1/realtime-empty.json';
import { CountriesPanel, selectCountries } from './countries-panel';
import { PagesPanel } from './pages-panel';
import { ReferrersPanel } from './referrers-panel';
import { realtimeResult } from '../../test/realtime-result';
import { realtimeKey, renderInDashboard, TEST_DASHBOARD } from '../../test/render-in-dashboard';

const key = realtimeKey();

function result(body: unknown): RealtimeResult {
  const receivedAt = Date.now();
  return realtimeResult(body, { timezone: TEST_DASHBOARD.timezone, receivedAt });
}

function renderPanel(ui: ReactNode, body?: unknown) {
  return renderInDashboard(ui, { seed: body === undefined ? undefined : result(body) });
}

const rowsIn = (testId: string) => within(screen.getByTestId(testId)).queryAllByTestId('top-row');
const keysAndValues = (testId: string) => rowsIn(testId).map((row) => [row.dataset.key, Number(row.dataset.value)]);

beforeEach(() => {
  // Only reached if a test forgets to seed data: never resolve, never hit the network.
  vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>(() => {})));
});
afterEach(() => vi.unstubAllGlobals());

describe('PagesPanel', () => {
  test('shows the top pages by views, ties by path, as many as fit (jsdom: the fallback 8)', () => {
    renderPanel(<PagesPanel />, busy);
    expect(keysAndValues('top-pages')).toEqual([
      ['/products', 19],
      ['/', 16],
      ['/pricing', 12],
      ['/products/widget-pro', 12],
      ['/contact', 8],
      ['/docs/api', 7],
      ['/about', 4],
      ['/blog/launch-week', 4],
    ]);
    // The busy fixture's urls add up to 100, so shares read as the counts.
    const first = rowsIn('top-pages')[0]!;
    expect(within(first).getByText('19%')).toBeInTheDocument();
  });

  test('is a table with a caption and column headers', () => {
    renderPanel(<PagesPanel />, busy);
    const table = within(screen.getByTestId('top-pages')).getByRole('table', { name: /most viewed pages/i });
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Page', 'Views', 'Share']);
    expect(within(table).getByRole('rowheader', { name: '/products' })).toHaveAttribute('title', '/products');
  });

  test('shows a path with markup literally, as text', () => {
    const path = '/<img src=x onerror=alert(1)>';
    renderPanel(<PagesPanel />, { ...empty, urls: { [path]: 3, '/': 1 } });
    const row = rowsIn('top-pages')[0]!;
    expect(row.dataset.key).toBe(path);
    expect(within(row).getByRole('rowheader')).toHaveTextContent(path, { normalizeWhitespace: false });
    expect(within(row).getByRole('rowheader')).toHaveAttribute('title', path);
    expect(document.querySelector('img')).toBeNull();
  });

  test('a skeleton before the first data, an empty state for an empty window', () => {
    const before = renderPanel(<PagesPanel />);
    expect(within(screen.getByTestId('top-pages')).getAllByTestId('skeleton').length).toBeGreaterThan(0);
    expect(rowsIn('top-pages')).toHaveLength(0);
    before.unmount();

    renderPanel(<PagesPanel />, empty);
    expect(within(screen.getByTestId('top-pages')).getByText('No page views in the last 30 minutes')).toBeInTheDocument();
    expect(rowsIn('top-pages')).toHaveLength(0);
  });

  test('a new answer re-ranks the rows; a failed poll keeps the last ones', async () => {
    const { client } = renderPanel(<PagesPanel />, busy);
    // TanStack Query notifies observers on a 0 ms timer: wait for it.
    await act(async () => {
      client.setQueryData(key, result({ ...busy, urls: { '/new': 50, '/products': 1 } }));
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(keysAndValues('top-pages')).toEqual([
      ['/new', 50],
      ['/products', 1],
    ]);
    await act(async () => {
      client.getQueryCache().find({ queryKey: key })!.setState({ status: 'error', error: new Error('poll failed'), fetchStatus: 'idle' });
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(keysAndValues('top-pages')).toEqual([
      ['/new', 50],
      ['/products', 1],
    ]);
    expect(rowsIn('top-pages')).toHaveLength(2);
  });
});

describe('ReferrersPanel', () => {
  test('sorted referrers; empty referrer keys become one (direct) row', () => {
    renderPanel(<ReferrersPanel />, { ...busy, referrers: { ...busy.referrers, '': 5, null: 2 } });
    expect(keysAndValues('top-referrers')).toEqual([
      ['shop.example.com', 48],
      ['(direct)', 7],
      ['duckduckgo.com', 6],
      ['news.ycombinator.com', 6],
      ['t.co', 6],
      ['google.com', 4],
      ['mail.example.net', 4],
    ]);
    const direct = rowsIn('top-referrers')[1]!;
    expect(within(direct).getByRole('rowheader')).toHaveTextContent('(direct)');
    expect(within(screen.getByTestId('top-referrers')).getAllByRole('columnheader')[0]).toHaveTextContent('Referrer');
  });
});

describe('CountriesPanel', () => {
  test('visitors Umami could not place are counted as Unknown, as beside the map', () => {
    expect(selectCountries(result(busy))).toEqual({ ...busy.countries, unknown: 1 });
    expect(selectCountries(result(empty))).toEqual({});
  });

  test('countries with flag and localized name; non-countries fold into one Unknown row', () => {
    renderPanel(<CountriesPanel />, { ...busy, countries: { ...busy.countries, XX: 1, EU: 1, '': 1 } });
    const rows = rowsIn('top-countries');
    // XX, EU, '' and the one session Umami could not place (a null country among the events).
    expect(rows.map((row) => [row.dataset.key, Number(row.dataset.value)])).toEqual([
      ['unknown', 4],
      ['DE', 2],
      ['AU', 1],
      ['BR', 1],
      ['CA', 1],
      ['FR', 1],
      ['IN', 1],
      ['JP', 1],
    ]);
    expect(within(rows[0]!).getByRole('rowheader')).toHaveTextContent('Unknown');
    expect(within(rows[1]!).getByRole('rowheader')).toHaveTextContent('🇩🇪Germany');
    expect(within(screen.getByTestId('top-countries')).getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
      'Country',
      'Visitors',
      'Share',
    ]);
  });
});
