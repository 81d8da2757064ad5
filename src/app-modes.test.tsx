import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { App } from './app';
import { planPolling } from './api/poll-plan';
import { parseOptions } from './options';
import { FIXTURE_SITES, fixture } from './test/fixtures';

// The shell around the panels: which page a URL leads to, and what each mode shows.

const BUSY_NAME = 'Busy Demo Site';

/** Answers like the proxy: the recorded site list (or a part of it, with the upstream budget) and realtime data per site. */
function stubProxy(sites: readonly { id: string; name: string; domain: string }[] = fixture('websites').data, budget?: { limit: number; windowMs: number }) {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string) => {
      const url = new URL(input, 'http://app.test');
      calls.push(url.pathname);
      if (url.pathname === '/api/websites') return Response.json({ data: sites, count: sites.length, budget });
      const body = url.pathname.endsWith(FIXTURE_SITES.busy) ? fixture('busy') : fixture('empty');
      return Response.json(body);
    }),
  );
  return calls;
}

function renderApp(search: string) {
  const options = parseOptions(search, { warn: () => {}, defaults: { timezone: 'Europe/Berlin', lang: 'en-GB' } });
  render(
    <QueryClientProvider client={new QueryClient()}>
      <App options={options} />
    </QueryClientProvider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('which page', () => {
  test('no website and two sites: the picker, and no realtime call', async () => {
    const calls = stubProxy();
    renderApp('');
    expect(await screen.findByTestId('site-picker')).toBeInTheDocument();
    expect(screen.getAllByTestId('site-picker-item')).toHaveLength(2);
    expect(calls.filter((c) => c.startsWith('/api/realtime'))).toEqual([]);
  });

  test('no website and exactly one site: straight to its dashboard', async () => {
    stubProxy(fixture('websites').data.slice(0, 1));
    renderApp('?panels=totals');
    expect(await screen.findByTestId('total-views')).toHaveTextContent('96');
    expect(screen.getByTestId('site-name')).toHaveTextContent(BUSY_NAME);
    expect(screen.queryByTestId('site-picker')).not.toBeInTheDocument();
  });

  test('websites= polls every rotated site from the start, with the panels’ own query', async () => {
    const calls = stubProxy();
    renderApp(`?websites=${FIXTURE_SITES.busy},${FIXTURE_SITES.empty}&panels=totals`);
    expect(await screen.findByTestId('total-views')).toHaveTextContent('96');
    await waitFor(() => expect(calls).toContain(`/api/realtime/${FIXTURE_SITES.empty}`));
    // One query per site, shared by the panels and the warmer: the busy site is not asked twice.
    expect(calls.filter((c) => c === `/api/realtime/${FIXTURE_SITES.busy}`)).toHaveLength(1);
    expect(screen.getByTestId('rotation-position')).toHaveTextContent('1/2');
  });
});

describe('modes', () => {
  test('normal: brand, site name and the Share button', async () => {
    stubProxy();
    renderApp(`?website=${FIXTURE_SITES.busy}&panels=totals`);
    expect(await screen.findByTestId('site-name')).toHaveTextContent(BUSY_NAME);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Pulseboard');
    expect(screen.getByTestId('share-button')).toBeInTheDocument();
    expect(screen.queryByTestId('kiosk-clock')).not.toBeInTheDocument();
  });

  test('kiosk: the clock and the site name, no brand and no controls', async () => {
    stubProxy();
    renderApp(`?website=${FIXTURE_SITES.busy}&panels=totals&kiosk`);
    expect(await screen.findByTestId('site-name')).toHaveTextContent(BUSY_NAME);
    expect(await screen.findByTestId('kiosk-clock')).toHaveTextContent(/^\d\d:\d\d$/);
    expect(await screen.findByTestId('updated-at')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(BUSY_NAME);
    expect(screen.queryByText('Pulseboard')).not.toBeInTheDocument();
    expect(screen.queryByTestId('share-button')).not.toBeInTheDocument();
  });

  test('embed: the site name and freshness only', async () => {
    stubProxy();
    renderApp(`?website=${FIXTURE_SITES.busy}&panels=totals&embed`);
    expect(await screen.findByTestId('site-name')).toHaveTextContent(BUSY_NAME);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(BUSY_NAME);
    expect(screen.queryByText('Pulseboard')).not.toBeInTheDocument();
    expect(screen.queryByTestId('share-button')).not.toBeInTheDocument();
    expect(screen.queryByTestId('kiosk-clock')).not.toBeInTheDocument();
  });
});

const SITES_30 = Array.from({ length: 30 }, (_, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `Site ${i}`, domain: '' }));

describe('alerts on a stretched wall', () => {
  afterEach(() => vi.useRealTimers());

  test.each([
    ['every listed site', '?overview&alert=purchase'],
    ['the sites of websites=', `?overview&alert=purchase&websites=${SITES_30.map((s) => s.id).join(',')}`],
  ])('an overview of %s: the alert watchers poll on the wall plan, not every 10 s, so 30 tiles stay within the upstream budget', async (_name, search) => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const sites = SITES_30;
    const budget = { limit: 40, windowMs: 15_000 };
    const plan = planPolling({ sites: 30, exactRoutes: 3, intervalMs: 10_000, exactIntervalMs: 30_000, budget });
    expect(plan.stretched).toBe(true);
    const calls = stubProxy(sites, budget);
    renderApp(search);
    // Three planned rounds, in steps: the overview and the alerts are lazy chunks (module loading is not a timer).
    for (let t = 0; t < 3 * plan.intervalMs; t += 1000) {
      await vi.advanceTimersByTimeAsync(1000);
      await vi.dynamicImportSettled();
    }
    const realtime = sites.map((s) => calls.filter((c) => c === `/api/realtime/${s.id}`).length);
    // Every tile polled, at most once per planned interval (plus the first): a 10 s watcher would make it 22.
    expect(Math.min(...realtime)).toBeGreaterThan(0);
    expect(Math.max(...realtime)).toBeLessThanOrEqual(4);
    // And the alerts are there (their live region): their watchers are what would poll faster.
    expect(document.querySelector('.pb-toasts[aria-live]')).not.toBeNull();
  });
});
