import { randomUUID } from 'node:crypto';
import { afterEach, expect, test } from 'vitest';
import { STALE_HEADER, STALE_REASON_HEADER } from '../api/errors.ts';
import { CACHE_HEADER } from './handler.ts';
import { BODIES, BUSY, type FakeUmami } from './testing/fake-umami.ts';
import { errorCode, startClockedProxy, type TestProxy } from './testing/start-proxy.ts';

// 429s and the global budget, on a clock the test moves by hand.

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

// Random ids stand for new keys: let them through the site list (as when it cannot be fetched), so
// the per-client limit is what is tested. Ids outside the list: upstream-modes.test.ts.
const setup = (env: Record<string, string> = {}) => startClockedProxy(open, { ALLOW_UNLISTED_SITES: 'true', ...env });

const realtimeCalls = (umami: FakeUmami) => umami.requests.filter((r) => r.url.includes('/realtime/')).length;
const poll = (proxy: TestProxy, id = BUSY) => proxy.request(`/api/realtime/${id}?timezone=Europe/Berlin`);

function rateLimitFor(umami: FakeUmami, headers: Record<string, string>) {
  umami.override((request, res) => {
    if (!request.url.includes('/realtime/')) return false;
    res.writeHead(429, { 'content-type': 'text/plain', ...headers });
    res.end('Too many requests');
    return true;
  });
}

test('429 with Retry-After: viewers get the last good answer marked stale, and Umami is left alone until then', async () => {
  const { clock, umami, proxy } = await setup();
  expect((await poll(proxy)).body).toBe(BODIES.busy);
  rateLimitFor(umami, { 'retry-after': '30' });
  clock.now += 6000;

  const first = await poll(proxy);
  expect(first.status).toBe(200);
  expect(first.body).toBe(BODIES.busy);
  expect(first.headers[STALE_HEADER]).toBe('6');
  expect(first.headers[STALE_REASON_HEADER]).toBe('rate-limited');
  expect(first.headers[CACHE_HEADER]).toBe('stale');
  expect(realtimeCalls(umami)).toBe(2);

  umami.override(null);
  for (let s = 1; s < 30; s++) {
    clock.now += 1000;
    const response = await poll(proxy);
    expect(response.status).toBe(200);
    expect(response.headers[STALE_HEADER]).toBe(String(6 + s));
  }
  expect(realtimeCalls(umami)).toBe(2);

  clock.now += 1000; // Retry-After has passed
  const fresh = await poll(proxy);
  expect(fresh.headers[STALE_HEADER]).toBeUndefined();
  expect(fresh.headers[STALE_REASON_HEADER]).toBeUndefined();
  expect(realtimeCalls(umami)).toBe(3);
});

test('429 with an HTTP-date Retry-After is honoured the same way', async () => {
  const { clock, umami, proxy } = await setup();
  await poll(proxy);
  clock.now += 6000;
  rateLimitFor(umami, { 'retry-after': new Date(clock.now + 20_000).toUTCString() });
  await poll(proxy);
  umami.override(null);
  clock.now += 19_000;
  expect((await poll(proxy)).headers[CACHE_HEADER]).toBe('stale');
  clock.now += 1000;
  expect((await poll(proxy)).headers[CACHE_HEADER]).toBe('miss');
});

test('429 without Retry-After: exponential backoff (jitter pinned), stale answers meanwhile', async () => {
  const { clock, umami, proxy } = await setup({ CACHE_TTL_MS: '1000' });
  await poll(proxy);
  rateLimitFor(umami, {});
  const callTimes: number[] = [];
  const start = clock.now;
  for (let t = 0; t < 40_000; t += 250) {
    clock.now = start + 2000 + t;
    const before = realtimeCalls(umami);
    const response = await poll(proxy);
    expect(response.status).toBe(200);
    expect(response.headers[STALE_HEADER]).toBeDefined();
    if (realtimeCalls(umami) > before) callTimes.push(clock.now - start);
  }
  const gaps = callTimes.slice(1).map((t, i) => t - (callTimes[i] ?? 0));
  expect(gaps).toEqual([1000, 2000, 4000, 8000, 16000]);
});

test('429 before any good answer → 429 rate-limited with Retry-After, still no extra calls', async () => {
  const { clock, umami, proxy } = await setup();
  rateLimitFor(umami, { 'retry-after': '12' });
  const response = await poll(proxy);
  expect([response.status, errorCode(response)]).toEqual([429, 'rate-limited']);
  expect(response.headers['retry-after']).toBe('12');
  clock.now += 5000;
  const again = await poll(proxy);
  expect(again.headers['retry-after']).toBe('7');
  expect(realtimeCalls(umami)).toBe(1);
});

test('a 5xx is shown as an error even with a cached answer (the browser keeps its own last frame)', async () => {
  const { clock, umami, proxy } = await setup();
  await poll(proxy);
  umami.override((_request, res) => {
    res.writeHead(500);
    res.end();
    return true;
  });
  clock.now += 6000;
  const response = await poll(proxy);
  expect([response.status, errorCode(response)]).toEqual([502, 'upstream-error']);
  expect(response.headers[STALE_HEADER]).toBeUndefined();
});

test('the global budget is never exceeded, however many sites rotate; viewers get stale or 429, nothing else', async () => {
  const { clock, umami, proxy } = await setup({ UPSTREAM_BUDGET: '5/10', CACHE_TTL_MS: '1000' });
  const sites = [BUSY, ...Array.from({ length: 29 }, () => randomUUID())];
  const callTimes: number[] = [];
  const statuses = new Map<string, number>();
  for (let step = 0; step < 240; step++) {
    clock.now += 250;
    const before = umami.requests.length;
    // Four viewers each tick, on rotating sites.
    const responses = await Promise.all([0, 1, 2, 3].map((v) => poll(proxy, sites[(step * 4 + v) % sites.length])));
    for (let i = before; i < umami.requests.length; i++) callTimes.push(clock.now);
    for (const response of responses) {
      const kind = response.status === 200 ? (response.headers[STALE_HEADER] ? 'stale' : 'fresh') : `${response.status} ${errorCode(response)}`;
      statuses.set(kind, (statuses.get(kind) ?? 0) + 1);
    }
  }
  // 60 s of clock, 5 per 10 s → at most 30 calls, none closer than the window allows.
  expect(callTimes.length).toBeLessThanOrEqual(30);
  expect(callTimes.length).toBeGreaterThanOrEqual(25);
  for (let i = 5; i < callTimes.length; i++) expect((callTimes[i] ?? 0) - (callTimes[i - 5] ?? 0)).toBeGreaterThanOrEqual(10_000);
  expect([...statuses.keys()].sort()).toEqual(['429 rate-limited', 'fresh', 'stale']);
  const health = JSON.parse((await proxy.request('/healthz')).body) as { budget: { limit: number; refused: number } };
  expect(health.budget.limit).toBe(5);
  expect(health.budget.refused).toBeGreaterThan(0);
});

test('a flood refused by the budget writes a few log lines a minute with a count, never one per request', async () => {
  const { clock, proxy } = await setup({ UPSTREAM_BUDGET: '1/60', CACHE_TTL_MS: '0' });
  expect((await poll(proxy)).status).toBe(200);
  for (let i = 0; i < 1000; i++) expect((await poll(proxy)).status).toBe(200); // stale, not an error
  const budgetLines = () => proxy.logs.filter((line) => /budget/.test(line));
  expect(budgetLines()).toHaveLength(1);

  clock.now += 61_000;
  await poll(proxy); // the budget has room again
  await poll(proxy); // and is full again: the minute's count is written first
  expect(budgetLines()).toHaveLength(3);
  expect(budgetLines()[1]).toMatch(/999 more in the last minute/);
  expect(proxy.logs.length).toBeLessThan(10);
});
