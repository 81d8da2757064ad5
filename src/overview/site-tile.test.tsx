import { screen, waitFor } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import busy from '../test/fixtures/umami-3.1/realtime-busy.json';
import { realtimeResult } from '../test/realtime-result';
import { renderInDashboard } from '../test/render-in-dashboard';
import { SiteTile } from './site-tile';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const REVERSED = '/\u202egpj.exe';

afterEach(() => vi.unstubAllGlobals());

test('a top page with a right-to-left override sits in its own <bdi>, and the title isolates it from the count', async () => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (url.endsWith('/active')) return json({ visitors: 3 });
      if (url.endsWith('/stats')) return json({ pageviews: 40, visitors: 9 });
      return json([{ name: REVERSED, pageviews: '12345', visitors: 7 }]);
    }),
  );
  renderInDashboard(<SiteTile name={'\u202eShop'} domain="shop.example" href="/" />, { seed: realtimeResult(busy) });
  const top = await screen.findByTestId('tile-top-page');
  await waitFor(() => expect(top.querySelector('bdi')?.textContent).toBe(REVERSED));
  expect(top.getAttribute('title')).toBe(`\u2068${REVERSED}\u2069: 12,345 views`);
  expect(screen.getByRole('heading').querySelector('bdi')?.textContent).toBe('\u202eShop');
});

test('a sampled figure keeps its exact count in the title, beside the note that it is a sample', async () => {
  const base = busy.events[0]!;
  const events = Array.from({ length: 12_345 }, (_, i) => ({ ...base, sessionId: `s${i}`, createdAt: new Date(busy.timestamp - 1_000).toISOString() }));
  renderInDashboard(<SiteTile name="Shop" domain="shop.example" href="/" />, { seed: realtimeResult({ ...busy, events }), exactRefused: true });
  const visitors = await screen.findByTestId('tile-visitors');
  await waitFor(() => expect(visitors).toHaveAttribute('data-sample', 'true'));
  expect(visitors).toHaveTextContent('12.3K');
  expect(visitors.getAttribute('title')).toContain('12,345');
  expect(visitors.getAttribute('title')).toMatch(/sample/i);
});
