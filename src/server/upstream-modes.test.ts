import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, test } from 'vitest';
import { MODE_HEADER } from '../api/errors.ts';
import { RENEW_MIN_INTERVAL_MS } from './credential.ts';
import { KNOWN_SITES_REFRESH_MS, UNLISTED_PROBES_PER_CLIENT } from './known-sites.ts';
import { BODIES, BUSY, EMPTY, EXACT_BODIES, startFakeUmami, type FakeUmami } from './testing/fake-umami.ts';
import { errorCode, startProxy, type TestProxy } from './testing/start-proxy.ts';

// Each upstream mode against a fake Umami 3.1 built from the recorded answers: which paths and
// headers reach Umami, and what the browser gets back.

const QUERY = 'startAt=1795690557700&endAt=1795692357700&timezone=Europe/Berlin';
const open: Array<FakeUmami | TestProxy> = [];
const track = <T extends FakeUmami | TestProxy>(server: T): T => {
  open.push(server);
  return server;
};
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

/** The realtime window is the proxy's own clock (checked once below), so it is left out here. */
const withoutWindow = (url: string) => url.replace(/([?&])startAt=\d+&endAt=\d+&?/, '$1').replace(/[?&]$/, '');
const paths = (umami: FakeUmami) => umami.requests.map((r) => `${r.method} ${withoutWindow(r.url)}`);
const pathnames = (umami: FakeUmami) => umami.requests.map((r) => `${r.method} ${new URL(r.url, 'http://x').pathname}`);

/** The three exact routes, each answered as recorded. */
async function expectExactRoutes(proxy: TestProxy) {
  expect((await proxy.request(`/api/websites/${BUSY}/stats`)).body).toBe(EXACT_BODIES.busyStats);
  expect((await proxy.request(`/api/websites/${BUSY}/metrics/expanded?type=country`)).body).toBe(EXACT_BODIES.busyMetrics.country);
  expect((await proxy.request(`/api/websites/${BUSY}/active`)).body).toBe(EXACT_BODIES.busyActive);
}


/** Umami 3.1 answers 401 for a website the account cannot see (never 404). */
function answerUnknownSites(pathname: string, res: ServerResponse, known: readonly string[]): boolean {
  const id = /^\/api\/(?:realtime|websites)\/([^/]+)/.exec(pathname)?.[1];
  if (id === undefined || known.includes(id)) return false;
  res.writeHead(401, { 'content-type': 'application/json' });
  res.end('{"error":"Unauthorized"}');
  return true;
}

describe('login mode (UMAMI_URL + UMAMI_USERNAME + UMAMI_PASSWORD)', () => {
  const start = async (extra: Record<string, string> = {}, prefix = '/api', base = '') => {
    const clock = { now: Date.now() };
    const umami = track(await startFakeUmami({ prefix, username: 'admin', password: 'pw', latencyMs: 20 }));
    const proxy = track(await startProxy({ UMAMI_URL: `${umami.url}${base}/`, UMAMI_USERNAME: 'admin', UMAMI_PASSWORD: 'pw', ...extra }, { now: () => clock.now }));
    return { clock, umami, proxy };
  };

  test('logs in once, then sends the token as a bearer; the realtime body passes through unchanged', async () => {
    const { umami, proxy } = await start();
    const response = await proxy.request(`/api/realtime/${BUSY}?${QUERY}`);
    expect(response.status).toBe(200);
    expect(response.body).toBe(BODIES.busy);
    expect(response.headers[MODE_HEADER]).toBe('login');
    expect(response.headers['cache-control']).toBe('public, max-age=5, stale-while-revalidate=2');
    // The site list first: is BUSY one of the account's sites (known-sites.ts)?
    expect(paths(umami)).toEqual(['POST /api/auth/login', 'GET /api/websites?pageSize=100', `GET /api/realtime/${BUSY}?timezone=Europe%2FBerlin`]);
    const [login, , realtime] = umami.requests;
    expect(JSON.parse(login?.body ?? '')).toEqual({ username: 'admin', password: 'pw' });
    expect(login?.headers['content-type']).toBe('application/json');
    expect(realtime?.headers.authorization).toBe('Bearer login-token-1');
    const window = new URL(realtime?.url ?? '', 'http://x').searchParams;
    expect(Number(window.get('endAt')) - Number(window.get('startAt'))).toBe(30 * 60_000);
    expect(Math.abs(Number(window.get('endAt')) - Date.now())).toBeLessThan(60_000);
    expect(realtime?.headers.cookie).toBeUndefined();

    await proxy.request(`/api/realtime/${EMPTY}?timezone=Europe/Berlin`);
    await proxy.request('/api/websites');
    expect(umami.issued.login).toHaveLength(1); // the token is shared by every viewer and route
  });

  test('exact routes: the same bearer token, under /api/websites/:id', async () => {
    const { umami, proxy } = await start();
    await expectExactRoutes(proxy);
    expect(pathnames(umami)).toEqual([
      'POST /api/auth/login',
      'GET /api/websites',
      `GET /api/websites/${BUSY}/stats`,
      `GET /api/websites/${BUSY}/metrics/expanded`,
      `GET /api/websites/${BUSY}/active`,
    ]);
    expect(umami.requests.slice(1).every((r) => r.headers.authorization === 'Bearer login-token-1')).toBe(true);
  });

  test('exact routes: a rejected token means one new login and one retry', async () => {
    const { clock, umami, proxy } = await start();
    await proxy.request(`/api/realtime/${BUSY}`);
    umami.revokeTokens();
    clock.now += RENEW_MIN_INTERVAL_MS;
    expect((await proxy.request(`/api/websites/${BUSY}/active`)).body).toBe(EXACT_BODIES.busyActive);
    expect(pathnames(umami).slice(3)).toEqual([`GET /api/websites/${BUSY}/active`, 'POST /api/auth/login', `GET /api/websites/${BUSY}/active`]);
  });

  test('unit is not forwarded (the app never sends it); no timezone reaches Umami and comes back as recorded', async () => {
    const { proxy } = await start();
    expect((await proxy.request(`/api/realtime/${BUSY}?timezone=Europe/Berlin&unit=hour`)).body).toBe(BODIES.busy);
    expect((await proxy.request(`/api/realtime/${BUSY}`)).body).toBe(BODIES.busyNoTimezone);
  });

  test('a base path in UMAMI_URL is kept', async () => {
    const { umami, proxy } = await start({}, '/umami/api', '/umami');
    expect((await proxy.request(`/api/realtime/${EMPTY}`)).status).toBe(200);
    expect(paths(umami)).toEqual(['POST /umami/api/auth/login', 'GET /umami/api/websites?pageSize=100', `GET /umami/api/realtime/${EMPTY}`]);
  });

  test('a rejected token: one new login and one retry', async () => {
    const { clock, umami, proxy } = await start({ CACHE_TTL_MS: '0' });
    await proxy.request(`/api/realtime/${BUSY}?timezone=utc`);
    umami.revokeTokens();
    clock.now += RENEW_MIN_INTERVAL_MS;
    const response = await proxy.request(`/api/realtime/${BUSY}?timezone=utc`);
    expect(response.status).toBe(200);
    expect(paths(umami).slice(3)).toEqual(['GET /api/realtime/23119484-709c-44bf-994c-92f109bda03b?timezone=utc', 'POST /api/auth/login', 'GET /api/realtime/23119484-709c-44bf-994c-92f109bda03b?timezone=utc']);
    expect(umami.requests.at(-1)?.headers.authorization).toBe('Bearer login-token-2');
  });

  test('concurrent 401s on different sites trigger exactly one new login', async () => {
    const { clock, umami, proxy } = await start({ CACHE_TTL_MS: '0' });
    await proxy.request(`/api/realtime/${BUSY}`);
    umami.revokeTokens();
    clock.now += RENEW_MIN_INTERVAL_MS;
    const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'UTC', 'Europe/Paris', 'Australia/Sydney'];
    const responses = await Promise.all(zones.flatMap((tz) => [BUSY, EMPTY].map((id) => proxy.request(`/api/realtime/${id}?timezone=${tz}`))));
    expect(responses.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(umami.issued.login).toHaveLength(2);
    expect(umami.requests.filter((r) => r.url.endsWith('/auth/login'))).toHaveLength(2);
  });

  test('30 ids that Umami answers 401 right after the login cause no new login, and one call each', async () => {
    // Asked about at all only where ids outside the site list are let through.
    const { umami, proxy } = await start({ ALLOW_UNLISTED_SITES: 'true' });
    umami.override((request, res) => {
      if (!request.url.includes('/realtime/') || request.url.includes(BUSY)) return false;
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(BODIES.unauthorized);
      return true;
    });
    expect((await proxy.request(`/api/realtime/${BUSY}`)).status).toBe(200);
    for (let i = 0; i < 30; i++) {
      const response = await proxy.request(`/api/realtime/${randomUUID()}`);
      expect(errorCode(response)).toBe('unknown-website');
    }
    expect(umami.issued.login).toHaveLength(1);
    expect(umami.requests.filter((r) => r.url.includes('/realtime/'))).toHaveLength(1 + 30);
    // The viewers' site still works with the token.
    expect((await proxy.request(`/api/realtime/${BUSY}?timezone=utc`)).status).toBe(200);
  });

  // Umami 3.1 answers 401, not 404, for a website the account cannot see (fixtures README): with
  // credentials that a login has just proven good (the first one too), that 401 is about the website.
  test('realtime 401 right after the first login → unknown-website, no second login', async () => {
    const { umami, proxy } = await start();
    umami.override((request, res) => {
      if (!request.url.includes('/realtime/')) return false;
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(BODIES.unauthorized);
      return true;
    });
    const response = await proxy.request(`/api/realtime/${BUSY}`);
    expect(response.status).toBe(404);
    expect(errorCode(response)).toBe('unknown-website');
    expect(response.body).not.toContain('Unauthorized"'); // Umami's body is not passed through
    expect(paths(umami)).toEqual(['POST /api/auth/login', 'GET /api/websites?pageSize=100', `GET /api/realtime/${BUSY}`]);
  });

  test("ids outside the site list: 404 without a call per id beyond a client's small allowance, the list asked at most once a minute; a site added in Umami is served after that", async () => {
    const { clock, umami, proxy } = await start();
    const added = randomUUID();
    let listed = false;
    umami.override((request, res) => {
      const { pathname } = new URL(request.url, 'http://x');
      if (pathname === '/api/websites' && listed) {
        const list = JSON.parse(BODIES.websites) as { data: unknown[] };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ...list, data: [...list.data, { id: added, name: 'Added', domain: 'added.example' }] }));
        return true;
      }
      if (pathname === `/api/realtime/${added}`) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(BODIES.empty);
        return true;
      }
      return answerUnknownSites(pathname, res, [BUSY, added]);
    });
    const listCalls = () => pathnames(umami).filter((p) => p === 'GET /api/websites').length;
    const realtimeCalls = () => pathnames(umami).filter((p) => p.startsWith('GET /api/realtime/')).length;
    expect((await proxy.request(`/api/realtime/${BUSY}`)).status).toBe(200);
    for (let i = 0; i < 50; i++) {
      const response = await proxy.request(`/api/realtime/${randomUUID()}?timezone=UTC`);
      expect([response.status, errorCode(response)]).toEqual([404, 'unknown-website']);
      expect(errorCode(await proxy.request(`/api/websites/${randomUUID()}/stats`))).toBe('unknown-website');
    }
    const siteCalls = () => realtimeCalls() + pathnames(umami).filter((p) => /\/websites\/[^/]+\//.test(p)).length;
    // One call for the listed site, and the client's allowance for asking about unlisted ones.
    expect([listCalls(), siteCalls(), umami.issued.login.length]).toEqual([1, 1 + UNLISTED_PROBES_PER_CLIENT, 1]);

    listed = true;
    clock.now += KNOWN_SITES_REFRESH_MS - 1;
    expect(errorCode(await proxy.request(`/api/realtime/${added}`))).toBe('unknown-website');
    expect(listCalls()).toBe(1);
    clock.now += 1;
    const now = await proxy.request(`/api/realtime/${added}`);
    expect([now.status, now.body]).toEqual([200, BODIES.empty]);
    for (let i = 0; i < 50; i++) expect((await proxy.request(`/api/realtime/${randomUUID()}`)).status).toBe(404);
    expect(listCalls()).toBe(2);
  });

  test("a team's site, which Umami's list leaves out, is asked about and then served; a made-up id Umami refuses is not asked about again", async () => {
    const { umami, proxy } = await start();
    const team = randomUUID();
    const madeUp = randomUUID();
    umami.override((request, res) => {
      const { pathname } = new URL(request.url, 'http://x');
      if (pathname !== `/api/realtime/${team}`) return answerUnknownSites(pathname, res, [BUSY, team]);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(BODIES.empty);
      return true;
    });
    const calls = (id: string) => pathnames(umami).filter((p) => p.includes(id)).length;
    expect((await proxy.request(`/api/realtime/${team}`)).status).toBe(200);
    expect(errorCode(await proxy.request(`/api/realtime/${madeUp}`))).toBe('unknown-website');
    // The client's allowance is spent, yet the team's site stays served and the refused id is not asked again.
    for (let i = 0; i < 5; i++) {
      expect((await proxy.request(`/api/realtime/${team}?timezone=${i % 2 ? 'UTC' : 'Europe/Berlin'}`)).status).toBe(200);
      expect(errorCode(await proxy.request(`/api/realtime/${madeUp}?timezone=UTC`))).toBe('unknown-website');
    }
    expect(calls(madeUp)).toBe(1);
  });

  test('a site list Umami will not give: ids are asked about one by one, as without the list', async () => {
    const { umami, proxy } = await start({ ALLOW_UNLISTED_SITES: '' });
    umami.override((request, res) => {
      if (new URL(request.url, 'http://x').pathname !== '/api/websites') return false;
      res.writeHead(500);
      res.end();
      return true;
    });
    expect((await proxy.request(`/api/realtime/${BUSY}`)).status).toBe(200);
    const other = randomUUID();
    await proxy.request(`/api/realtime/${other}`);
    expect(umami.requests.some((r) => r.url.includes(`/realtime/${other}`))).toBe(true);
  });

  test('realtime still 401 after a renewed login → unknown-website, no third attempt', async () => {
    const { clock, umami, proxy } = await start();
    expect((await proxy.request(`/api/realtime/${BUSY}`)).status).toBe(200);
    clock.now += RENEW_MIN_INTERVAL_MS;
    umami.override((request, res) => {
      if (!request.url.includes('/realtime/')) return false;
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(BODIES.unauthorized);
      return true;
    });
    const response = await proxy.request(`/api/realtime/${EMPTY}`);
    expect([response.status, errorCode(response)]).toEqual([404, 'unknown-website']);
    expect(paths(umami).slice(3)).toEqual([`GET /api/realtime/${EMPTY}`, 'POST /api/auth/login', `GET /api/realtime/${EMPTY}`]);
  });

  test('websites 401 right after the login → bad-credentials, no second login', async () => {
    const { umami, proxy } = await start();
    umami.override((request, res) => {
      if (!request.url.includes('/api/websites')) return false;
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(BODIES.unauthorized);
      return true;
    });
    const response = await proxy.request('/api/websites');
    expect([response.status, errorCode(response)]).toEqual([401, 'bad-credentials']);
    expect(paths(umami).filter((p) => p === 'POST /api/auth/login')).toHaveLength(1);
  });

  test('a wrong password → 401 bad-credentials', async () => {
    const umami = track(await startFakeUmami({ username: 'admin', password: 'right' }));
    const proxy = track(await startProxy({ UMAMI_URL: umami.url, UMAMI_USERNAME: 'admin', UMAMI_PASSWORD: 'wrong' }));
    const response = await proxy.request(`/api/realtime/${BUSY}`);
    expect([response.status, errorCode(response)]).toEqual([401, 'bad-credentials']);
    expect(paths(umami)).toEqual(['POST /api/auth/login']);
  });

  test('/api/websites: id, name and domain only; owner and share slug stay on the server', async () => {
    const { umami, proxy } = await start();
    const response = await proxy.request('/api/websites');
    expect(JSON.parse(response.body)).toEqual({
      data: [
        { id: BUSY, name: 'Busy Demo Site', domain: 'shop.example.com' },
        { id: EMPTY, name: 'Quiet Demo Site', domain: 'quiet.example.org' },
      ],
      count: 2,
      page: 1,
      pageSize: 2,
      // The page plans a wall of many sites from it (poll-plan.ts).
      budget: { limit: 600, windowMs: 15_000 },
    });
    expect(response.body).not.toContain('HkU3XzlfKSNmEofA');
    expect(response.body).not.toContain('admin');
    expect(paths(umami).at(-1)).toBe('GET /api/websites?pageSize=100');
  });

  test('UMAMI_WEBSITE_IDS filters /api/websites and refuses other sites without asking Umami', async () => {
    const { umami, proxy } = await start({ UMAMI_WEBSITE_IDS: EMPTY });
    expect(JSON.parse((await proxy.request('/api/websites')).body)).toMatchObject({ data: [{ id: EMPTY }], count: 1 });
    const refused = await proxy.request(`/api/realtime/${BUSY}`);
    expect([refused.status, errorCode(refused)]).toEqual([404, 'unknown-website']);
    expect(umami.requests.some((r) => r.url.includes(BUSY))).toBe(false);
    expect((await proxy.request(`/api/realtime/${EMPTY}`)).status).toBe(200);
  });
});

describe('Cloud mode (UMAMI_API_KEY alone)', () => {
  test('paths without /api under /v1, the key as x-umami-api-key', async () => {
    const umami = track(await startFakeUmami({ prefix: '/v1', apiKey: 'cloud-key' }));
    const proxy = track(await startProxy({ UMAMI_API_KEY: 'cloud-key', UMAMI_CLOUD_URL: `${umami.url}/v1` }));
    const realtime = await proxy.request(`/api/realtime/${BUSY}?${QUERY}`);
    expect(realtime.body).toBe(BODIES.busy);
    expect(realtime.headers[MODE_HEADER]).toBe('cloud');
    expect((await proxy.request('/api/websites')).status).toBe(200);
    expect(paths(umami)).toEqual(['GET /v1/websites?pageSize=100', `GET /v1/realtime/${BUSY}?timezone=Europe%2FBerlin`, 'GET /v1/websites?pageSize=100']);
    expect(umami.requests[1]?.headers['x-umami-api-key']).toBe('cloud-key');
    expect(umami.requests[1]?.headers.authorization).toBeUndefined();
  });

  test('exact routes under /v1/websites/:id with the key', async () => {
    const umami = track(await startFakeUmami({ prefix: '/v1', apiKey: 'cloud-key' }));
    const proxy = track(await startProxy({ UMAMI_API_KEY: 'cloud-key', UMAMI_CLOUD_URL: `${umami.url}/v1` }));
    await expectExactRoutes(proxy);
    expect(pathnames(umami)).toEqual(['GET /v1/websites', `GET /v1/websites/${BUSY}/stats`, `GET /v1/websites/${BUSY}/metrics/expanded`, `GET /v1/websites/${BUSY}/active`]);
    expect(umami.requests.every((r) => r.headers['x-umami-api-key'] === 'cloud-key' && r.headers.authorization === undefined)).toBe(true);
  });

  test('a refused key is 401 bad-credentials, each call made once (a static key is not retried)', async () => {
    const umami = track(await startFakeUmami({ prefix: '/v1', apiKey: 'cloud-key' }));
    const proxy = track(await startProxy({ UMAMI_API_KEY: 'other-key', UMAMI_CLOUD_URL: `${umami.url}/v1` }));
    const response = await proxy.request(`/api/realtime/${BUSY}`);
    expect([response.status, errorCode(response)]).toEqual([401, 'bad-credentials']);
    expect(paths(umami)).toEqual(['GET /v1/websites?pageSize=100', `GET /v1/realtime/${BUSY}`]);
  });
});

describe('API key mode (UMAMI_URL + UMAMI_API_KEY)', () => {
  test('the key as x-umami-api-key and as a bearer token, on /api paths', async () => {
    const umami = track(await startFakeUmami({ apiKey: 'self-key' }));
    const proxy = track(await startProxy({ UMAMI_URL: umami.url, UMAMI_API_KEY: 'self-key' }));
    expect((await proxy.request(`/api/realtime/${BUSY}?timezone=Europe/Berlin`)).headers[MODE_HEADER]).toBe('apikey');
    expect(paths(umami)).toEqual(['GET /api/websites?pageSize=100', `GET /api/realtime/${BUSY}?timezone=Europe%2FBerlin`]);
    expect(umami.requests[1]?.headers).toMatchObject({ 'x-umami-api-key': 'self-key', authorization: 'Bearer self-key' });
  });

  test('exact routes with the same two headers', async () => {
    const umami = track(await startFakeUmami({ apiKey: 'self-key' }));
    const proxy = track(await startProxy({ UMAMI_URL: umami.url, UMAMI_API_KEY: 'self-key' }));
    await expectExactRoutes(proxy);
    expect(pathnames(umami)).toEqual(['GET /api/websites', `GET /api/websites/${BUSY}/stats`, `GET /api/websites/${BUSY}/metrics/expanded`, `GET /api/websites/${BUSY}/active`]);
    for (const request of umami.requests) expect(request.headers).toMatchObject({ 'x-umami-api-key': 'self-key', authorization: 'Bearer self-key' });
  });
});

describe('share mode (UMAMI_SHARE_URL)', () => {
  const start = async (extra: Record<string, string> = {}) => {
    const umami = track(await startFakeUmami({ prefix: '/stats/api', shareSlug: 'HkU3XzlfKSNmEofA' }));
    const clock = { now: Date.now() };
    const proxy = track(await startProxy({ UMAMI_SHARE_URL: `${umami.url}/stats/share/HkU3XzlfKSNmEofA`, ...extra }, { now: () => clock.now }));
    return { clock, umami, proxy };
  };

  test('looks up the share once, then sends the share token with a share context', async () => {
    const { umami, proxy } = await start();
    const response = await proxy.request(`/api/realtime/${BUSY}?timezone=Europe/Berlin`);
    expect(response.body).toBe(BODIES.busy);
    expect(response.headers[MODE_HEADER]).toBe('share');
    expect(paths(umami)).toEqual(['GET /stats/api/share/HkU3XzlfKSNmEofA', `GET /stats/api/realtime/${BUSY}?timezone=Europe%2FBerlin`]);
    expect(umami.requests[1]?.headers).toMatchObject({ 'x-umami-share-token': 'share-token-1', 'x-umami-share-context': '1' });
    expect(umami.requests[1]?.headers.authorization).toBeUndefined();
  });

  test('/api/websites is the shared site alone, made up locally (Umami answers 500 to a share token)', async () => {
    const { umami, proxy } = await start();
    const host = new URL(umami.url).host;
    expect(JSON.parse((await proxy.request('/api/websites')).body)).toEqual({
      data: [{ id: BUSY, name: 'Shared website', domain: host }],
      count: 1,
      page: 1,
      pageSize: 1,
      budget: { limit: 600, windowMs: 15_000 },
    });
    expect(paths(umami)).toEqual(['GET /stats/api/share/HkU3XzlfKSNmEofA']);
  });

  test('other websites are unknown, without a realtime call', async () => {
    const { umami, proxy } = await start();
    const response = await proxy.request(`/api/realtime/${EMPTY}`);
    expect([response.status, errorCode(response)]).toEqual([404, 'unknown-website']);
    expect(umami.requests.filter((r) => r.url.includes('/realtime/'))).toHaveLength(0);
  });

  test('exact routes with the share token and a share context, for the shared site only', async () => {
    const { umami, proxy } = await start();
    await expectExactRoutes(proxy);
    expect(pathnames(umami)).toEqual([
      'GET /stats/api/share/HkU3XzlfKSNmEofA',
      `GET /stats/api/websites/${BUSY}/stats`,
      `GET /stats/api/websites/${BUSY}/metrics/expanded`,
      `GET /stats/api/websites/${BUSY}/active`,
    ]);
    for (const request of umami.requests.slice(1)) {
      expect(request.headers).toMatchObject({ 'x-umami-share-token': 'share-token-1', 'x-umami-share-context': '1' });
    }
    const other = await proxy.request(`/api/websites/${EMPTY}/stats`);
    expect([other.status, errorCode(other)]).toEqual([404, 'unknown-website']);
    expect(umami.requests.some((r) => r.url.includes(EMPTY))).toBe(false);
  });

  // Newer Umami checks a per-section switch on the share: a share without it answers 401.
  test('an exact route 401 right after the share token was fetched → upstream-unsupported (the share leaves it out)', async () => {
    const { umami, proxy } = await start();
    umami.override((request, res) => {
      if (!request.url.includes('/websites/')) return false;
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(BODIES.unauthorized);
      return true;
    });
    const response = await proxy.request(`/api/websites/${BUSY}/metrics/expanded?type=event`);
    expect([response.status, errorCode(response)]).toEqual([501, 'upstream-unsupported']);
    expect(umami.issued.share).toHaveLength(1);
    expect((await proxy.request(`/api/realtime/${BUSY}`)).status).toBe(200);
  });

  test('a rejected share token is fetched again once', async () => {
    const { clock, umami, proxy } = await start({ CACHE_TTL_MS: '0' });
    await proxy.request(`/api/realtime/${BUSY}`);
    umami.revokeTokens();
    clock.now += RENEW_MIN_INTERVAL_MS;
    expect((await proxy.request(`/api/realtime/${BUSY}`)).status).toBe(200);
    expect(umami.issued.share).toEqual(['share-token-1', 'share-token-2']);
    expect(umami.requests.at(-1)?.headers['x-umami-share-token']).toBe('share-token-2');
  });

  test('an unknown share slug → bad-credentials', async () => {
    const umami = track(await startFakeUmami({ shareSlug: 'right' }));
    const proxy = track(await startProxy({ UMAMI_SHARE_URL: `${umami.url}/share/wrong` }));
    const response = await proxy.request('/api/websites');
    expect([response.status, errorCode(response)]).toEqual([401, 'bad-credentials']);
  });
});

describe('demo mode (nothing configured)', () => {
  test('serves the demo source with the demo mode header; unknown sites are 404', async () => {
    const proxy = track(await startProxy({ DEMO_SEED: '7' }));
    const websites = JSON.parse((await proxy.request('/api/websites')).body) as { data: Array<{ id: string }> };
    expect(websites.data.length).toBeGreaterThan(0);
    const id = websites.data[0]?.id ?? '';
    const realtime = await proxy.request(`/api/realtime/${id}?timezone=Europe/Berlin`);
    expect(realtime.status).toBe(200);
    expect(realtime.headers[MODE_HEADER]).toBe('demo');
    expect(Object.keys(JSON.parse(realtime.body) as object)).toEqual(['countries', 'urls', 'referrers', 'events', 'series', 'totals', 'timestamp']);
    const unknown = await proxy.request(`/api/realtime/${BUSY}`);
    expect([unknown.status, errorCode(unknown)]).toEqual([404, 'unknown-website']);
  });

  test('serves the exact routes for its sites', async () => {
    const proxy = track(await startProxy({ DEMO_SEED: '7' }));
    const websites = JSON.parse((await proxy.request('/api/websites')).body) as { data: Array<{ id: string }> };
    const id = websites.data[0]?.id ?? '';
    const stats = await proxy.request(`/api/websites/${id}/stats`);
    expect([stats.status, stats.headers[MODE_HEADER]]).toEqual([200, 'demo']);
    expect(Object.keys(JSON.parse(stats.body) as object)).toEqual(['pageviews', 'visitors', 'visits', 'bounces', 'totaltime', 'comparison']);
    expect(Array.isArray(JSON.parse((await proxy.request(`/api/websites/${id}/metrics/expanded?type=referrer`)).body))).toBe(true);
    expect(JSON.parse((await proxy.request(`/api/websites/${id}/active`)).body)).toHaveProperty('visitors');
    const unknown = await proxy.request(`/api/websites/${BUSY}/active`);
    expect([unknown.status, errorCode(unknown)]).toEqual([404, 'unknown-website']);
  });
});
