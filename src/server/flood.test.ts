import { randomUUID } from 'node:crypto';
import { afterEach, expect, test } from 'vitest';
import { CACHE_HEADER } from './handler.ts';
import { BUSY, type FakeUmami } from './testing/fake-umami.ts';
import { errorCode, startClockedProxy } from './testing/start-proxy.ts';

// Issue 22: one client that can reach /api invents cache keys to spend the shared upstream budget
// and push the real viewers' answers out of the cache. Clients are told apart by socket address.

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

const VIEWER = '127.0.0.1';
const FLOODER = '127.0.0.2';
const METRICS = ['path', 'referrer', 'country', 'event'];

// Random ids stand for new keys: let them through the site list (as when it cannot be fetched), so
// the per-client limit is what is tested. Ids outside the list: upstream-modes.test.ts.
const setup = (env: Record<string, string> = {}) => startClockedProxy(open, { ALLOW_UNLISTED_SITES: 'true', ...env });

const upstreamCalls = (umami: FakeUmami) => umami.requests.length;

test('a client inventing keys gets 429 rate-limited with Retry-After once past its burst, while another viewer keeps getting data', async () => {
  const { clock, umami, proxy } = await setup({ CACHE_MAX_ENTRIES: '100' });
  // A viewer who has polled before (twice: the key is in use, no longer on probation).
  for (let i = 0; i < 2; i++) expect((await proxy.request(`/api/realtime/${BUSY}?timezone=Europe/Berlin`, { from: VIEWER })).status).toBe(200);

  const statuses: number[] = [];
  let refused = null;
  for (let i = 0; i < 400; i++) {
    const response = await proxy.request(`/api/realtime/${randomUUID()}?timezone=Europe/Berlin`, { from: FLOODER });
    statuses.push(response.status);
    if (response.status === 429) refused ??= response;
  }
  // The burst (300 new keys) a cold 30-site wall needs, then nothing until the bucket refills.
  expect(statuses.filter((s) => s === 200)).toHaveLength(300);
  expect(refused && errorCode(refused)).toBe('rate-limited');
  expect(Number(refused?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  const callsAfterFlood = upstreamCalls(umami);
  expect(callsAfterFlood).toBe(301);

  // Hits are never limited, not even for the flooder.
  expect((await proxy.request(`/api/realtime/${BUSY}?timezone=Europe/Berlin`, { from: FLOODER })).status).toBe(200);
  // The viewer's key survived 400 one-shot keys in a 100-entry cache, and a refresh costs it nothing.
  clock.now += 10_000;
  const viewer = await proxy.request(`/api/realtime/${BUSY}?timezone=Europe/Berlin`, { from: VIEWER });
  expect(viewer.status).toBe(200);
  // A new viewer of a new site is not punished for the flooder.
  expect((await proxy.request(`/api/realtime/${randomUUID()}`, { from: '127.0.0.3' })).status).toBe(200);
});

test('one client cold-starting a 30-site wall (realtime, stats, active, 4 metrics each, and the site list) is never limited', async () => {
  const { proxy } = await setup();
  const sites = Array.from({ length: 30 }, () => randomUUID());
  const targets = [
    '/api/websites',
    ...sites.flatMap((id) => [
      `/api/realtime/${id}?timezone=Europe/Berlin`,
      `/api/websites/${id}/stats`,
      `/api/websites/${id}/active`,
      ...METRICS.map((type) => `/api/websites/${id}/metrics/expanded?type=${type}`),
    ]),
  ];
  const responses = await Promise.all(targets.map((target) => proxy.request(target, { from: VIEWER })));
  expect(responses.filter((r) => r.status === 429)).toHaveLength(0);
});

test('a viewer polling one key every 10 s keeps fresh-or-stale 200s through a flood from many clients', async () => {
  const { clock, proxy } = await setup({ CACHE_MAX_ENTRIES: '50' });
  await proxy.request(`/api/realtime/${BUSY}?timezone=Europe/Berlin`, { from: VIEWER });
  clock.now += 10_000;
  for (let poll = 0; poll < 20; poll++) {
    const response = await proxy.request(`/api/realtime/${BUSY}?timezone=Europe/Berlin`, { from: VIEWER });
    expect(response.status).toBe(200);
    expect(['hit', 'miss', 'stale']).toContain(response.headers[CACHE_HEADER]);
    await Promise.all(Array.from({ length: 100 }, (_, i) => proxy.request(`/api/realtime/${randomUUID()}`, { from: `127.0.1.${(i % 50) + 1}` })));
    // Between two of the viewer's polls its key is still cached: a poll within the TTL is a hit.
    expect((await proxy.request(`/api/realtime/${BUSY}?timezone=europe/berlin`, { from: VIEWER })).headers[CACHE_HEADER]).toBe('hit');
    clock.now += 10_000;
  }
});

test('big answers for many keys: the cache holds at most CACHE_MAX_BYTES, gzip copies included, and viewers still get them', async () => {
  const limit = 4 * 1024 * 1024;
  const { umami, proxy } = await setup({ CACHE_MAX_BYTES: String(limit) });
  // ~1 MB of JSON that does not compress away, so the gzip copy counts too.
  const big = JSON.stringify({ filler: Array.from({ length: 40_000 }, (_, i) => `${i.toString(36)}-${Math.random().toString(36)}`) });
  umami.override((request, res) => {
    if (!request.url.includes('/realtime/') || request.url.includes(BUSY)) return false;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(big);
    return true;
  });
  for (let i = 0; i < 20; i++) {
    const response = await proxy.request(`/api/realtime/${randomUUID()}`, { from: `127.0.2.${i + 1}`, headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
  }
  const health = JSON.parse((await proxy.request('/healthz')).body) as { cache: { bytes: number; entries: number } };
  expect(health.cache.bytes).toBeGreaterThan(big.length);
  expect(health.cache.bytes).toBeLessThanOrEqual(limit);
  expect(health.cache.entries).toBeLessThan(5);
});

test('X-Forwarded-For is ignored unless TRUST_PROXY is set; then each forwarded client has its own bucket', async () => {
  const flood = async (proxy: Awaited<ReturnType<typeof setup>>['proxy'], forwardedFor: () => string) => {
    const statuses: number[] = [];
    for (let i = 0; i < 310; i++) {
      const response = await proxy.request(`/api/realtime/${randomUUID()}`, { from: FLOODER, headers: { 'x-forwarded-for': forwardedFor() } });
      statuses.push(response.status);
    }
    return statuses.filter((s) => s === 429).length;
  };
  let n = 0;
  const forged = () => `10.0.${Math.floor(n / 250)}.${n++ % 250}`;
  const untrusted = await setup();
  expect(await flood(untrusted.proxy, forged)).toBe(10);
  const trusted = await setup({ TRUST_PROXY: 'true' });
  // The proxy appends the real client last; what the client sent before it does not matter.
  expect(await flood(trusted.proxy, () => `${forged()}, 192.0.2.7`)).toBe(10);
  expect((await trusted.proxy.request(`/api/realtime/${randomUUID()}`, { from: FLOODER, headers: { 'x-forwarded-for': '192.0.2.8' } })).status).toBe(200);
});
