import { screen, waitFor } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import active from '../../test/fixtures/umami-3.1/aggregates/agg-busy-active.json';
import countries from '../../test/fixtures/umami-3.1/aggregates/agg-busy-metrics-expanded-country.json';
import events from '../../test/fixtures/umami-3.1/aggregates/agg-busy-metrics-expanded-event.json';
import realtime from '../../test/fixtures/umami-3.1/aggregates/agg-busy-realtime.json';
import stats from '../../test/fixtures/umami-3.1/aggregates/agg-busy-stats.json';
import { renderInDashboard, TEST_DASHBOARD } from '../../test/render-in-dashboard';
import { TotalsPanel } from './totals-panel';

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
const A = '23119484-709c-44bf-994c-92f109bda03b';
const B = '95b7680c-9158-4b84-b4ea-7ccc08cc94ea';

afterEach(() => vi.unstubAllGlobals());

test('two combined sites: views, events and online add up, countries are counted once, visitors say "sum of sites"', async () => {
  const asked = new Set<string>();
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      asked.add(url.includes(A) ? A : url.includes(B) ? B : url);
      if (url.startsWith('/api/realtime/')) return json(realtime);
      if (url.endsWith('/stats')) return json(stats);
      if (url.endsWith('/active')) return json(active);
      if (url.endsWith('type=event')) return json(events);
      return json(countries);
    }),
  );
  // One site alone, for the figures the sum must double.
  const one = renderInDashboard(<TotalsPanel />, { dashboard: { ...TEST_DASHBOARD, websiteId: A } });
  await waitFor(() => expect(screen.queryAllByTestId('skeleton')).toHaveLength(0), { timeout: 5_000 });
  const single = Object.fromEntries(['total-online', 'total-views', 'total-visitors', 'total-events', 'total-countries'].map((id) => [id, Number(screen.getByTestId(id).textContent)]));
  expect(screen.queryByTestId('sum-of-sites')).not.toBeInTheDocument();
  one.unmount();

  renderInDashboard(<TotalsPanel />, {
    dashboard: { ...TEST_DASHBOARD, websiteId: A, combined: [{ id: A, name: 'Shop' }, { id: B, name: 'Docs' }] },
  });
  await waitFor(() => expect(screen.queryAllByTestId('skeleton')).toHaveLength(0), { timeout: 5_000 });
  expect(asked).toEqual(new Set([A, B]));
  expect(Number(screen.getByTestId('total-views').textContent)).toBe(2 * single['total-views']!);
  expect(Number(screen.getByTestId('total-events').textContent)).toBe(2 * single['total-events']!);
  expect(Number(screen.getByTestId('total-online').textContent)).toBe(2 * single['total-online']!);
  expect(Number(screen.getByTestId('total-visitors').textContent)).toBe(2 * single['total-visitors']!);
  expect(Number(screen.getByTestId('total-countries').textContent)).toBe(single['total-countries']);
  expect(screen.getAllByTestId('sum-of-sites')).toHaveLength(2);
});
