import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { FILTER_NAMES, isFilterValue } from '../shared/filters.ts';
import { BUSY, startFakeUmami, type FakeUmami } from './testing/fake-umami.ts';
import { STATIC_HTML, errorCode, startProxy, type TestProxy } from './testing/start-proxy.ts';

// Hostile requests. For each: the proxy answers it itself, and Umami received either nothing
// or only a request the proxy built from validated parts.

let umami: FakeUmami;
let proxy: TestProxy;
beforeAll(async () => {
  umami = await startFakeUmami({ username: 'admin', password: 'pw' });
  proxy = await startProxy({ UMAMI_URL: umami.url, UMAMI_USERNAME: 'admin', UMAMI_PASSWORD: 'pw', CACHE_TTL_MS: '0', EXACT_CACHE_TTL_MS: '0', PERIOD_CACHE_TTL_MS: '0' });
});
afterAll(async () => {
  await Promise.all([umami.close(), proxy.close()]);
});
beforeEach(() => {
  umami.requests.length = 0;
});

const ALLOWED_QUERY = new Set(['startAt', 'endAt', 'timezone']);
/** A filtered wall's parameters as the proxy sends them: a listed name (numbered when repeated), one of four operators. */
const isFilterParam = (key: string) => (FILTER_NAMES as readonly string[]).includes(key.replace(/[1-9]\d*$/, ''));
const FILTER_VALUE = /^(eq|neq|c|dnc)\.(.*)$/s;

/** Every request Umami saw is one the proxy may make, with only validated parameters. */
function expectOnlyAllowedUpstream() {
  for (const request of umami.requests) {
    const url = new URL(request.url, 'http://x');
    expect(request.headers.host).toBe(new URL(umami.url).host);
    if (request.method === 'POST') {
      expect(url.pathname + url.search).toBe('/api/auth/login');
      continue;
    }
    expect(request.method).toBe('GET');
    if (url.pathname === '/api/websites') {
      expect(url.search).toBe('?pageSize=100');
      continue;
    }
    for (const [key, value] of url.searchParams) {
      if (isFilterParam(key)) expect(isFilterValue(FILTER_VALUE.exec(value)?.[2] ?? ''), value).toBe(true);
    }
    const keys = [...url.searchParams.keys()].filter((key) => !isFilterParam(key)).sort().join();
    if (url.pathname === `/api/websites/${BUSY}/active`) {
      expect(url.search).toBe('');
      continue;
    }
    // A day window (issue 19) adds the zone it was cut in; pageviews have only day windows.
    const zoned = url.searchParams.has('timezone');
    if (url.pathname === `/api/websites/${BUSY}/stats`) {
      expect(keys).toBe(zoned ? 'endAt,startAt,timezone' : 'endAt,startAt');
      expect(url.searchParams.get('startAt')).toMatch(/^\d+$/);
      expect(url.searchParams.get('endAt')).toMatch(/^\d+$/);
      continue;
    }
    if (url.pathname === `/api/websites/${BUSY}/metrics/expanded`) {
      expect(keys).toBe(zoned ? 'endAt,limit,startAt,timezone,type' : 'endAt,limit,startAt,type');
      expect(zoned ? ['event'] : ['path', 'referrer', 'country', 'event']).toContain(url.searchParams.get('type'));
      expect(url.searchParams.get('limit')).toBe('500');
      continue;
    }
    if (url.pathname === `/api/websites/${BUSY}/pageviews`) {
      expect(keys).toBe('endAt,startAt,timezone,unit');
      expect(url.searchParams.get('unit')).toBe('minute');
      continue;
    }
    expect(url.pathname).toBe(`/api/realtime/${BUSY}`);
    for (const [key, value] of url.searchParams) {
      expect(ALLOWED_QUERY.has(key) || isFilterParam(key), key).toBe(true);
      if (key === 'startAt' || key === 'endAt') expect(value).toMatch(/^\d{13}$/);
      if (key === 'timezone') expect(value).toMatch(/^[A-Za-z0-9_+\-/]+$/);
    }
    expect(request.headers.cookie).toBeUndefined();
    expect(request.headers['x-forwarded-for']).toBeUndefined();
  }
}

describe('paths that must never reach Umami', () => {
  test.each([
    ['/api/auth/login', 404],
    ['/api/users', 404],
    ['/api/me', 404],
    ['/api/share/HkU3XzlfKSNmEofA', 404],
    [`/api/websites/${BUSY}`, 404],
    [`/api/websites/${BUSY}/metrics?type=path`, 404],
    [`/api/websites/${BUSY}/pageviews`, 400],
    [`/api/websites/${BUSY}/pageviews/`, 404],
    [`/api/websites/${BUSY}/pageviews?period=today&timezone=UTC`, 400],
    [`/api/websites/${BUSY}/pageviews?period=yesterday&timezone=Europe/Berlin%26unit%3Dyear`, 400],
    [`/api/websites/${BUSY}/pageviews?period=yesterday&timezone=../../etc/passwd`, 400],
    [`/api/websites/${BUSY}/stats?period=yesterday%26startAt%3D0&timezone=UTC`, 400],
    [`/api/websites/${BUSY}/stats?period=today&timezone=UTC%0d%0aX-Injected:%201`, 400],
    [`/api/websites/${BUSY}/stats?period=today&period=lastweek&timezone=UTC`, 400],
    [`/api/websites/${BUSY}/metrics/expanded?type=path&period=today&timezone=UTC`, 400],
    [`/api/websites/${BUSY}/sessions`, 404],
    [`/api/websites/${BUSY}/events`, 404],
    [`/api/websites/${BUSY}/reports`, 404],
    [`/api/websites/${BUSY}/stats/`, 404],
    [`/api/websites/${BUSY}/Stats`, 404],
    [`/api/websites/${BUSY}%2fstats`, 404],
    [`/api/websites/${BUSY}/metrics%2fexpanded?type=path`, 404],
    [`/api/websites/${BUSY}/metrics/expanded/../../stats`, 404],
    [`/api/websites/${BUSY}/active/../../../auth/login`, 404],
    [`/api/websites/${BUSY}/stats/..%2f..%2f..%2fusers`, 404],
    ['/api/websites/..%2f..%2fusers/stats', 400],
    [`/api/websites/${BUSY}%00/active`, 400],
    ['/api/websites/not-a-uuid/active', 400],
    [`/api/websites/${BUSY}/metrics/expanded`, 400],
    [`/api/websites/${BUSY}/metrics/expanded?type=nonsense`, 400],
    [`/api/websites/${BUSY}/metrics/expanded?type=PATH`, 400],
    [`/api/websites/${BUSY}/metrics/expanded?type=url`, 400],
    [`/api/websites/${BUSY}/metrics/expanded?type=entry`, 400],
    [`/api/websites/${BUSY}/metrics/expanded?type=path%00`, 400],
    [`/api/websites/${BUSY}/metrics/expanded?type=path%26limit%3D99999`, 400],
    [`/api/websites/${BUSY}/metrics/expanded?type=path&type=event`, 400],
    [`/api/websites/${BUSY}/metrics/expanded?type=path&limit=501`, 400],
    [`/api/websites/${BUSY}/metrics/expanded?type=path&limit=0`, 400],
    [`/api/websites/${BUSY}/metrics/expanded?type=path&limit=-1`, 400],
    [`/api/websites/${BUSY}/metrics/expanded?type=path&limit=1e2`, 400],
    [`/api/websites/${BUSY}/metrics/expanded?type=path&limit=100000000000`, 400],
    // Filters: Umami's own parameters, but only the four operators and checked values.
    [`/api/realtime/${BUSY}?websiteId=00000000-0000-4000-8000-000000000000&url=http://evil.example&path=/x&country=DE`, 400],
    [`/api/websites/${BUSY}/stats?startAt=0&endAt=9999999999999&timezone=Mars/Olympus&path=/admin&compare=yoy&unit=year`, 400],
    [`/api/websites/${BUSY}/metrics/expanded?type=path&limit=500&offset=100&search=x&startAt=1&endAt=2&country=DE`, 400],
    [`/api/realtime/${BUSY}?path=re.%5E(a%2B)%2B%24`, 400],
    [`/api/realtime/${BUSY}?path=nre.x`, 400],
    [`/api/realtime/${BUSY}?path=eq.re.x%0d%0aX-Injected:%201`, 400],
    [`/api/realtime/${BUSY}?country=eq.DE,US,FR`, 400],
    [`/api/websites/${BUSY}/stats?event=c.${'%25'.repeat(201)}`, 400],
    [`/api/websites/${BUSY}/metrics/expanded?type=path&limit=10&limit=20`, 400],
    [`/api/realtime/${BUSY}/../../auth/login`, 404],
    [`/api/realtime/${BUSY}/..%2f..%2fauth%2flogin`, 404],
    ['/api/realtime/..%2f..%2fauth%2flogin', 400],
    ['/api/realtime/%2e%2e%2f%2e%2e%2fusers', 400],
    ['/api/realtime/..', 400],
    [`/api/realtime/${BUSY}%2f..%2fwebsites`, 400],
    [`/api/realtime/${BUSY}%00`, 400],
    [`/api/realtime/${BUSY}%0d%0aHost:%20evil`, 400],
    ['/api/realtime/%2561%2562', 400],
    ['/api//realtime/' + BUSY, 404],
    ['//api/realtime/' + BUSY, 404],
    ['/api/realtime//' + BUSY, 404],
    ['/api\\realtime\\' + BUSY, 404],
    ['/%61pi/realtime/' + BUSY, 404],
    ['/api%2frealtime%2f' + BUSY, 404],
    ['/x/../api/auth/login', 404],
    ['/x/%2e%2e/api/auth/login', 404],
    ['/API/websites', 404],
    ['/api/websites/..', 404],
    ['/api/websites;/../auth/login', 404],
    [`http://evil.example/api/realtime/${BUSY}`, 404],
    [`http://${'127.0.0.1'}/api/websites`, 404],
    ['https://evil.example/api/websites', 404],
  ])('%s → %i', async (target, status) => {
    const response = await proxy.request(target);
    expect(response.status).toBe(status);
    expect(response.body).not.toBe(STATIC_HTML); // answered by the proxy, not passed on
    expect(umami.requests).toHaveLength(0);
  });

  test.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE'])('%s → 405', async (method) => {
    for (const target of [`/api/realtime/${BUSY}`, '/api/websites', `/api/websites/${BUSY}/stats`, `/api/websites/${BUSY}/metrics/expanded?type=path`, `/api/websites/${BUSY}/active`, `/api/websites/${BUSY}/pageviews?period=yesterday&timezone=UTC`]) {
      const response = await proxy.request(target, { method, headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(405);
    }
    expect(umami.requests).toHaveLength(0);
  });
});

describe('requests that reach Umami only in the allowed shape', () => {
  test.each([
    `/api/realtime/${BUSY}?timezone=x&startAt=1#`,
    `/api/realtime/${BUSY}?timezone=Europe/Berlin%26unit%3Dyear%26path%3D/admin`,
    `/api/realtime/${BUSY}?timezone=Europe/Berlin%0d%0aX-Injected:%201`,
    `/api/realtime/${BUSY}?timezone=../../etc/passwd`,
    `/api/realtime/${BUSY}?startAt=1;DROP&endAt=2%20OR%201=1`,
    `/api/realtime/${BUSY}?unit=hour&unit=year&unit=../x`,
    `/api/realtime/${BUSY}?websiteId=00000000-0000-4000-8000-000000000000&url=http://evil.example&path=eq./x&country=eq.DE`,
    `/api/realtime/${BUSY}?path=eq.re.%5E(a%2B)%2B%24&title=c.%25_%25&referrer=dnc.evil%26unit%3Dyear`,
    `/api/realtime/${BUSY}?__proto__[x]=1&constructor=1`,
    `/api/realtime/${BUSY.toUpperCase()}?timezone=Europe/Berlin`,
    `/api/realtime/${BUSY}#/../../auth/login`,
    '/api/websites?pageSize=100000&search=x&page=../../users',
    `/api/websites/${BUSY}/stats?startAt=0&endAt=9999999999999&timezone=Mars/Olympus&path=neq./admin&compare=yoy&unit=year&segment=x&match=any`,
    `/api/websites/${BUSY}/stats?websiteId=00000000-0000-4000-8000-000000000000&__proto__[x]=1`,
    `/api/websites/${BUSY}/metrics/expanded?type=path&limit=500&offset=100&search=x&startAt=1&endAt=2&country=eq.DE&country=neq.US`,
    `/api/websites/${BUSY}/metrics/expanded?type=referrer&limit=1&timezone=Europe/Berlin`,
    `/api/websites/${BUSY}/metrics/expanded?limit=7&type=country#&type=x`,
    `/api/websites/${BUSY}/metrics/expanded?type=event`,
    `/api/websites/${BUSY}/active?startAt=1&endAt=2&x=../../users`,
    `/api/websites/${BUSY.toUpperCase()}/active`,
    `/api/websites/${BUSY}/stats?period=today&timezone=europe/berlin&startAt=0&endAt=9999999999999&compare=yoy&unit=year`,
    `/api/websites/${BUSY}/metrics/expanded?type=event&limit=1&period=lastweek&timezone=Australia/Adelaide&search=x`,
    `/api/websites/${BUSY}/pageviews?period=yesterday&timezone=UTC&unit=year&startAt=0&__proto__[x]=1`,
  ])('%s', async (target) => {
    const response = await proxy.request(target);
    expect(response.status).toBe(200);
    expect(umami.requests.length).toBeGreaterThan(0);
    expectOnlyAllowedUpstream();
  });

  test('client headers are not forwarded: no auth, cookie, host or forwarding headers', async () => {
    const response = await proxy.request(`/api/realtime/${BUSY}`, {
      headers: {
        authorization: 'Bearer attacker',
        'x-umami-api-key': 'attacker',
        'x-umami-share-token': 'attacker',
        cookie: 'session=attacker',
        host: 'evil.example',
        'x-forwarded-for': '6.6.6.6',
        'x-forwarded-host': 'evil.example',
      },
    });
    expect(response.status).toBe(200);
    expectOnlyAllowedUpstream();
    for (const request of umami.requests) expect(JSON.stringify(request.headers)).not.toContain('attacker');
  });

  test('an invalid timezone is dropped rather than sent (Umami would answer an empty 500)', async () => {
    const response = await proxy.request(`/api/realtime/${BUSY}?timezone=Mars/Olympus`);
    expect(response.status).toBe(200);
    expect(umami.requests.at(-1)?.url).toMatch(new RegExp(`^/api/realtime/${BUSY}\\?startAt=\\d+&endAt=\\d+$`));
  });

  test('an answer for an unknown proxy path is JSON, not the SPA page', async () => {
    const response = await proxy.request('/api/nothing');
    expect([response.status, errorCode(response)]).toEqual([404, 'not-found']);
  });
});
