import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import active from '../../test/fixtures/umami-3.1/aggregates/agg-busy-active.json';
import countries from '../../test/fixtures/umami-3.1/aggregates/agg-busy-metrics-expanded-country.json';
import events from '../../test/fixtures/umami-3.1/aggregates/agg-busy-metrics-expanded-event.json';
import realtime from '../../test/fixtures/umami-3.1/aggregates/agg-busy-realtime.json';
import stats from '../../test/fixtures/umami-3.1/aggregates/agg-busy-stats.json';
import noAuth from '../../test/fixtures/umami-3.1/aggregates/agg-error-active-no-auth.json';
import { renderInDashboard } from '../../test/render-in-dashboard';
import { TotalsPanel } from './totals-panel';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The proxy as the page sees it: the recorded instant, with `refused` routes answering 401. */
function stubProxy(refused: RegExp | null = null) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (refused?.test(url)) return json({ error: { code: 'bad-credentials', message: 'x' } }, 401);
      if (url.startsWith('/api/realtime/')) return json(realtime);
      if (url.endsWith('/stats')) return json(stats);
      if (url.endsWith('/active')) return json(active);
      if (url.endsWith('type=event')) return json(events);
      if (url.endsWith('type=country')) return json(countries);
      return json(noAuth, 401);
    }),
  );
}

afterEach(() => vi.unstubAllGlobals());

test("shows Umami's exact figures for the 30 minutes, not the realtime sample", async () => {
  stubProxy();
  renderInDashboard(<TotalsPanel />);
  await waitFor(() => expect(screen.queryAllByTestId('skeleton')).toHaveLength(0), { timeout: 5_000 });
  expect(screen.getByTestId('total-visitors')).toHaveTextContent('11');
  expect(screen.getByTestId('total-events')).toHaveTextContent('39');
  expect(screen.getByTestId('total-countries')).toHaveTextContent('9');
  expect(screen.getByTestId('total-online')).toHaveTextContent('4');
  expect(screen.getByTestId('total-views')).toHaveTextContent('228');
  expect(screen.queryByTestId('sample-badge')).not.toBeInTheDocument();
});

test('a refused exact route falls back to the realtime figure, marked as a sample', async () => {
  stubProxy(/\/stats$/);
  renderInDashboard(<TotalsPanel />);
  await waitFor(() => expect(screen.queryAllByTestId('skeleton')).toHaveLength(0), { timeout: 5_000 });
  const visitors = screen.getByTestId('total-visitors');
  expect(Number(visitors.textContent)).toBeLessThanOrEqual(11); // never Umami's per-minute 82
  const item = visitors.closest('div')!;
  expect(within(item).getByTestId('sample-badge')).toBeInTheDocument();
  expect(within(item).getByRole('tooltip', { hidden: true })).toHaveTextContent(/latest 100 events/);
  // The others stay exact.
  expect(screen.getByTestId('total-events')).toHaveTextContent('39');
  expect(screen.getAllByTestId('sample-badge')).toHaveLength(1);
});

test.each([
  ['Online now', 'Visitors active in the last 5 minutes.'],
  ['Visitors', 'Unique visitors in the last 30 minutes.'],
  ['Events', 'Custom events (not page views) in the last 30 minutes.'],
])('%s says what it counts, to a keyboard and a screen reader', async (label, definition) => {
  stubProxy();
  renderInDashboard(<TotalsPanel />);
  await screen.findByTestId('total-visitors', {}, { timeout: 5_000 });
  const term = screen.getByText(label);
  term.focus();
  expect(term).toHaveFocus();
  expect(term).toHaveAccessibleDescription(definition);
});

test('an unreadable total shows a dash, and the others their numbers', async () => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (url.startsWith('/api/realtime/')) return json({ ...realtime, totals: { ...realtime.totals, views: 'lots' } });
      if (url.endsWith('/stats')) return json(stats);
      if (url.endsWith('/active')) return json(active);
      return json(url.endsWith('type=event') ? events : countries);
    }),
  );
  renderInDashboard(<TotalsPanel />);
  await waitFor(() => expect(screen.queryAllByTestId('skeleton')).toHaveLength(0), { timeout: 5_000 });
  expect(screen.getByTestId('total-views')).toHaveTextContent('–');
  expect(screen.getByTestId('total-views')).toHaveAttribute('title', expect.stringMatching(/cannot read/));
  expect(screen.getByTestId('total-visitors')).toHaveTextContent('11');
});
