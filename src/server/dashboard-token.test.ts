import * as crypto from 'node:crypto';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { MODE_HEADER } from '../api/errors.ts';
import { COOKIE_NAME, createDashboardGate, safeEqual, withoutToken } from './dashboard-token.ts';
import { BUSY, startFakeUmami } from './testing/fake-umami.ts';
import { errorCode, startProxy, type TestProxy } from './testing/start-proxy.ts';

// Spy on the real timingSafeEqual to prove every comparison goes through it.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof crypto>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const TOKEN = 'wall-screen-7f2c9d41e8';
const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
  vi.mocked(crypto.timingSafeEqual).mockClear();
});

async function setup(): Promise<{ proxy: TestProxy; upstreamCalls: () => number }> {
  const umami = await startFakeUmami({ apiKey: 'k' });
  const proxy = await startProxy({ UMAMI_URL: umami.url, UMAMI_API_KEY: 'k', DASHBOARD_TOKEN: TOKEN });
  open.push(umami, proxy);
  return { proxy, upstreamCalls: () => umami.requests.length };
}

const cookieOf = (setCookie: string[] | undefined) => setCookie?.[0]?.split(';')[0] ?? '';

describe('comparisons', () => {
  test('safeEqual hashes both sides and compares them with crypto.timingSafeEqual', () => {
    expect(safeEqual(TOKEN, TOKEN)).toBe(true);
    expect(safeEqual(TOKEN, 'x')).toBe(false); // different lengths do not throw
    const calls = vi.mocked(crypto.timingSafeEqual).mock.calls;
    expect(calls).toHaveLength(2);
    for (const [a, b] of calls) expect([(a as Buffer).byteLength, (b as Buffer).byteLength]).toEqual([32, 32]);
  });

  test('the cookie holds an HMAC, never the token', () => {
    const gate = createDashboardGate(TOKEN);
    const cookie = gate.setCookie(false);
    expect(cookie).not.toContain(TOKEN);
    expect(cookie).toMatch(new RegExp(`^${COOKIE_NAME}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict; Max-Age=\\d+$`));
    expect(gate.setCookie(true)).toMatch(/; Secure$/);
    const value = cookie.split(';')[0]?.split('=')[1] ?? '';
    expect(gate.cookieMatches(`other=1; ${COOKIE_NAME}=${value}`)).toBe(true);
    expect(gate.cookieMatches(`${COOKIE_NAME}=${TOKEN}`)).toBe(false);
    expect(gate.cookieMatches(`${COOKIE_NAME}=${value}x`)).toBe(false);
    expect(gate.cookieMatches(undefined)).toBe(false);
  });

  test.each([
    ['/', 'token=abc', '/'],
    ['/', 'website=1&token=abc&panels=map', '/?website=1&panels=map'],
    ['//evil.example/x', 'token=abc', '/evil.example/x'],
    ['/\\evil.example', 'token=abc', '/evil.example'],
  ])('redirect target for %s?%s is %s', (path, search, location) => {
    expect(withoutToken(path, search)).toBe(location);
  });
});

describe('the cookie flow', () => {
  test('without the cookie every /api call is 401 dashboard-token-required and Umami is not asked', async () => {
    const { proxy, upstreamCalls } = await setup();
    for (const target of [`/api/realtime/${BUSY}`, '/api/websites', '/api/other', '/api/realtime/bad']) {
      const response = await proxy.request(target);
      expect([response.status, errorCode(response)], target).toEqual([401, 'dashboard-token-required']);
    }
    const wrong = await proxy.request(`/api/websites?token=${TOKEN}x`);
    expect([wrong.status, wrong.headers['set-cookie']]).toEqual([401, undefined]);
    const forged = await proxy.request('/api/websites', { headers: { cookie: `${COOKIE_NAME}=${TOKEN}` } });
    expect(forged.status).toBe(401);
    expect(upstreamCalls()).toBe(0);
  });

  test('the page and /healthz load without it, so the page can explain how to get in', async () => {
    const { proxy } = await setup();
    expect((await proxy.request('/')).status).toBe(200);
    const health = await proxy.request('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).not.toContain(TOKEN);
  });

  test('/healthz without the cookie says only up or down: no mode, budget or cache figures', async () => {
    const { proxy } = await setup();
    const anonymous = await proxy.request('/healthz');
    expect(JSON.parse(anonymous.body)).toEqual({ ok: true });
    expect(anonymous.headers[MODE_HEADER]).toBeUndefined();

    const signIn = await proxy.request(`/api/websites?token=${encodeURIComponent(TOKEN)}`);
    const detailed = JSON.parse((await proxy.request('/healthz', { headers: { cookie: cookieOf(signIn.headers['set-cookie']) } })).body) as Record<string, unknown>;
    expect(detailed).toMatchObject({ ok: true, mode: expect.any(String), budget: expect.any(Object), cache: expect.any(Object) });
  });

  test('the page with ?token= sets the cookie and redirects to the same address without the token', async () => {
    const { proxy } = await setup();
    const response = await proxy.request(`/?website=${BUSY}&token=${encodeURIComponent(TOKEN)}&kiosk=1`);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe(`/?website=${BUSY}&kiosk=1`);
    expect(response.headers['set-cookie']?.[0]).toMatch(/HttpOnly; SameSite=Strict/);
    expect(response.headers['set-cookie']?.[0]).not.toContain('Secure');
    expect(JSON.stringify(response.headers)).not.toContain(TOKEN);

    const api = await proxy.request(`/api/realtime/${BUSY}`, { headers: { cookie: cookieOf(response.headers['set-cookie']) } });
    expect(api.status).toBe(200);
  });

  test('behind https (x-forwarded-proto) the cookie is Secure', async () => {
    const { proxy } = await setup();
    const response = await proxy.request(`/?token=${TOKEN}`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(response.headers['set-cookie']?.[0]).toMatch(/; Secure$/);
  });

  test('an /api call with ?token= is answered and sets the cookie (no redirect)', async () => {
    const { proxy } = await setup();
    const response = await proxy.request(`/api/websites?token=${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers['set-cookie']?.[0]).toMatch(new RegExp(`^${COOKIE_NAME}=`));
  });

  test('the token in the page address never becomes an open redirect', async () => {
    const { proxy } = await setup();
    const response = await proxy.request(`//evil.example/?token=${TOKEN}`);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/evil.example/');
  });

  test('every token and cookie check is a constant-time comparison', async () => {
    const { proxy } = await setup();
    const spy = vi.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    await proxy.request(`/?token=guess`);
    expect(spy).toHaveBeenCalledTimes(1);
    await proxy.request('/api/websites', { headers: { cookie: `${COOKIE_NAME}=guess` } });
    expect(spy).toHaveBeenCalledTimes(2);
  });
});
