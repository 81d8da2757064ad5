import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import { renderInDashboard, TEST_DASHBOARD } from '../../test/render-in-dashboard';
import { TodayPanel } from './today-panel';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** Umami's stats and event rows for each day window, as the proxy passes them on. */
const DAYS = {
  today: { stats: { pageviews: 1200, visitors: 300, visits: 350, bounces: 100, totaltime: 9000 }, events: [{ name: 'purchase', pageviews: '12', visitors: 9 }] },
  yesterday: { stats: { pageviews: 1000, visitors: 320, visits: 380, bounces: 120, totaltime: 8000 }, events: [] },
  lastweek: { stats: { pageviews: 600, visitors: 300, visits: 310, bounces: 90, totaltime: 7000 }, events: [{ name: 'purchase', pageviews: 24, visitors: 20 }] },
} as const;

function stubProxy(failing: RegExp | null = null) {
  const fetch = vi.fn(async (url: string) => {
    if (failing?.test(url)) return json({ error: { code: 'upstream-error', message: 'x' } }, 502);
    const params = new URL(url, 'http://x').searchParams;
    const day = DAYS[params.get('period') as keyof typeof DAYS];
    if (!day || params.get('timezone') !== TEST_DASHBOARD.timezone) return json({ error: { code: 'invalid-parameter' } }, 400);
    return json(url.includes('/metrics/expanded?type=event') ? day.events : day.stats);
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => vi.unstubAllGlobals());

const settled = () => waitFor(() => expect(screen.queryAllByTestId('skeleton')).toHaveLength(0), { timeout: 5_000 });

test('today since midnight, each figure with its change against the same time yesterday', async () => {
  const fetch = stubProxy();
  renderInDashboard(<TodayPanel />);
  await settled();
  expect(screen.getByTestId('today-views')).toHaveTextContent('1,200');
  expect(screen.getByTestId('today-change-views')).toHaveTextContent('+20%');
  expect(screen.getByTestId('today-visitors')).toHaveTextContent('300');
  expect(screen.getByTestId('today-change-visitors')).toHaveTextContent('\u22126%');
  expect(screen.getByTestId('today-events')).toHaveTextContent('12');
  // Yesterday had none: nothing to divide by.
  expect(screen.getByTestId('today-change-events')).toHaveTextContent('new');
  expect(screen.getByTestId('today')).toHaveTextContent(/vs yesterday by this time/);
  expect(screen.getByTestId('today-change-views').parentElement).toHaveAttribute('title', 'Yesterday by this time: 1,000');
  const periods = fetch.mock.calls.map(([url]) => new URL(url, 'http://x').searchParams.get('period'));
  expect(new Set(periods)).toEqual(new Set(['today', 'yesterday']));
});

test('compare=week sets today against the same day last week', async () => {
  stubProxy();
  renderInDashboard(<TodayPanel />, { dashboard: { ...TEST_DASHBOARD, compare: 'week' } });
  await settled();
  expect(screen.getByTestId('today-change-views')).toHaveTextContent('+100%');
  expect(screen.getByTestId('today-change-visitors')).toHaveTextContent('0%');
  expect(screen.getByTestId('today-change-events')).toHaveTextContent('\u221250%');
  expect(screen.getByTestId('today')).toHaveTextContent(/vs last week by this time/);
});

test('compare=off shows today alone and asks for no other day', async () => {
  const fetch = stubProxy();
  renderInDashboard(<TodayPanel />, { dashboard: { ...TEST_DASHBOARD, compare: 'off' } });
  await settled();
  expect(screen.getByTestId('today-views')).toHaveTextContent('1,200');
  expect(screen.queryByTestId('today-change-views')).toBeNull();
  expect(fetch.mock.calls.every(([url]) => url.includes('period=today'))).toBe(true);
});

test("when today's routes fail the figures say they are unavailable, never 0", async () => {
  stubProxy(/period=today/);
  renderInDashboard(<TodayPanel />);
  await settled();
  for (const key of ['views', 'visitors', 'events']) {
    expect(screen.getByTestId(`today-${key}`)).toHaveTextContent('–');
    expect(screen.queryByTestId(`today-change-${key}`)).toBeNull();
  }
  expect(within(screen.getByTestId('today')).getByRole('status')).toHaveTextContent('unavailable right now');
});

test("when only yesterday's route fails, today's figures stand without a change", async () => {
  stubProxy(/period=yesterday/);
  renderInDashboard(<TodayPanel />);
  await settled();
  expect(screen.getByTestId('today-views')).toHaveTextContent('1,200');
  expect(screen.queryByTestId('today-change-views')).toBeNull();
});

test('a huge day is shown compact, with the exact number on hover', async () => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => json(url.includes('type=event') ? [] : { pageviews: 123_456_789, visitors: 1, visits: 1, bounces: 0, totaltime: 0 })),
  );
  renderInDashboard(<TodayPanel />);
  await settled();
  expect(screen.getByTestId('today-views')).toHaveTextContent('123M');
  expect(screen.getByTestId('today-views')).toHaveAttribute('title', '123,456,789');
});

test.each([
  ['views', { pageviews: 'lots', visitors: 300 }, { views: '–', visitors: '300' }],
  ['visitors', { pageviews: 1200, visitors: { n: 3 } }, { views: '1,200', visitors: '–' }],
  ['both', { pageviews: null, visitors: 'NaN' }, { views: '–', visitors: '–' }],
])("an unreadable %s figure costs only that figure: the other stands, and none reads 0", async (_name, stats, shown) => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const day = new URL(url, 'http://x').searchParams.get('period');
      if (url.includes('/metrics/expanded?type=event')) return json(DAYS.today.events);
      return json(day === 'today' ? { ...DAYS.today.stats, ...stats } : DAYS.yesterday.stats);
    }),
  );
  renderInDashboard(<TodayPanel />);
  await settled();
  expect(screen.getByTestId('today-views')).toHaveTextContent(shown.views);
  expect(screen.getByTestId('today-visitors')).toHaveTextContent(shown.visitors);
  expect(screen.getByTestId('today-events')).toHaveTextContent('12');
  for (const key of ['views', 'visitors'] as const) if (shown[key] === '–') expect(screen.queryByTestId(`today-change-${key}`)).toBeNull();
});
