import { afterEach, describe, expect, test } from 'vitest';
import { MODE_HEADER, STALE_HEADER, STALE_REASON_HEADER } from '../api/errors.ts';
import { CACHE_HEADER } from './handler.ts';
import { BODIES, BUSY, EMPTY, EXACT_BODIES, startFakeUmami, type FakeUmami } from './testing/fake-umami.ts';
import { errorCode, startProxy, type TestProxy } from './testing/start-proxy.ts';

// The exact routes through the real handler against a fake Umami 3.1 that serves the recorded
// aggregates: the window the proxy sets, what is shared, and what the browser gets on failure.

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

// 17:41:39.881 UTC, the instant the aggregates were recorded.
const RECORDED_AT = 1796492499881;

async function setup(env: Record<string, string> = {}, latencyMs = 30) {
  const clock = { now: RECORDED_AT };
  const umami = await startFakeUmami({ username: 'admin', password: 'pw', latencyMs });
  const proxy = await startProxy({ UMAMI_URL: umami.url, UMAMI_USERNAME: 'admin', UMAMI_PASSWORD: 'pw', ...env }, { now: () => clock.now });
  open.push(umami, proxy);
  return { clock, umami, proxy };
}

const exactCalls = (umami: FakeUmami) => umami.requests.filter((r) => r.url.startsWith('/api/websites/'));
const query = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);
const health = async (proxy: TestProxy) =>
  JSON.parse((await proxy.request('/healthz')).body) as {
    ok: boolean;
    sources: Record<string, { ok: boolean; lastSuccess: string | null; lastError: { at: string; code: string } | null }>;
  };

/** Every exact route answers with this status and code. */
function failWith(umami: FakeUmami, status: number, body = '') {
  umami.override((request, res) => {
    if (!request.url.startsWith('/api/websites/')) return false;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
    return true;
  });
}

describe('the recorded answers pass through unchanged', () => {
  test.each([
    ['stats', `/api/websites/${BUSY}/stats`, EXACT_BODIES.busyStats],
    ['active', `/api/websites/${BUSY}/active`, EXACT_BODIES.busyActive],
    ['path', `/api/websites/${BUSY}/metrics/expanded?type=path`, EXACT_BODIES.busyMetrics.path],
    ['referrer', `/api/websites/${BUSY}/metrics/expanded?type=referrer&limit=10`, EXACT_BODIES.busyMetrics.referrer],
    ['country', `/api/websites/${BUSY}/metrics/expanded?type=country`, EXACT_BODIES.busyMetrics.country],
    ['event', `/api/websites/${BUSY}/metrics/expanded?type=event`, EXACT_BODIES.busyMetrics.event],
    ['empty stats', `/api/websites/${EMPTY}/stats`, EXACT_BODIES.emptyStats],
    ['empty path', `/api/websites/${EMPTY}/metrics/expanded?type=path`, EXACT_BODIES.emptyMetrics],
  ])('%s', async (_name, target, body) => {
    const { proxy } = await setup();
    const response = await proxy.request(target);
    expect(response.status).toBe(200);
    expect(response.body).toBe(body);
    expect(response.headers[MODE_HEADER]).toBe('login');
    expect(response.headers[CACHE_HEADER]).toBe('miss');
    expect(response.headers['cache-control']).toBe('public, max-age=15, stale-while-revalidate=2');
  });
});

describe('the proxy sets the window', () => {
  test('start of the current minute minus 30 minutes, up to now; the client’s dates never reach Umami', async () => {
    const { umami, proxy } = await setup();
    await proxy.request(`/api/websites/${BUSY}/stats?startAt=0&endAt=1&timezone=Asia/Tokyo&compare=yoy`);
    await proxy.request(`/api/websites/${BUSY}/metrics/expanded?type=path&startAt=0&endAt=1&limit=3`);
    await proxy.request(`/api/websites/${BUSY}/active?startAt=0`);
    const [stats, metrics, active] = exactCalls(umami);
    // The same window the aggregates were recorded with (aggregates-manifest.json).
    expect(query(stats?.url ?? '')).toEqual({ startAt: '1796490660000', endAt: '1796492499881' });
    expect(query(metrics?.url ?? '')).toEqual({ startAt: '1796490660000', endAt: '1796492499881', type: 'path', limit: '500' });
    expect(active?.url).toBe(`/api/websites/${BUSY}/active`);
  });

  test('the window moves with the clock: a later call asks for a later window', async () => {
    const { clock, umami, proxy } = await setup({ EXACT_CACHE_TTL_MS: '0' });
    await proxy.request(`/api/websites/${BUSY}/stats`);
    clock.now += 61_000;
    await proxy.request(`/api/websites/${BUSY}/stats`);
    const windows = exactCalls(umami).map((r) => query(r.url));
    expect(windows[1]).toEqual({ startAt: String(1796490660000 + 60_000), endAt: String(RECORDED_AT + 61_000) });
    expect(windows[0]?.startAt).toBe('1796490660000');
  });
});

describe('one upstream call per site, route and type', () => {
  test('viewers with different dates, zones and limits share one call per route', async () => {
    const { umami, proxy } = await setup();
    const zones = ['Europe/Berlin', 'Asia/Tokyo', 'utc', 'America/New_York'];
    const targets = zones.flatMap((zone, i) => [
      `/api/websites/${BUSY}/stats?timezone=${zone}&startAt=${i}`,
      `/api/websites/${BUSY}/active?timezone=${zone}`,
      `/api/websites/${BUSY}/metrics/expanded?type=path&limit=${i + 1}&timezone=${zone}`,
      `/api/websites/${BUSY}/metrics/expanded?type=event&endAt=${i}`,
    ]);
    const responses = await Promise.all(targets.map((t) => proxy.request(t)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(exactCalls(umami).map((r) => new URL(r.url, 'http://x').pathname + (query(r.url).type ?? '')).sort()).toEqual([
      `/api/websites/${BUSY}/active`,
      `/api/websites/${BUSY}/metrics/expandedevent`,
      `/api/websites/${BUSY}/metrics/expandedpath`,
      `/api/websites/${BUSY}/stats`,
    ]);
  });

  test('each type and each site has its own answer', async () => {
    const { umami, proxy } = await setup();
    const types = ['path', 'referrer', 'country', 'event'];
    const responses = await Promise.all(
      [BUSY, EMPTY].flatMap((id) => types.map((type) => proxy.request(`/api/websites/${id}/metrics/expanded?type=${type}`))),
    );
    expect(responses.slice(0, 4).map((r) => r.body)).toEqual(types.map((type) => EXACT_BODIES.busyMetrics[type]));
    expect(exactCalls(umami)).toHaveLength(8);
  });

  test('an answer is shared for EXACT_CACHE_TTL_MS (default 15 s), then fetched again', async () => {
    const { clock, umami, proxy } = await setup();
    await proxy.request(`/api/websites/${BUSY}/stats`);
    clock.now += 14_000;
    expect((await proxy.request(`/api/websites/${BUSY}/stats`)).headers[CACHE_HEADER]).toBe('hit');
    clock.now += 1_000;
    expect((await proxy.request(`/api/websites/${BUSY}/stats`)).headers[CACHE_HEADER]).toBe('miss');
    expect(exactCalls(umami)).toHaveLength(2);
  });
});

describe('failures: the browser falls back to the sample on any of them', () => {
  test.each<[string, number, string, number, string]>([
    ['Umami refuses the parameters (400)', 501, 'upstream-unsupported', 400, EXACT_BODIES.badType],
    ['an older Umami without the route (404)', 501, 'upstream-unsupported', 404, '{"error":{"message":"Not Found"}}'],
    ['Umami fails (500, empty body)', 502, 'upstream-error', 500, ''],
    ['a 200 that is not JSON', 502, 'upstream-malformed', 200, '<html>'],
  ])('%s → %i %s, Umami’s body not passed on', async (_name, proxyStatus, code, status, body) => {
    const { proxy, umami } = await setup();
    failWith(umami, status, body);
    const response = await proxy.request(`/api/websites/${BUSY}/metrics/expanded?type=path`);
    expect([response.status, errorCode(response)]).toEqual([proxyStatus, code]);
    if (body) expect(response.body).not.toContain(body);
  });

  test('metrics that are not an array, or stats that are not an object → upstream-malformed', async () => {
    const { proxy, umami } = await setup();
    umami.override((request, res) => {
      if (!request.url.startsWith('/api/websites/')) return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(request.url.includes('/metrics/') ? '{"x":1}' : '[1]');
      return true;
    });
    for (const target of [`/api/websites/${BUSY}/metrics/expanded?type=path`, `/api/websites/${BUSY}/stats`, `/api/websites/${BUSY}/active`]) {
      expect(errorCode(await proxy.request(target))).toBe('upstream-malformed');
    }
  });

  test('401 right after the login → unknown-website, no second login', async () => {
    const { proxy, umami } = await setup();
    failWith(umami, 401, BODIES.unauthorized);
    const response = await proxy.request(`/api/websites/${BUSY}/stats`);
    expect([response.status, errorCode(response)]).toEqual([404, 'unknown-website']);
    expect(umami.requests.filter((r) => r.url === '/api/auth/login')).toHaveLength(1);
  });

  test('a failure is remembered for the TTL, so a refusing Umami is not asked on every poll', async () => {
    const { clock, proxy, umami } = await setup();
    failWith(umami, 400, EXACT_BODIES.badType);
    await proxy.request(`/api/websites/${BUSY}/stats`);
    clock.now += 10_000;
    expect(errorCode(await proxy.request(`/api/websites/${BUSY}/stats`))).toBe('upstream-unsupported');
    expect(exactCalls(umami)).toHaveLength(1);
    clock.now += 5_000;
    await proxy.request(`/api/websites/${BUSY}/stats`);
    expect(exactCalls(umami)).toHaveLength(2);
  });

  test('UMAMI_WEBSITE_IDS: other sites are unknown without asking Umami', async () => {
    const { proxy, umami } = await setup({ UMAMI_WEBSITE_IDS: EMPTY });
    for (const target of [`/api/websites/${BUSY}/stats`, `/api/websites/${BUSY}/active`, `/api/websites/${BUSY}/metrics/expanded?type=path`]) {
      const response = await proxy.request(target);
      expect([response.status, errorCode(response)]).toEqual([404, 'unknown-website']);
    }
    expect(umami.requests).toHaveLength(0);
    expect((await proxy.request(`/api/websites/${EMPTY}/stats`)).status).toBe(200);
  });

  test('bad parameters are answered by the proxy, never sent', async () => {
    const { proxy, umami } = await setup();
    for (const target of [`/api/websites/${BUSY}/metrics/expanded`, `/api/websites/${BUSY}/metrics/expanded?type=url`, `/api/websites/${BUSY}/metrics/expanded?type=path&limit=501`]) {
      const response = await proxy.request(target);
      expect([response.status, errorCode(response)]).toEqual([400, 'invalid-parameter']);
    }
    expect(errorCode(await proxy.request('/api/websites/nope/stats'))).toBe('invalid-website-id');
    expect(umami.requests).toHaveLength(0);
  });
});

describe('the upstream budget: exact routes use at most half of it', () => {
  test('when their half is spent, exact routes serve their last answer marked stale while realtime still gets through', async () => {
    // 10 calls per 15 s; an exact call only while fewer than 5 are used: login + site list + realtime + 2 exact.
    const { clock, proxy, umami } = await setup({ UPSTREAM_BUDGET: '10/15', CACHE_TTL_MS: '0', EXACT_CACHE_TTL_MS: '0' });
    expect((await proxy.request(`/api/realtime/${BUSY}`)).status).toBe(200); // login + realtime
    expect((await proxy.request(`/api/websites/${BUSY}/stats`)).status).toBe(200);
    clock.now += 2_000;
    expect((await proxy.request(`/api/websites/${BUSY}/active`)).status).toBe(200);
    clock.now += 2_000;
    const refused = await proxy.request(`/api/websites/${BUSY}/stats`);
    expect(refused.status).toBe(200);
    expect(refused.body).toBe(EXACT_BODIES.busyStats);
    expect(refused.headers[CACHE_HEADER]).toBe('stale');
    expect(refused.headers[STALE_HEADER]).toBe('4');
    expect(refused.headers[STALE_REASON_HEADER]).toBe('rate-limited');
    const neverFetched = await proxy.request(`/api/websites/${BUSY}/metrics/expanded?type=event`);
    expect([neverFetched.status, errorCode(neverFetched)]).toEqual([429, 'rate-limited']);
    expect(Number(neverFetched.headers['retry-after'])).toBeGreaterThan(0);
    // The other half of the window is still there for the live view.
    expect((await proxy.request(`/api/realtime/${BUSY}`)).headers[CACHE_HEADER]).toBe('miss');
    expect(exactCalls(umami)).toHaveLength(2);
  });

  test('a 429 from Umami on an exact route serves the last answer, marked stale', async () => {
    const { clock, proxy, umami } = await setup({ EXACT_CACHE_TTL_MS: '1000' });
    await proxy.request(`/api/websites/${BUSY}/active`);
    umami.override((request, res) => {
      if (!request.url.startsWith('/api/websites/')) return false;
      res.writeHead(429, { 'retry-after': '30' });
      res.end();
      return true;
    });
    clock.now += 5_000;
    const response = await proxy.request(`/api/websites/${BUSY}/active`);
    expect([response.status, response.body, response.headers[CACHE_HEADER]]).toEqual([200, EXACT_BODIES.busyActive, 'stale']);
  });
});

describe('/healthz: the status of each source', () => {
  test('a refused exact route shows on its own source; the proxy stays ok while realtime works', async () => {
    const { clock, proxy, umami } = await setup();
    const before = await health(proxy);
    expect(Object.keys(before.sources)).toEqual(['realtime', 'stats', 'metrics', 'active', 'websites', 'period-stats', 'period-metrics', 'pageviews']);
    await proxy.request(`/api/realtime/${BUSY}`);
    await proxy.request(`/api/websites/${BUSY}/stats`);
    umami.override((request, res) => {
      if (!request.url.includes('/metrics/expanded')) return false;
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(EXACT_BODIES.badType);
      return true;
    });
    clock.now += 1000;
    await proxy.request(`/api/websites/${BUSY}/metrics/expanded?type=country`);
    const after = await health(proxy);
    expect(after.ok).toBe(true);
    expect(after.sources.realtime).toEqual({ ok: true, lastSuccess: new Date(RECORDED_AT).toISOString(), lastError: null });
    expect(after.sources.stats).toEqual({ ok: true, lastSuccess: new Date(RECORDED_AT).toISOString(), lastError: null });
    expect(after.sources.metrics).toEqual({
      ok: false,
      lastSuccess: null,
      lastError: { at: new Date(RECORDED_AT + 1000).toISOString(), code: 'upstream-unsupported' },
    });
    expect(after.sources.active).toEqual({ ok: true, lastSuccess: null, lastError: null });
  });

  test('a failing realtime source makes the proxy not ok', async () => {
    const { proxy, umami } = await setup();
    umami.override((request, res) => {
      if (!request.url.includes('/realtime/')) return false;
      res.writeHead(503);
      res.end();
      return true;
    });
    await proxy.request(`/api/websites/${BUSY}/active`);
    await proxy.request(`/api/realtime/${BUSY}`);
    const status = await health(proxy);
    expect(status.ok).toBe(false);
    expect(status.sources.realtime?.lastError?.code).toBe('upstream-error');
    expect(status.sources.active?.ok).toBe(true);
  });
});
