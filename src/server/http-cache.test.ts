import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, test } from 'vitest';
import { STALE_HEADER } from '../api/errors.ts';
import { CACHE_HEADER } from './handler.ts';
import { BUSY, startFakeUmami } from './testing/fake-umami.ts';
import { startProxy } from './testing/start-proxy.ts';

// What a shared HTTP cache (nginx, a CDN) in front of the proxy may do with each answer.

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

const TOKEN = 'dashboard-token-for-http-cache-tests';
const REALTIME = `/api/realtime/${BUSY}?timezone=Europe/Berlin`;

async function setup(env: Record<string, string> = {}) {
  const clock = { now: Date.parse('2026-11-26T12:00:00Z') };
  const umami = await startFakeUmami({ username: 'admin', password: 'pw' });
  const proxy = await startProxy(
    { UMAMI_URL: umami.url, UMAMI_USERNAME: 'admin', UMAMI_PASSWORD: 'pw', CACHE_TTL_MS: '5000', EXACT_CACHE_TTL_MS: '15000', ...env },
    { now: () => clock.now },
  );
  open.push(umami, proxy);
  return { clock, umami, proxy };
}

const failWith = (status: number, headers: Record<string, string> = {}) => (_request: unknown, res: ServerResponse) => {
  res.writeHead(status, headers);
  res.end();
  return true;
};

describe('without DASHBOARD_TOKEN: fresh answers are public for as long as the proxy keeps them', () => {
  test('realtime: max-age is the cache TTL, varied by Accept-Encoding, gzipped or not', async () => {
    const { proxy } = await setup();
    for (const headers of [{ 'accept-encoding': 'gzip' }, {}] as Record<string, string>[]) {
      const response = await proxy.request(REALTIME, { headers });
      expect(response.status).toBe(200);
      expect(response.headers['cache-control']).toBe('public, max-age=5, stale-while-revalidate=2');
      expect(response.headers.vary).toBe('accept-encoding');
    }
  });

  test('a cached answer says only its remaining freshness, rounded up, never 0', async () => {
    const { clock, proxy } = await setup();
    await proxy.request(REALTIME);
    clock.now += 2_000;
    const later = await proxy.request(REALTIME);
    expect(later.headers[CACHE_HEADER]).toBe('hit');
    expect(later.headers['cache-control']).toBe('public, max-age=3, stale-while-revalidate=2');
    clock.now += 2_900;
    expect((await proxy.request(REALTIME)).headers['cache-control']).toBe('public, max-age=1, stale-while-revalidate=2');
  });

  test('exact routes use EXACT_CACHE_TTL_MS, the site list its own minute', async () => {
    const { proxy } = await setup();
    for (const target of [`/api/websites/${BUSY}/stats`, `/api/websites/${BUSY}/active`, `/api/websites/${BUSY}/metrics/expanded?type=path`]) {
      const response = await proxy.request(target);
      expect(response.status, target).toBe(200);
      expect(response.headers['cache-control'], target).toBe('public, max-age=15, stale-while-revalidate=2');
      expect(response.headers.vary, target).toBe('accept-encoding');
    }
    const websites = await proxy.request('/api/websites');
    expect(websites.status).toBe(200);
    expect(websites.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=2');
  });

  test('CACHE_TTL_MS=0 (no proxy cache) means no shared cache either', async () => {
    const { proxy } = await setup({ CACHE_TTL_MS: '0' });
    expect((await proxy.request(REALTIME)).headers['cache-control']).toBe('no-store');
  });

  test('errors are never stored: an upstream failure, an unknown route, a bad id', async () => {
    const { umami, proxy } = await setup();
    umami.override(failWith(503));
    const failed = await proxy.request(REALTIME);
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(failed.headers['cache-control']).toBe('no-store');
    for (const target of ['/api/nothing', '/api/realtime/not-a-uuid']) {
      const response = await proxy.request(target);
      expect(response.status, target).toBeGreaterThanOrEqual(400);
      expect(response.headers['cache-control'], target).toBe('no-store');
    }
  });

  test('an old answer served because Umami rate-limits is not stored downstream', async () => {
    const { clock, umami, proxy } = await setup();
    await proxy.request(REALTIME);
    umami.override(failWith(429, { 'retry-after': '60' }));
    clock.now += 6_000;
    const stale = await proxy.request(REALTIME);
    expect(stale.status).toBe(200);
    expect(stale.headers[STALE_HEADER]).toBe('6');
    expect(stale.headers['cache-control']).toBe('no-store');
  });

  test('/healthz is never stored', async () => {
    const { proxy } = await setup();
    expect((await proxy.request('/healthz')).headers['cache-control']).toBe('no-store');
  });
});

describe('with DASHBOARD_TOKEN: every answer is private', () => {
  test('a signed-in viewer’s answers, and the refusal without a cookie, are private, no-store', async () => {
    const { proxy } = await setup({ DASHBOARD_TOKEN: TOKEN });
    const refused = await proxy.request(REALTIME);
    expect(refused.status).toBe(401);
    expect(refused.headers['cache-control']).toBe('private, no-store');

    const signIn = await proxy.request(`${REALTIME}&token=${TOKEN}`);
    expect(signIn.status).toBe(200);
    expect(signIn.headers['cache-control']).toBe('private, no-store');
    const cookie = [signIn.headers['set-cookie']].flat()[0]?.split(';')[0] ?? '';
    for (const target of [REALTIME, `/api/websites/${BUSY}/stats`, '/api/websites']) {
      const response = await proxy.request(target, { headers: { cookie } });
      expect(response.status, target).toBe(200);
      expect(response.headers['cache-control'], target).toBe('private, no-store');
    }
  });
});
