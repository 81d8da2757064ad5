import { afterEach, describe, expect, test } from 'vitest';
import { MODE_HEADER, STALE_HEADER } from '../api/errors.ts';
import { CACHE_HEADER } from './handler.ts';
import { BODIES, BUSY, EMPTY, EXACT_BODIES, startFakeUmami, type FakeUmami, type FakeUmamiOptions } from './testing/fake-umami.ts';
import { errorCode, startProxy, type TestProxy } from './testing/start-proxy.ts';

// The period routes (issue 19) through the real handler against a fake Umami 3.1: the day
// windows the proxy sets in the viewer's zone, what is shared, the budget, and every auth mode.

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

// 2026-12-05 17:41:39.881 UTC (18:41 in Berlin), the instant the aggregates were recorded.
const RECORDED_AT = 1796492499881;
const at = (iso: string) => String(Date.parse(iso));

async function setup(env: Record<string, string> = {}, fake: FakeUmamiOptions = {}) {
  const clock = { now: RECORDED_AT };
  const umami = await startFakeUmami({ username: 'admin', password: 'pw', latencyMs: 20, ...fake });
  const proxy = await startProxy({ UMAMI_URL: umami.url, UMAMI_USERNAME: 'admin', UMAMI_PASSWORD: 'pw', ...env }, { now: () => clock.now });
  open.push(umami, proxy);
  return { clock, umami, proxy };
}

const calls = (umami: FakeUmami) => umami.requests.filter((r) => r.url.includes('/websites/'));
const query = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);
const pathOf = (url: string) => new URL(url, 'http://x').pathname;

const stats = (period: string, zone = 'Europe/Berlin', id = BUSY) => `/api/websites/${id}/stats?period=${period}&timezone=${zone}`;
const events = (period: string, zone = 'Europe/Berlin', id = BUSY) => `/api/websites/${id}/metrics/expanded?type=event&period=${period}&timezone=${zone}`;
const ghost = (period: string, zone = 'Europe/Berlin', id = BUSY) => `/api/websites/${id}/pageviews?period=${period}&timezone=${zone}`;

describe('Umami’s answers pass through unchanged', () => {
  test.each([
    ['stats', stats('today'), EXACT_BODIES.busyStats],
    ['events', events('yesterday'), EXACT_BODIES.busyMetrics.event],
    ['pageviews', ghost('lastweek'), EXACT_BODIES.busyPageviews],
    ['empty site', ghost('yesterday', 'UTC', EMPTY), EXACT_BODIES.emptyPageviews],
  ])('%s', async (_name, target, body) => {
    const { proxy } = await setup();
    const response = await proxy.request(target);
    expect([response.status, response.body, response.headers[MODE_HEADER], response.headers[CACHE_HEADER]]).toEqual([200, body, 'login', 'miss']);
    // Shared until the minute its window ends at is over: 18:41:39.9 → 21 s.
    expect(response.headers['cache-control']).toBe('public, max-age=21, stale-while-revalidate=2');
  });

  test('HEAD answers the headers alone', async () => {
    const { proxy } = await setup();
    const response = await proxy.request(stats('today'), { method: 'HEAD' });
    expect([response.status, response.body]).toEqual([200, '']);
  });
});

describe('the proxy sets the windows: local midnight in the zone, cut to the minute', () => {
  test('today, yesterday and last week in Berlin (18:41 local)', async () => {
    const { umami, proxy } = await setup();
    for (const period of ['today', 'yesterday', 'lastweek']) await proxy.request(`${stats(period)}&startAt=0&endAt=1&compare=yoy`);
    const sent = calls(umami).map((r) => query(r.url));
    expect(sent).toEqual([
      { startAt: at('2026-12-04T23:00:00Z'), endAt: at('2026-12-05T17:41:00Z'), timezone: 'Europe/Berlin' },
      { startAt: at('2026-12-03T23:00:00Z'), endAt: at('2026-12-04T17:41:00Z'), timezone: 'Europe/Berlin' },
      { startAt: at('2026-11-27T23:00:00Z'), endAt: at('2026-11-28T17:41:00Z'), timezone: 'Europe/Berlin' },
    ]);
    expect(calls(umami).every((r) => pathOf(r.url) === `/api/websites/${BUSY}/stats`)).toBe(true);
  });

  test('events: type=event, 500 rows; another zone has another midnight', async () => {
    const { umami, proxy } = await setup();
    await proxy.request(`${events('today', 'America/New_York')}&limit=3`);
    const [sent] = calls(umami);
    expect(pathOf(sent?.url ?? '')).toBe(`/api/websites/${BUSY}/metrics/expanded`);
    expect(query(sent?.url ?? '')).toEqual({
      startAt: at('2026-12-05T05:00:00Z'),
      endAt: at('2026-12-05T17:41:00Z'),
      type: 'event',
      limit: '500',
      timezone: 'America/New_York',
    });
  });

  test('pageviews: the live chart’s 31 minutes at the same local time, one and seven days back', async () => {
    const { umami, proxy } = await setup();
    await proxy.request(ghost('yesterday'));
    await proxy.request(ghost('lastweek', 'Australia/Adelaide'));
    const [yesterday, lastweek] = calls(umami).map((r) => query(r.url));
    // The recorded window started at 17:11:00Z; the ghost windows end with the current minute.
    expect(yesterday).toEqual({ startAt: at('2026-12-04T17:11:00Z'), endAt: at('2026-12-04T17:41:59.999Z'), unit: 'minute', timezone: 'Europe/Berlin' });
    expect(lastweek).toEqual({ startAt: at('2026-11-28T17:11:00Z'), endAt: at('2026-11-28T17:41:59.999Z'), unit: 'minute', timezone: 'Australia/Adelaide' });
  });

  test('a 23-hour day: the day after Berlin’s clocks went forward, yesterday starts at its midnight (UTC+1)', async () => {
    const { clock, umami, proxy } = await setup();
    clock.now = Date.parse('2026-03-30T10:00:30Z');
    await proxy.request(stats('yesterday'));
    expect(query(calls(umami)[0]?.url ?? '')).toMatchObject({ startAt: at('2026-03-28T23:00:00Z'), endAt: at('2026-03-29T10:00:00Z') });
  });

  test('the zone is sent as Intl spells it, and without a period the exact window is unchanged', async () => {
    const { umami, proxy } = await setup();
    await proxy.request(stats('today', 'europe/berlin'));
    await proxy.request(`/api/websites/${BUSY}/stats?timezone=Europe/Berlin`);
    const [period, exact] = calls(umami).map((r) => query(r.url));
    expect(period?.timezone).toBe('Europe/Berlin');
    expect(exact).toEqual({ startAt: '1796490660000', endAt: String(RECORDED_AT) });
  });
});

describe('one shared answer per site, route, type, period and zone', () => {
  test('spellings of one zone and extra client parameters share one call; periods and zones do not', async () => {
    const { umami, proxy } = await setup();
    const targets = [
      stats('today'),
      stats('today', 'europe/berlin'),
      `${stats('today')}&startAt=0`,
      `${stats('today')}&endAt=99&unit=hour`,
      stats('yesterday'),
      stats('today', 'Asia/Tokyo'),
      events('today'),
      `${events('today')}&limit=10`,
      ghost('yesterday'),
      `${ghost('yesterday')}&unit=day`,
    ];
    const responses = await Promise.all(targets.map((target) => proxy.request(target)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(calls(umami)).toHaveLength(5);
  });

  test('shared within the minute; the next minute asks again (its window moved)', async () => {
    const { clock, umami, proxy } = await setup();
    await proxy.request(stats('today'));
    clock.now += 20_000; // 18:41:59.9
    expect((await proxy.request(stats('today'))).headers[CACHE_HEADER]).toBe('hit');
    clock.now += 1_000; // 18:42:00.9
    expect((await proxy.request(stats('today'))).headers[CACHE_HEADER]).toBe('miss');
    expect(calls(umami).map((r) => query(r.url).endAt)).toEqual([at('2026-12-05T17:41:00Z'), at('2026-12-05T17:42:00Z')]);
  });

  test('PERIOD_CACHE_TTL_MS shortens the sharing; 0 asks Umami every time', async () => {
    const { clock, umami, proxy } = await setup({ PERIOD_CACHE_TTL_MS: '5000' });
    await proxy.request(stats('today'));
    clock.now += 4_000;
    expect((await proxy.request(stats('today'))).headers['cache-control']).toBe('public, max-age=1, stale-while-revalidate=2');
    clock.now += 1_000;
    expect((await proxy.request(stats('today'))).headers[CACHE_HEADER]).toBe('miss');
    expect(calls(umami)).toHaveLength(2);

    const uncached = await setup({ PERIOD_CACHE_TTL_MS: '0' });
    await uncached.proxy.request(ghost('yesterday'));
    const again = await uncached.proxy.request(ghost('yesterday'));
    expect([again.headers[CACHE_HEADER], again.headers['cache-control']]).toEqual(['miss', 'no-store']);
  });
});

describe('the same rules as the exact routes', () => {
  test('bad parameters are answered by the proxy, never sent', async () => {
    const { proxy, umami } = await setup();
    for (const target of [
      `/api/websites/${BUSY}/stats?period=today`,
      stats('today', 'Mars/Olympus'),
      stats('someday'),
      `/api/websites/${BUSY}/metrics/expanded?type=path&period=today&timezone=UTC`,
      `/api/websites/${BUSY}/pageviews`,
      ghost('today'),
    ]) {
      const response = await proxy.request(target);
      expect([response.status, errorCode(response)]).toEqual([400, 'invalid-parameter']);
    }
    expect(errorCode(await proxy.request('/api/websites/nope/pageviews?period=yesterday&timezone=UTC'))).toBe('invalid-website-id');
    expect(umami.requests).toHaveLength(0);
  });

  test('UMAMI_WEBSITE_IDS: other sites are unknown without asking Umami', async () => {
    const { proxy, umami } = await setup({ UMAMI_WEBSITE_IDS: EMPTY });
    for (const target of [stats('today'), events('lastweek'), ghost('yesterday')]) {
      expect(errorCode(await proxy.request(target))).toBe('unknown-website');
    }
    expect(umami.requests).toHaveLength(0);
    expect((await proxy.request(stats('today', 'UTC', EMPTY))).status).toBe(200);
  });

  test('DASHBOARD_TOKEN: without the cookie nothing is answered or asked', async () => {
    const { proxy, umami } = await setup({ DASHBOARD_TOKEN: 'wall-token-123' });
    const refused = await proxy.request(ghost('yesterday'));
    expect([refused.status, errorCode(refused)]).toEqual([401, 'dashboard-token-required']);
    const signedIn = await proxy.request(`${ghost('yesterday')}&token=wall-token-123`);
    expect([signedIn.status, signedIn.headers['cache-control']]).toEqual([200, 'private, no-store']);
    expect(calls(umami)).toHaveLength(1);
  });

  test.each<[string, number, number, string]>([
    ['an older Umami without the pageviews route (404)', 404, 501, 'upstream-unsupported'],
    ['Umami refuses the parameters (400)', 400, 501, 'upstream-unsupported'],
    ['Umami fails (500)', 500, 502, 'upstream-error'],
  ])('%s → %i %s', async (_name, status, proxyStatus, code) => {
    const { proxy, umami } = await setup();
    umami.override((request, res) => {
      if (!request.url.includes('/websites/')) return false;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 500 ? '' : EXACT_BODIES.badType);
      return true;
    });
    const response = await proxy.request(ghost('yesterday'));
    expect([response.status, errorCode(response)]).toEqual([proxyStatus, code]);
  });

  test('a body of the wrong kind → upstream-malformed', async () => {
    const { proxy, umami } = await setup();
    umami.override((request, res) => {
      if (!request.url.includes('/websites/')) return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(request.url.includes('/metrics/') ? '{"rows":1}' : '[1]');
      return true;
    });
    for (const target of [stats('today'), events('today'), ghost('yesterday')]) expect(errorCode(await proxy.request(target))).toBe('upstream-malformed');
  });

  test('only while less than half the budget is used; then the last answer, marked stale, and realtime still gets through', async () => {
    // 10 calls per 15 s; a period call only while fewer than 5 are used: login + site list + realtime + 2.
    const { clock, proxy, umami } = await setup({ UPSTREAM_BUDGET: '10/15', CACHE_TTL_MS: '0', PERIOD_CACHE_TTL_MS: '0' });
    expect((await proxy.request(`/api/realtime/${BUSY}`)).status).toBe(200);
    expect((await proxy.request(stats('today'))).status).toBe(200);
    clock.now += 2_000;
    expect((await proxy.request(ghost('yesterday'))).status).toBe(200);
    clock.now += 2_000;
    const refused = await proxy.request(stats('today'));
    expect([refused.status, refused.body, refused.headers[CACHE_HEADER], refused.headers[STALE_HEADER]]).toEqual([200, EXACT_BODIES.busyStats, 'stale', '4']);
    const neverFetched = await proxy.request(events('today'));
    expect([neverFetched.status, errorCode(neverFetched)]).toEqual([429, 'rate-limited']);
    expect((await proxy.request(`/api/realtime/${BUSY}`)).headers[CACHE_HEADER]).toBe('miss');
    expect(calls(umami)).toHaveLength(2);
  });

  test('/healthz: each period route is its own source; a failing one leaves the proxy ok', async () => {
    const { clock, proxy, umami } = await setup();
    await proxy.request(`/api/realtime/${BUSY}`);
    await proxy.request(stats('today'));
    umami.override((request, res) => {
      if (!request.url.includes('/pageviews')) return false;
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"Not Found"}}');
      return true;
    });
    clock.now += 1000;
    await proxy.request(ghost('yesterday'));
    const health = JSON.parse((await proxy.request('/healthz')).body) as { ok: boolean; sources: Record<string, { ok: boolean; lastError: { code: string } | null }> };
    expect(health.ok).toBe(true);
    expect(Object.keys(health.sources)).toEqual(['realtime', 'stats', 'metrics', 'active', 'websites', 'period-stats', 'period-metrics', 'pageviews']);
    expect(health.sources['period-stats']).toMatchObject({ ok: true, lastError: null });
    expect(health.sources['period-metrics']).toMatchObject({ ok: true, lastError: null });
    expect(health.sources.pageviews).toMatchObject({ ok: false, lastError: { code: 'upstream-unsupported' } });
    expect(health.sources.stats).toMatchObject({ ok: true, lastError: null });
  });
});

describe('every upstream mode', () => {
  const expectPeriodRoutes = async (proxy: TestProxy) => {
    expect((await proxy.request(stats('today'))).body).toBe(EXACT_BODIES.busyStats);
    expect((await proxy.request(events('yesterday'))).body).toBe(EXACT_BODIES.busyMetrics.event);
    expect((await proxy.request(ghost('lastweek'))).body).toBe(EXACT_BODIES.busyPageviews);
  };
  const pathnames = (umami: FakeUmami) => umami.requests.map((r) => `${r.method} ${pathOf(r.url)}`);

  test('login: the bearer token under /api/websites/:id', async () => {
    const { umami, proxy } = await setup();
    await expectPeriodRoutes(proxy);
    expect(pathnames(umami)).toEqual([
      'POST /api/auth/login',
      'GET /api/websites',
      `GET /api/websites/${BUSY}/stats`,
      `GET /api/websites/${BUSY}/metrics/expanded`,
      `GET /api/websites/${BUSY}/pageviews`,
    ]);
    expect(umami.requests.slice(1).every((r) => r.headers.authorization === 'Bearer login-token-1')).toBe(true);
  });

  test('Cloud: under /v1 with the key', async () => {
    const umami = await startFakeUmami({ prefix: '/v1', apiKey: 'cloud-key' });
    const proxy = await startProxy({ UMAMI_API_KEY: 'cloud-key', UMAMI_CLOUD_URL: `${umami.url}/v1` });
    open.push(umami, proxy);
    await expectPeriodRoutes(proxy);
    expect(pathnames(umami)).toEqual(['GET /v1/websites', `GET /v1/websites/${BUSY}/stats`, `GET /v1/websites/${BUSY}/metrics/expanded`, `GET /v1/websites/${BUSY}/pageviews`]);
    expect(umami.requests.every((r) => r.headers['x-umami-api-key'] === 'cloud-key' && r.headers.authorization === undefined)).toBe(true);
  });

  test('API key: the key as x-umami-api-key and as a bearer token', async () => {
    const umami = await startFakeUmami({ apiKey: 'self-key' });
    const proxy = await startProxy({ UMAMI_URL: umami.url, UMAMI_API_KEY: 'self-key' });
    open.push(umami, proxy);
    await expectPeriodRoutes(proxy);
    for (const request of umami.requests) expect(request.headers).toMatchObject({ 'x-umami-api-key': 'self-key', authorization: 'Bearer self-key' });
  });

  test('share: the share token for the shared site only; a share without the section → upstream-unsupported', async () => {
    const umami = await startFakeUmami({ prefix: '/stats/api', shareSlug: 'HkU3XzlfKSNmEofA' });
    const proxy = await startProxy({ UMAMI_SHARE_URL: `${umami.url}/stats/share/HkU3XzlfKSNmEofA` });
    open.push(umami, proxy);
    await expectPeriodRoutes(proxy);
    for (const request of umami.requests.slice(1)) expect(request.headers).toMatchObject({ 'x-umami-share-token': 'share-token-1', 'x-umami-share-context': '1' });
    expect(errorCode(await proxy.request(stats('today', 'UTC', EMPTY)))).toBe('unknown-website');
    expect(umami.requests.some((r) => r.url.includes(EMPTY))).toBe(false);
    umami.override((request, res) => {
      if (!request.url.includes('/pageviews')) return false;
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(BODIES.unauthorized);
      return true;
    });
    expect(errorCode(await proxy.request(ghost('yesterday')))).toBe('upstream-unsupported');
  });

  test('demo: the three routes for its sites, unknown sites 404', async () => {
    const proxy = await startProxy({ DEMO_SEED: '7' });
    open.push(proxy);
    const websites = JSON.parse((await proxy.request('/api/websites')).body) as { data: Array<{ id: string }> };
    const id = websites.data[0]?.id ?? '';
    const today = await proxy.request(stats('today', 'Europe/Berlin', id));
    expect([today.status, today.headers[MODE_HEADER]]).toEqual([200, 'demo']);
    expect(Object.keys(JSON.parse(today.body) as object)).toEqual(['pageviews', 'visitors', 'visits', 'bounces', 'totaltime', 'comparison']);
    expect(Array.isArray(JSON.parse((await proxy.request(events('lastweek', 'UTC', id))).body))).toBe(true);
    expect(Object.keys(JSON.parse((await proxy.request(ghost('yesterday', 'UTC', id))).body) as object)).toEqual(['pageviews', 'sessions']);
    expect(errorCode(await proxy.request(ghost('yesterday', 'UTC', BUSY)))).toBe('unknown-website');
  });
});
