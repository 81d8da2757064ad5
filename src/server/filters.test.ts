import { afterEach, describe, expect, test } from 'vitest';
import { BUSY, startFakeUmami, type FakeUmami } from './testing/fake-umami.ts';
import { errorCode, startProxy, type TestProxy } from './testing/start-proxy.ts';

// Filtered walls through the proxy (issue 21): which filters reach Umami, in what form, in every
// upstream mode; what is refused; and that each filter set is one shared cache entry.

const open: Array<FakeUmami | TestProxy> = [];
const track = <T extends FakeUmami | TestProxy>(server: T): T => {
  open.push(server);
  return server;
};
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

const MODES = {
  login: async () => {
    const umami = track(await startFakeUmami({ username: 'admin', password: 'pw' }));
    return { umami, proxy: track(await startProxy({ UMAMI_URL: umami.url, UMAMI_USERNAME: 'admin', UMAMI_PASSWORD: 'pw' })) };
  },
  cloud: async () => {
    const umami = track(await startFakeUmami({ prefix: '/v1', apiKey: 'cloud-key' }));
    return { umami, proxy: track(await startProxy({ UMAMI_API_KEY: 'cloud-key', UMAMI_CLOUD_URL: `${umami.url}/v1` })) };
  },
  apikey: async () => {
    const umami = track(await startFakeUmami({ apiKey: 'self-key' }));
    return { umami, proxy: track(await startProxy({ UMAMI_URL: umami.url, UMAMI_API_KEY: 'self-key' })) };
  },
  share: async () => {
    const umami = track(await startFakeUmami({ prefix: '/stats/api', shareSlug: 'HkU3XzlfKSNmEofA' }));
    return { umami, proxy: track(await startProxy({ UMAMI_SHARE_URL: `${umami.url}/stats/share/HkU3XzlfKSNmEofA` })) };
  },
};

/** The data routes Umami received (no login or share lookup), as route name and filter parameters. */
function dataCalls(umami: FakeUmami) {
  return umami.requests
    .map((request) => new URL(request.url, 'http://umami'))
    .filter((url) => url.pathname.includes(BUSY))
    .map((url) => {
      const filters = [...url.searchParams].filter(([name]) => !['startAt', 'endAt', 'timezone', 'type', 'limit'].includes(name));
      return `${url.pathname.slice(url.pathname.indexOf(BUSY) + BUSY.length + 1) || 'realtime'} ${new URLSearchParams(filters).toString()}`;
    });
}

// As the browser sends them: canonical, a repeated name repeated.
const FILTERED = 'path=c.%2Fcheckout&path=dnc.%2Fcheckout%2Fthank-you&hostname=eq.shop.example.com&country=neq.US';
const AS_UMAMI = 'path=c.%2Fcheckout&path1=dnc.%2Fcheckout%2Fthank-you&hostname=eq.shop.example.com&country=neq.US';

describe.each(Object.entries(MODES))('%s mode: the filters reach Umami in its own form', (_, start) => {
  test('realtime, stats and metrics carry them; a repeated name is numbered', async () => {
    const { umami, proxy } = await start();
    expect((await proxy.request(`/api/realtime/${BUSY}?timezone=Europe/Berlin&${FILTERED}`)).status).toBe(200);
    expect((await proxy.request(`/api/websites/${BUSY}/stats?${FILTERED}`)).status).toBe(200);
    expect((await proxy.request(`/api/websites/${BUSY}/metrics/expanded?type=path&${FILTERED}`)).status).toBe(200);
    expect(dataCalls(umami)).toEqual([`realtime ${AS_UMAMI}`, `stats ${AS_UMAMI}`, `metrics/expanded ${AS_UMAMI}`]);
  });

  test("/active with filters is not asked: Umami's route would count the whole site", async () => {
    const { umami, proxy } = await start();
    const response = await proxy.request(`/api/websites/${BUSY}/active?${FILTERED}`);
    expect([response.status, errorCode(response)]).toEqual([501, 'upstream-unsupported']);
    expect(dataCalls(umami)).toEqual([]);
    expect((await proxy.request(`/api/websites/${BUSY}/active`)).status).toBe(200);
  });
});

describe('what the proxy refuses, before any call to Umami', () => {
  test.each([
    ['a regular expression', `/api/realtime/${BUSY}?path=re.%5E%2F(a%2B)%2B%24`],
    ['a negated one', `/api/websites/${BUSY}/stats?path=nre.x`],
    ['an operator Umami has but the wall does not use', `/api/websites/${BUSY}/metrics/expanded?type=path&browser=s.x`],
    ['a value without an operator', `/api/realtime/${BUSY}?country=DE`],
    ['a list where one value is meant', `/api/realtime/${BUSY}?country=eq.DE,US`],
    ['a control character', `/api/realtime/${BUSY}?title=c.a%0D%0Ab`],
    ['a value that is too long', `/api/realtime/${BUSY}?title=c.${'x'.repeat(201)}`],
    ['too many filters', `/api/realtime/${BUSY}?${Array.from({ length: 9 }, (_, i) => `path=dnc.%2F${i}`).join('&')}`],
  ])('%s: 400 invalid-parameter', async (_, target) => {
    const { umami, proxy } = await MODES.login();
    const response = await proxy.request(target);
    expect([response.status, errorCode(response)]).toEqual([400, 'invalid-parameter']);
    expect(dataCalls(umami)).toEqual([]);
  });

  test('parameters that are not filters are not passed on', async () => {
    const { umami, proxy } = await MODES.login();
    await proxy.request(`/api/realtime/${BUSY}?segment=0b2f9a7e-2f7d-4c55-9b1a-1c2d3e4f5a6b&cohort=x&match=any&eventType=2&path1=eq.x&excludeBounce=true`);
    expect(dataCalls(umami)).toEqual(['realtime ']);
  });
});

describe('the shared cache: one entry per site, zone and filter set', () => {
  test('the same filters in another order share the answer; other filters, or none, have their own', async () => {
    const { umami, proxy } = await MODES.login();
    const get = (query: string) => proxy.request(`/api/realtime/${BUSY}?timezone=UTC&${query}`);
    await get('country=eq.DE&path=eq.%2Fcheckout');
    await get('path=eq.%2Fcheckout&country=eq.DE');
    await get('path=eq.%2Fcheckout&country=eq.DE&path=eq.%2Fcheckout');
    await get('path=eq.%2Fcheckout');
    await get('');
    await get('');
    expect(dataCalls(umami)).toEqual(['realtime path=eq.%2Fcheckout&country=eq.DE', 'realtime path=eq.%2Fcheckout', 'realtime ']);
  });
});

describe('demo mode: a filtered wall narrows', () => {
  test('path and country filters keep only their rows, on realtime and exact routes', async () => {
    const proxy = track(await startProxy({ DEMO_SEED: '7' }));
    const shop = (JSON.parse((await proxy.request('/api/websites')).body) as { data: Array<{ id: string }> }).data[0]!.id;
    const body = async (target: string) => JSON.parse((await proxy.request(target)).body) as Record<string, unknown>;
    const all = await body(`/api/realtime/${shop}?timezone=UTC`);
    const filtered = await body(`/api/realtime/${shop}?timezone=UTC&country=neq.US&path=c.product`);
    const events = filtered.events as Array<{ urlPath: string; country: string | null }>;
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.urlPath.includes('product') && e.country !== 'US' && e.country !== null)).toBe(true);
    expect((filtered.totals as { views: number }).views).toBeLessThan((all.totals as { views: number }).views);
    const paths = (await proxy.request(`/api/websites/${shop}/metrics/expanded?type=path&path=c.product`)).body;
    expect((JSON.parse(paths) as Array<{ name: string }>).every((row) => row.name.includes('product'))).toBe(true);
  });
});
