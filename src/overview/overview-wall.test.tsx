import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import realtime from '../test/fixtures/umami-3.1/aggregates/agg-busy-realtime.json';
import stats from '../test/fixtures/umami-3.1/aggregates/agg-busy-stats.json';
import path from '../test/fixtures/umami-3.1/aggregates/agg-busy-metrics-expanded-path.json';
import { renderInDashboard, TEST_DASHBOARD } from '../test/render-in-dashboard';
import { OverviewWall } from './overview-wall';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const SITES = [
  { id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Quiet', domain: 'quiet.example', online: 1 },
  { id: 'aaaaaaaa-0000-4000-8000-000000000002', name: 'Busy', domain: 'busy.example', online: 40 },
  { id: 'aaaaaaaa-0000-4000-8000-000000000003', name: 'Also quiet', domain: 'also.example', online: 1 },
  { id: 'aaaaaaaa-0000-4000-8000-000000000004', name: 'Middle', domain: 'middle.example', online: 7 },
];

afterEach(() => vi.unstubAllGlobals());

test('one tile per site, most online first, equal counts in listed order, each linking to its dashboard', async () => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const site = SITES.find((s) => url.includes(s.id));
      if (!site) return json({ error: { code: 'not-found', message: 'x' } }, 404);
      if (url.startsWith('/api/realtime/')) return json(realtime);
      if (url.endsWith('/active')) return json({ visitors: site.online });
      if (url.endsWith('/stats')) return json(stats);
      return json(path);
    }),
  );
  renderInDashboard(<OverviewWall sites={SITES} base="https://pulse.test/" search="?overview&kiosk&lang=de-DE" />, { dashboard: { ...TEST_DASHBOARD, websiteId: SITES[0]!.id } });
  await waitFor(() => expect(screen.queryAllByTestId('skeleton')).toHaveLength(0), { timeout: 5_000 });
  await waitFor(() => expect(screen.getAllByTestId('site-tile').map((t) => t.getAttribute('data-website-id'))).toEqual([SITES[1]!.id, SITES[3]!.id, SITES[0]!.id, SITES[2]!.id]));
  const busy = screen.getAllByTestId('site-tile')[0]!;
  expect(within(busy).getByTestId('tile-online')).toHaveTextContent('40');
  expect(within(busy).getByTestId('tile-views')).toHaveTextContent(String(realtime.totals.views));
  expect(within(busy).getByTestId('tile-visitors')).toHaveTextContent(String(stats.visitors));
  expect(within(busy).getByRole('heading')).toHaveTextContent('Busy');
  expect(busy).toHaveAttribute('href', `https://pulse.test/?website=${SITES[1]!.id}&kiosk&lang=de-DE`);
  expect(within(busy).getByTestId('tile-top-page').textContent).not.toBe('');
});

test('a site whose realtime route fails is marked stale, the others are not', async () => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (url.includes(SITES[0]!.id)) return json({ error: { code: 'upstream-down', message: 'x' } }, 502);
      if (url.startsWith('/api/realtime/')) return json(realtime);
      if (url.endsWith('/active')) return json({ visitors: 3 });
      if (url.endsWith('/stats')) return json(stats);
      return json(path);
    }),
  );
  renderInDashboard(<OverviewWall sites={SITES.slice(0, 2)} base="/" search="?overview" />, { dashboard: { ...TEST_DASHBOARD, websiteId: SITES[0]!.id } });
  await waitFor(() => expect(screen.getAllByTestId('tile-stale')).toHaveLength(1));
  const stale = screen.getByTestId('tile-stale').closest('[data-testid="site-tile"]')!;
  expect(stale).toHaveAttribute('data-website-id', SITES[0]!.id);
  expect(stale.getAttribute('title')).toMatch(/cannot be reached/);
});
