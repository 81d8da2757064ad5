import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { App } from '../app';
import { parseOptions } from '../options';
import { FIXTURE_SITES, fixture } from '../test/fixtures';

const options = parseOptions(`?website=${FIXTURE_SITES.busy}&panels=totals&interval=60&tz=Europe/Berlin&lang=en-US`);

type Answer = { status: number; body: string; headers?: Record<string, string> };

/**
 * The realtime answers in turn (the last one repeats); the websites list always answers, and
 * Umami's exact routes never (an older Umami).
 */
function stubFetch(answers: Answer[]) {
  const queue = [...answers];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (url === '/api/websites') return new Response(JSON.stringify(fixture('websites')));
      if (url.startsWith('/api/websites/')) return new Response('{"error":{"code":"unknown-website","message":"x"}}', { status: 404 });
      const next = queue.length > 1 ? queue.shift()! : queue[0]!;
      return new Response(next.body, { status: next.status, headers: next.headers });
    }),
  );
}

function renderApp() {
  const queryClient = new QueryClient();
  render(
    <QueryClientProvider client={queryClient}>
      <App options={options} />
    </QueryClientProvider>,
  );
  return queryClient;
}

afterEach(() => vi.unstubAllGlobals());

const busy = { status: 200, body: JSON.stringify(fixture('busy')) };

describe('the states around the data', () => {
  test('a skeleton before the first data, then the totals as displayed', async () => {
    stubFetch([busy]);
    renderApp();
    expect(screen.getAllByTestId('skeleton').length).toBeGreaterThan(0);
    expect(await screen.findByTestId('total-views')).toHaveTextContent('96');
    // Without Umami's exact routes, the realtime answer's figures, each marked as a sample.
    await waitFor(() => expect(screen.getAllByTestId('sample-badge')).toHaveLength(4));
    expect(screen.getByTestId('total-visitors')).toHaveTextContent('12'); // distinct sessions, not Umami's 57
    expect(screen.getByTestId('total-events')).toHaveTextContent('22');
    expect(screen.getByTestId('total-countries')).toHaveTextContent('10');
    expect(screen.queryByTestId('stale-badge')).toBeNull();
    expect(screen.queryByTestId('demo-badge')).toBeNull();
  });

  test('a failed poll keeps the last frame, with a stale badge and a message', async () => {
    stubFetch([busy, { status: 502, body: '{"error":{"code":"upstream-down","message":"x"}}' }]);
    const queryClient = renderApp();
    await screen.findByTestId('total-views');
    await act(() => queryClient.refetchQueries());
    expect(await screen.findByTestId('error-message')).toHaveTextContent(/cannot be reached/);
    expect(screen.getByTestId('stale-badge')).toHaveTextContent(/Stale/);
    expect(screen.getByTestId('total-views')).toHaveTextContent('96');
  });

  test('the proxy serving a cached answer shows as stale without an error', async () => {
    stubFetch([{ ...busy, headers: { 'x-pulseboard-stale-age': '30' } }]);
    renderApp();
    // 30 s, in the ticker's 10 s steps; this test's client does not refresh the shared clock
    // on each answer (main.tsx does), so it may read up to a step less.
    expect(await screen.findByTestId('stale-badge')).toHaveTextContent(/Stale · (20|30) s ago/);
    expect(screen.queryByTestId('error-message')).toBeNull();
  });

  test('a rate-limited proxy serving its last answer says so, marked stale', async () => {
    stubFetch([{ ...busy, headers: { 'x-pulseboard-stale-age': '12', 'x-pulseboard-stale-reason': 'rate-limited' } }]);
    renderApp();
    expect(await screen.findByTestId('error-message')).toHaveTextContent(/rate limiting/);
    expect(screen.getByTestId('stale-badge')).toHaveTextContent(/Stale · 10 s ago/);
    expect(screen.getByTestId('total-views')).toHaveTextContent('96');
  });

  test('the demo badge follows the proxy mode', async () => {
    stubFetch([{ ...busy, headers: { 'x-pulseboard-mode': 'demo' } }]);
    renderApp();
    expect(await screen.findByTestId('demo-badge')).toHaveTextContent('Demo data');
  });

  test('no traffic says so', async () => {
    stubFetch([{ status: 200, body: JSON.stringify(fixture('empty')) }]);
    renderApp();
    expect(await screen.findByTestId('empty-state')).toHaveTextContent('No visitors in the last 30 minutes');
    expect(screen.getByTestId('total-views')).toHaveTextContent('0');
  });

  test('an error before any data shows the message, not a blank page', async () => {
    stubFetch([{ status: 401, body: '{"error":{"code":"bad-credentials","message":"x"}}' }]);
    renderApp();
    expect(await screen.findByTestId('error-message')).toHaveTextContent(/refused the credentials/);
    expect(screen.queryByTestId('stale-badge')).toBeNull();
  });
});

describe('with no website in the address', () => {
  test('a websites list that fails at start is asked again until it answers', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const websites = { status: 200, body: JSON.stringify(fixture('websites')), headers: { 'x-pulseboard-mode': 'login' } };
      let calls = 0;
      vi.stubGlobal(
        'fetch',
        vi.fn(async (url: string) => {
          if (url.startsWith('/api/websites')) {
            calls += 1;
            return calls <= 2 ? new Response('', { status: 502 }) : new Response(websites.body, { status: 200, headers: websites.headers });
          }
          return new Response(busy.body, { status: 200 });
        }),
      );
      const queryClient = new QueryClient();
      render(
        <QueryClientProvider client={queryClient}>
          <App options={parseOptions('?lang=en-US&tz=Europe/Berlin')} />
        </QueryClientProvider>,
      );
      expect(await screen.findByTestId('error-message', {}, { timeout: 5_000 })).toHaveTextContent(/cannot be reached/);
      await act(() => vi.advanceTimersByTimeAsync(11_000));
      expect(await screen.findByTestId('site-picker')).toBeVisible();
      expect(calls).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
