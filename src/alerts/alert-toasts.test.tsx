import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import busy from '../test/fixtures/umami-3.1/realtime-busy.json';
import { realtimeResult } from '../test/realtime-result';
import { realtimeKey, TEST_DASHBOARD } from '../test/render-in-dashboard';
import { DashboardContext } from '../dashboard-context';
import { AlertToasts, TOAST_MS } from './alert-toasts';

const SHOP = TEST_DASHBOARD.websiteId;
const BLOG = '95b7680c-9158-4b84-b4ea-7ccc08cc94ea';
const T0 = busy.timestamp;
const keyOf = (websiteId: string) => realtimeKey({ ...TEST_DASHBOARD, websiteId });

type Row = (typeof busy.events)[number];
/** The busy answer `afterMs` later, with extra custom events (newest first) made `agoMs` before it. */
function answer(afterMs: number, extra: Array<{ name: string; agoMs: number; urlPath?: string; country?: string | null; sessionId?: string }> = []) {
  const base = busy.events[0]!;
  const rows: Row[] = extra.map(({ name, agoMs, urlPath = '/checkout', country = 'DE', sessionId = base.sessionId }) => ({
    ...base,
    __type: 'event',
    eventName: name,
    urlPath,
    country,
    sessionId,
    referrerDomain: null,
    createdAt: new Date(T0 + afterMs - agoMs).toISOString(),
  }));
  // Received now: the toasts' clock is the browser's.
  return realtimeResult({ ...busy, events: [...rows, ...busy.events], timestamp: T0 + afterMs }, { receivedAt: Date.now() });
}

function renderToasts(sites = [SHOP]) {
  const client = new QueryClient();
  client.setQueryData(keyOf(SHOP), answer(0));
  if (sites.includes(BLOG)) client.setQueryData(keyOf(BLOG), answer(0));
  render(
    <QueryClientProvider client={client}>
      <DashboardContext value={TEST_DASHBOARD}>
        <AlertToasts sites={sites} siteNames={new Map([[SHOP, 'Shop'], [BLOG, 'Blog']])} alerts={['purchase', 'signup-click']} sound={false} />
      </DashboardContext>
    </QueryClientProvider>,
  );
  return client;
}

async function poll(client: QueryClient, websiteId: string, result: ReturnType<typeof answer>) {
  await act(async () => {
    client.setQueryData(keyOf(websiteId), result);
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

const toasts = () => screen.queryAllByTestId('alert-toast').map((toast) => toast.textContent);

beforeEach(() => {
  vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>(() => {})));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

test('the events already there when the page opened raise nothing', () => {
  renderToasts();
  expect(toasts()).toEqual([]);
});

test('a purchase that arrives later: one toast with its page and country, once across polls', async () => {
  const client = renderToasts();
  await poll(client, SHOP, answer(10_000, [{ name: 'purchase', agoMs: 3_000 }]));
  expect(toasts()).toEqual(['purchase/checkout · Germany']);
  await poll(client, SHOP, answer(20_000, [{ name: 'purchase', agoMs: 13_000 }]));
  expect(toasts()).toEqual(['purchase/checkout · Germany']);
  expect(screen.getByTestId('alert-toast')).toHaveAttribute('data-count', '1');
});

test('several at once are one toast; events not chosen raise nothing', async () => {
  const client = renderToasts();
  await poll(
    client,
    SHOP,
    answer(10_000, [
      { name: 'purchase', agoMs: 1_000, urlPath: '/checkout', country: 'FR', sessionId: 'a' },
      { name: 'add-to-cart', agoMs: 2_000 },
      { name: 'purchase', agoMs: 3_000, urlPath: '/checkout', country: 'DE', sessionId: 'b' },
      { name: 'purchase', agoMs: 4_000, urlPath: '/cart', country: null, sessionId: 'c' },
      { name: 'signup-click', agoMs: 5_000, urlPath: '/' },
    ]),
  );
  expect(toasts()).toEqual(['3 × purchase/checkout, /cart · France, Germany', 'signup-click/ · Germany']);
});

test('each toast leaves after its time', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: T0 + 10_000 });
  const client = renderToasts();
  await act(async () => {
    client.setQueryData(keyOf(SHOP), answer(10_000, [{ name: 'purchase', agoMs: 3_000 }]));
    await vi.advanceTimersByTimeAsync(0);
  });
  expect(toasts()).toHaveLength(1);
  await act(async () => vi.advanceTimersByTimeAsync(TOAST_MS - 100));
  expect(toasts()).toHaveLength(1);
  await act(async () => vi.advanceTimersByTimeAsync(200));
  expect(toasts()).toEqual([]);
});

test('with several sites every one is watched, and the toast names its site', async () => {
  const client = renderToasts([SHOP, BLOG]);
  await poll(client, BLOG, answer(10_000, [{ name: 'signup-click', agoMs: 2_000, urlPath: '/join' }]));
  expect(toasts()).toEqual(['signup-clickBlog · /join · Germany']);
});

test('each string from Umami sits in its own <bdi>: a right-to-left override in one page leaves the site, the other page and the country alone', async () => {
  const client = renderToasts([SHOP, BLOG]);
  await poll(
    client,
    BLOG,
    answer(10_000, [
      { name: 'purchase', agoMs: 1_000, urlPath: '/\u202egpj.exe', sessionId: 'a' },
      { name: 'purchase', agoMs: 2_000, urlPath: '/cart', country: 'FR', sessionId: 'b' },
    ]),
  );
  const toast = screen.getByTestId('alert-toast');
  expect([...toast.querySelectorAll('bdi')].map((bdi) => bdi.textContent)).toEqual(['purchase', 'Blog', '/\u202egpj.exe', '/cart', 'Germany', 'France']);
  expect(toast).toHaveTextContent('2 × purchaseBlog · /\u202egpj.exe, /cart · Germany, France');
});
