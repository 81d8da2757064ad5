import { describe, expect, test } from 'vitest';
import { ConfigError, describeUpstream, loadConfig, secretsOf, type Env } from './config.ts';

const SITE = '23119484-709c-44bf-994c-92f109bda03b';

describe('upstream mode', () => {
  test.each<[string, Env, string]>([
    ['nothing set', {}, 'demo'],
    ['empty values count as unset', { UMAMI_URL: '', UMAMI_API_KEY: ' ', UMAMI_SHARE_URL: '' }, 'demo'],
    ['API key alone', { UMAMI_API_KEY: 'k' }, 'cloud'],
    ['URL + user + password', { UMAMI_URL: 'https://u.example', UMAMI_USERNAME: 'a', UMAMI_PASSWORD: 'p' }, 'login'],
    ['URL + user + password wins over a key', { UMAMI_URL: 'https://u.example', UMAMI_USERNAME: 'a', UMAMI_PASSWORD: 'p', UMAMI_API_KEY: 'k' }, 'login'],
    ['URL + key', { UMAMI_URL: 'https://u.example', UMAMI_API_KEY: 'k' }, 'apikey'],
    ['share URL', { UMAMI_SHARE_URL: 'https://u.example/share/AbC123' }, 'share'],
  ])('%s → %s', (_name, env, mode) => {
    expect(loadConfig(env).upstream.mode).toBe(mode);
  });

  test('Cloud goes to api.umami.is/v1 unless UMAMI_CLOUD_URL says otherwise', () => {
    const cloud = loadConfig({ UMAMI_API_KEY: 'k' }).upstream;
    expect(cloud.mode === 'cloud' && cloud.baseUrl.href).toBe('https://api.umami.is/v1');
    const custom = loadConfig({ UMAMI_API_KEY: 'k', UMAMI_CLOUD_URL: 'http://127.0.0.1:9/v1/' }).upstream;
    expect(custom.mode === 'cloud' && custom.baseUrl.href).toBe('http://127.0.0.1:9/v1');
  });

  test.each([
    ['https://umami.example.com', 'https://umami.example.com/'],
    ['https://umami.example.com///', 'https://umami.example.com/'],
    ['https://example.com/umami/', 'https://example.com/umami'],
  ])('UMAMI_URL %s → base %s', (raw, base) => {
    const up = loadConfig({ UMAMI_URL: raw, UMAMI_USERNAME: 'a', UMAMI_PASSWORD: 'p' }).upstream;
    expect(up.mode === 'login' && up.baseUrl.href).toBe(base);
  });

  test.each([
    ['https://u.example/share/AbC123', 'https://u.example/', 'AbC123', 'u.example'],
    ['https://example.com/umami/share/x_Y-z/', 'https://example.com/umami', 'x_Y-z', 'example.com'],
  ])('share URL %s → API base %s, slug %s', (raw, apiBase, slug, host) => {
    const up = loadConfig({ UMAMI_SHARE_URL: raw }).upstream;
    expect(up).toMatchObject({ mode: 'share', slug, host });
    expect(up.mode === 'share' && up.apiBase.href).toBe(apiBase);
  });
});

describe('invalid settings fail at start-up without echoing the value', () => {
  test.each<[string, Env, RegExp]>([
    ['URL without credentials', { UMAMI_URL: 'https://u.example' }, /UMAMI_USERNAME/],
    ['user without password', { UMAMI_URL: 'https://u.example', UMAMI_USERNAME: 'a' }, /both/],
    ['user without URL', { UMAMI_USERNAME: 'a', UMAMI_PASSWORD: 'secret-pw' }, /need UMAMI_URL/],
    ['not a URL', { UMAMI_URL: 'not a url', UMAMI_API_KEY: 'k' }, /not a valid URL/],
    ['ftp URL', { UMAMI_URL: 'ftp://u.example', UMAMI_API_KEY: 'k' }, /http/],
    ['credentials in URL', { UMAMI_URL: 'https://me:secret-pw@u.example', UMAMI_API_KEY: 'k' }, /user name or password/],
    ['query in URL', { UMAMI_URL: 'https://u.example/?x=1', UMAMI_API_KEY: 'k' }, /query/],
    ['share URL without /share/', { UMAMI_SHARE_URL: 'https://u.example/websites/1' }, /share/],
    ['website ids', { UMAMI_WEBSITE_IDS: `${SITE},nope` }, /UUID/],
    ['timeout', { UPSTREAM_TIMEOUT_MS: '5s' }, /UPSTREAM_TIMEOUT_MS/],
    ['budget', { UPSTREAM_BUDGET: '40 per 15' }, /UPSTREAM_BUDGET/],
    ['zero budget', { UPSTREAM_BUDGET: '0/15' }, /UPSTREAM_BUDGET/],
    ['frame ancestors with a directive', { FRAME_ANCESTORS: "'self'; script-src *" }, /FRAME_ANCESTORS/],
    ['frame ancestors with a comma', { FRAME_ANCESTORS: 'https://a.example,https://b.example' }, /FRAME_ANCESTORS/],
    ['frame ancestors with a quote', { FRAME_ANCESTORS: "https://a.example/'unsafe-inline'" }, /FRAME_ANCESTORS/],
    ['frame ancestors with a newline', { FRAME_ANCESTORS: 'https://a.example\r\nX-Evil: 1' }, /FRAME_ANCESTORS/],
    ['demo seed', { DEMO_SEED: 'abc' }, /DEMO_SEED/],
  ])('%s', (_name, env, message) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('secret-pw');
  });
});

describe('limits and lists', () => {
  test('defaults', () => {
    expect(loadConfig({})).toMatchObject({
      websiteIds: null,
      dashboardToken: null,
      frameAncestors: "'self'",
      timeoutMs: 8000,
      maxBodyBytes: 5 * 1024 * 1024,
      cacheTtlMs: 5000,
      exactCacheTtlMs: 15_000,
      periodCacheTtlMs: 60_000,
      budget: { limit: 600, windowMs: 15_000 },
    });
  });

  test('EXACT_CACHE_TTL_MS: a whole number of milliseconds up to an hour', () => {
    expect(loadConfig({ EXACT_CACHE_TTL_MS: '30000' }).exactCacheTtlMs).toBe(30_000);
    expect(() => loadConfig({ EXACT_CACHE_TTL_MS: '15s' })).toThrow(/EXACT_CACHE_TTL_MS/);
    expect(() => loadConfig({ EXACT_CACHE_TTL_MS: '3600001' })).toThrow(/EXACT_CACHE_TTL_MS/);
  });

  test('PERIOD_CACHE_TTL_MS: a whole number of milliseconds up to an hour', () => {
    expect(loadConfig({ PERIOD_CACHE_TTL_MS: '0' }).periodCacheTtlMs).toBe(0);
    expect(() => loadConfig({ PERIOD_CACHE_TTL_MS: '1m' })).toThrow(/PERIOD_CACHE_TTL_MS/);
    expect(() => loadConfig({ PERIOD_CACHE_TTL_MS: '3600001' })).toThrow(/PERIOD_CACHE_TTL_MS/);
  });

  test('TRUST_PROXY: off unless true or 1', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(() => loadConfig({ TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY/);
  });

  test('ALLOW_UNLISTED_SITES: off unless true or 1', () => {
    expect(loadConfig({}).allowUnlistedSites).toBe(false);
    expect(loadConfig({ ALLOW_UNLISTED_SITES: '1' }).allowUnlistedSites).toBe(true);
    expect(() => loadConfig({ ALLOW_UNLISTED_SITES: 'maybe' })).toThrow(/ALLOW_UNLISTED_SITES/);
  });

  test('CLIENT_MISS_BURST: 300 new keys per client by default, at least 10', () => {
    expect(loadConfig({}).clientMissBurst).toBe(300);
    expect(loadConfig({ CLIENT_MISS_BURST: '5000' }).clientMissBurst).toBe(5000);
    expect(() => loadConfig({ CLIENT_MISS_BURST: '3' })).toThrow(/CLIENT_MISS_BURST/);
  });

  test('CACHE_MAX_BYTES: 64 MB by default, a whole number of bytes from 1 MB', () => {
    expect(loadConfig({}).cacheMaxBytes).toBe(64 * 1024 * 1024);
    expect(loadConfig({ CACHE_MAX_BYTES: '16777216' }).cacheMaxBytes).toBe(16 * 1024 * 1024);
    expect(() => loadConfig({ CACHE_MAX_BYTES: '64MB' })).toThrow(/CACHE_MAX_BYTES/);
    expect(() => loadConfig({ CACHE_MAX_BYTES: '1000' })).toThrow(/CACHE_MAX_BYTES/);
  });

  test.each<[Env, { limit: number; windowMs: number }]>([
    [{ UMAMI_API_KEY: 'k' }, { limit: 40, windowMs: 15_000 }],
    [{ UMAMI_API_KEY: 'k', UPSTREAM_BUDGET: '10/1.5' }, { limit: 10, windowMs: 1500 }],
    [{ UPSTREAM_BUDGET: '100 / 60' }, { limit: 100, windowMs: 60_000 }],
  ])('budget %o', (env, budget) => {
    expect(loadConfig(env).budget).toEqual(budget);
  });

  test('UMAMI_WEBSITE_IDS is trimmed and lower-cased', () => {
    const ids = loadConfig({ UMAMI_WEBSITE_IDS: ` ${SITE.toUpperCase()} , 95b7680c-9158-4b84-b4ea-7ccc08cc94ea,` }).websiteIds;
    expect([...(ids ?? [])]).toEqual([SITE, '95b7680c-9158-4b84-b4ea-7ccc08cc94ea']);
  });

  test.each([
    ["'self'  https://*.intranet.example:8443 https:", "'self' https://*.intranet.example:8443 https:"],
    ['http://127.0.0.1:*', 'http://127.0.0.1:*'],
    ["'none'", "'none'"],
    ['https://wiki.example.com/team/dashboards/', 'https://wiki.example.com/team/dashboards/'],
  ])('FRAME_ANCESTORS %s is accepted', (raw, value) => {
    expect(loadConfig({ FRAME_ANCESTORS: raw }).frameAncestors).toBe(value);
  });
});

describe('what may be logged', () => {
  test('the upstream description has no slug, key or password', () => {
    const share = loadConfig({ UMAMI_SHARE_URL: 'https://u.example/umami/share/SlugSecret1' });
    expect(describeUpstream(share)).toBe('share link on https://u.example/umami');
    const login = loadConfig({ UMAMI_URL: 'https://u.example/umami/', UMAMI_USERNAME: 'a', UMAMI_PASSWORD: 'pw-secret' });
    expect(describeUpstream(login)).toBe('https://u.example/umami');
  });

  test('secretsOf lists every configured secret', () => {
    expect(secretsOf(loadConfig({ UMAMI_API_KEY: 'key-secret', DASHBOARD_TOKEN: 'dash-secret' })).sort()).toEqual(['dash-secret', 'key-secret']);
    expect(secretsOf(loadConfig({ UMAMI_URL: 'https://u.example', UMAMI_USERNAME: 'a', UMAMI_PASSWORD: 'pw-secret' }))).toEqual(['pw-secret']);
    expect(secretsOf(loadConfig({ UMAMI_SHARE_URL: 'https://u.example/share/SlugSecret1' }))).toEqual(['SlugSecret1']);
  });
});
