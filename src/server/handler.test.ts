import { afterEach, describe, expect, test } from 'vitest';
import { MODE_HEADER } from '../api/errors.ts';
import { CACHE_HEADER } from './handler.ts';
import { contentSecurityPolicy } from './security-headers.ts';
import { BODIES, BUSY, EMPTY, startFakeUmami, type FakeUmami } from './testing/fake-umami.ts';
import { STATIC_HTML, errorCode, startProxy } from './testing/start-proxy.ts';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

async function setup(env: Record<string, string> = {}, latencyMs = 40) {
  const clock = { now: Date.parse('2026-11-26T12:00:00Z') };
  const umami = await startFakeUmami({ username: 'admin', password: 'pw', latencyMs });
  const proxy = await startProxy({ UMAMI_URL: umami.url, UMAMI_USERNAME: 'admin', UMAMI_PASSWORD: 'pw', ...env }, { now: () => clock.now });
  open.push(umami, proxy);
  return { clock, umami, proxy };
}

const realtimeRequests = (umami: FakeUmami) => umami.requests.filter((r) => r.url.includes('/realtime/'));

describe('sharing one upstream call', () => {
  test('100 concurrent viewers of one site → one upstream call; only the zone is forwarded, the window is the proxy’s', async () => {
    const { umami, proxy } = await setup();
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => proxy.request(`/api/realtime/${BUSY}?startAt=${1000 + i}&endAt=${2000 + i}&timezone=Europe/Berlin`)),
    );
    expect(responses.every((r) => r.status === 200 && r.body === BODIES.busy)).toBe(true);
    expect(realtimeRequests(umami)).toHaveLength(1);
    const url = new URL(realtimeRequests(umami)[0]?.url ?? '', 'http://x');
    expect([...url.searchParams.keys()]).toEqual(['startAt', 'endAt', 'timezone']);
    expect(url.searchParams.get('timezone')).toBe('Europe/Berlin');
    expect(Number(url.searchParams.get('endAt')) - Number(url.searchParams.get('startAt'))).toBe(30 * 60_000);
    expect(Number(url.searchParams.get('startAt'))).toBeGreaterThan(1_000_000);
    const sources = responses.map((r) => r.headers[CACHE_HEADER]);
    expect(sources.filter((s) => s === 'miss')).toHaveLength(1);
    expect(sources.filter((s) => s === 'coalesced' || s === 'hit')).toHaveLength(99);
  });

  test('the answer is reused for CACHE_TTL_MS, then fetched again', async () => {
    const { clock, umami, proxy } = await setup({ CACHE_TTL_MS: '5000' });
    await proxy.request(`/api/realtime/${BUSY}?timezone=Europe/Berlin`);
    for (let t = 0; t < 4; t++) {
      clock.now += 1000;
      expect((await proxy.request(`/api/realtime/${BUSY}?timezone=Europe/Berlin&startAt=${t}`)).headers[CACHE_HEADER]).toBe('hit');
    }
    expect(realtimeRequests(umami)).toHaveLength(1);
    clock.now += 1000;
    expect((await proxy.request(`/api/realtime/${BUSY}?timezone=Europe/Berlin`)).headers[CACHE_HEADER]).toBe('miss');
    expect(realtimeRequests(umami)).toHaveLength(2);
  });

  test('website and timezone make the key; unit, startAt/endAt and spellings of one zone do not', async () => {
    const { umami, proxy } = await setup();
    const targets = [
      `/api/realtime/${BUSY}?timezone=Europe/Berlin`,
      `/api/realtime/${BUSY}?timezone=Asia/Tokyo`,
      `/api/realtime/${BUSY}?timezone=Europe/Berlin&unit=hour`,
      `/api/realtime/${BUSY}?timezone=europe/berlin&unit=year&startAt=1&endAt=2`,
      `/api/realtime/${EMPTY}?timezone=Europe/Berlin`,
    ];
    await Promise.all([...targets, ...targets].map((t) => proxy.request(t)));
    expect(realtimeRequests(umami)).toHaveLength(3);
  });

  test('/api/websites is shared too, for a minute', async () => {
    const { clock, umami, proxy } = await setup({ CACHE_TTL_MS: '5000' });
    await Promise.all(Array.from({ length: 20 }, () => proxy.request('/api/websites')));
    clock.now += 59_000;
    await proxy.request('/api/websites');
    expect(umami.requests.filter((r) => r.url.startsWith('/api/websites'))).toHaveLength(1);
  });
});

describe('routes and answers', () => {
  test('HEAD answers the headers without a body', async () => {
    const { proxy } = await setup();
    const response = await proxy.request(`/api/realtime/${BUSY}`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.body).toBe('');
    expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(BODIES.busyNoTimezone));
  });

  test.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('%s → 405 with Allow, never reaching Umami', async (method) => {
    const { umami, proxy } = await setup();
    for (const target of [`/api/realtime/${BUSY}`, '/api/websites', '/healthz']) {
      const response = await proxy.request(target, { method });
      expect([response.status, errorCode(response), response.headers.allow]).toEqual([405, 'method-not-allowed', 'GET, HEAD']);
    }
    expect(umami.requests).toHaveLength(0);
  });

  test('a non-UUID id → 400 invalid-website-id', async () => {
    const { umami, proxy } = await setup();
    const response = await proxy.request('/api/realtime/not-a-uuid');
    expect([response.status, errorCode(response)]).toEqual([400, 'invalid-website-id']);
    expect(response.headers[MODE_HEADER]).toBe('login');
    expect(umami.requests).toHaveLength(0);
  });

  test('/healthz reports mode, last success, cache and budget counters', async () => {
    const { proxy, clock } = await setup();
    const before = JSON.parse((await proxy.request('/healthz')).body) as Record<string, unknown>;
    expect(before).toMatchObject({ ok: true, mode: 'login', lastUpstreamSuccess: null, lastUpstreamError: null });
    await Promise.all([1, 2, 3].map(() => proxy.request(`/api/realtime/${BUSY}`)));
    await proxy.request(`/api/realtime/${BUSY}`);
    const after = JSON.parse((await proxy.request('/healthz')).body) as Record<string, unknown>;
    expect(after).toEqual({
      ok: true,
      mode: 'login',
      lastUpstreamSuccess: new Date(clock.now).toISOString(),
      lastUpstreamError: null,
      sources: {
        realtime: { ok: true, lastSuccess: new Date(clock.now).toISOString(), lastError: null },
        stats: { ok: true, lastSuccess: null, lastError: null },
        metrics: { ok: true, lastSuccess: null, lastError: null },
        active: { ok: true, lastSuccess: null, lastError: null },
        websites: { ok: true, lastSuccess: null, lastError: null },
        'period-stats': { ok: true, lastSuccess: null, lastError: null },
        'period-metrics': { ok: true, lastSuccess: null, lastError: null },
        pageviews: { ok: true, lastSuccess: null, lastError: null },
      },
      cache: { entries: 1, bytes: expect.any(Number), hits: 1, misses: 1, coalesced: 2, stale: 0, refused: 0 },
      // The login, the site list (is BUSY the account's?) and one realtime call.
      budget: { limit: 600, windowMs: 15_000, used: 3, refused: 0 },
    });
  });

  test('/healthz shows a failing upstream by its code', async () => {
    const { proxy, umami } = await setup();
    umami.override((_request, res) => {
      res.writeHead(503);
      res.end();
      return true;
    });
    await proxy.request(`/api/realtime/${BUSY}`);
    const health = JSON.parse((await proxy.request('/healthz')).body) as { ok: boolean; lastUpstreamError: { code: string } };
    expect(health.ok).toBe(false);
    expect(health.lastUpstreamError.code).toBe('upstream-error');
  });
});

describe('security headers', () => {
  const strict =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

  test('on every response: the page, assets, API answers, errors, /healthz', async () => {
    const { proxy } = await setup();
    for (const [target, method] of [
      ['/', 'GET'],
      ['/assets/index.js', 'GET'],
      [`/api/realtime/${BUSY}`, 'GET'],
      ['/api/realtime/nope', 'GET'],
      ['/api/nothing', 'GET'],
      ['/api/websites', 'POST'],
      ['/healthz', 'GET'],
      ['http://evil.example/', 'GET'],
    ] as const) {
      const response = await proxy.request(target, { method });
      expect(response.headers['content-security-policy'], target).toBe(strict);
      expect(response.headers['x-content-type-options'], target).toBe('nosniff');
      expect(response.headers['referrer-policy'], target).toBe('no-referrer');
    }
    expect((await proxy.request('/')).body).toBe(STATIC_HTML);
  });

  test('FRAME_ANCESTORS sets who may embed the dashboard', async () => {
    const { proxy } = await setup({ FRAME_ANCESTORS: 'https://intranet.example.com' });
    expect((await proxy.request('/')).headers['content-security-policy']).toMatch(/; frame-ancestors https:\/\/intranet\.example\.com$/);
  });

  test('only the dev server relaxes scripts and connections (for HMR)', () => {
    const dev = contentSecurityPolicy("'self'", true);
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain("connect-src 'self' ws: wss:");
    expect(contentSecurityPolicy("'self'", false)).toBe(strict);
  });
});
