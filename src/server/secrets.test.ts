import type { ServerResponse } from 'node:http';
import { afterEach, expect, test } from 'vitest';
import { createSafeLog } from './safe-log.ts';
import { BUSY, EMPTY, startFakeUmami, type FakeUmami, type Recorded } from './testing/fake-umami.ts';
import { startProxy, type ProxyResponse, type TestProxy } from './testing/start-proxy.ts';

// Configure known secrets, drive every mode through successes and failures, then grep every
// response (status line aside: headers and body) and every log line for any of them.

const SECRETS = {
  password: 'pw-3b9f1c7e-secret',
  apiKey: 'key-8d2e4a6b-secret',
  dashboardToken: 'dash-5c1a9e3f-secret',
  shareSlug: 'SlugA7x9Secret',
};

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

type Failure = (request: Recorded, res: ServerResponse) => boolean;
const failures: Failure[] = [
  (r, res) => (r.url.includes('/realtime/') ? (res.writeHead(401, { 'content-type': 'application/json' }), res.end('{"error":"Unauthorized"}'), true) : false),
  (_r, res) => (res.writeHead(500), res.end(), true),
  (_r, res) => (res.writeHead(302, { location: 'http://127.0.0.1:9/' }), res.end(), true),
  (_r, res) => (res.writeHead(200, { 'content-type': 'text/html' }), res.end('<html>'), true),
  (_r, res) => (res.socket?.destroy(), true),
  () => true, // hangs until the proxy's timeout
  // Last: a 429 rests those keys for a second, so later failures would not reach Umami.
  (r, res) => (r.url.includes('/realtime/') ? (res.writeHead(429, { 'retry-after': '1' }), res.end(), true) : false),
];

async function exercise(proxy: TestProxy, umami: FakeUmami, cookie: string): Promise<ProxyResponse[]> {
  const responses: ProxyResponse[] = [];
  const targets = [
    `/api/realtime/${BUSY}?timezone=Europe/Berlin`,
    `/api/realtime/${EMPTY}?unit=hour`,
    '/api/websites',
    '/api/realtime/not-a-uuid',
    '/api/auth/login',
    '/healthz',
    '/',
  ];
  const round = async () => {
    for (const target of targets) {
      responses.push(await proxy.request(target, { headers: { cookie } }));
      responses.push(await proxy.request(target)); // without the dashboard cookie
    }
    responses.push(await proxy.request(`/?token=${SECRETS.dashboardToken}`));
    responses.push(await proxy.request(`/api/websites?token=${SECRETS.dashboardToken}`));
    responses.push(await proxy.request(`/api/websites?token=wrong-${SECRETS.dashboardToken}`));
    responses.push(await proxy.request('/api/websites', { method: 'POST', headers: { cookie } }));
  };
  await round();
  for (const failure of failures) {
    umami.override(failure);
    await round();
  }
  umami.revokeTokens();
  umami.override(null);
  await round();
  return responses;
}

test.each([
  ['login', (url: string) => ({ UMAMI_URL: url, UMAMI_USERNAME: 'admin', UMAMI_PASSWORD: SECRETS.password })],
  ['apikey', (url: string) => ({ UMAMI_URL: url, UMAMI_API_KEY: SECRETS.apiKey })],
  ['cloud', (url: string) => ({ UMAMI_API_KEY: SECRETS.apiKey, UMAMI_CLOUD_URL: `${url}/api` })],
  ['share', (url: string) => ({ UMAMI_SHARE_URL: `${url}/share/${SECRETS.shareSlug}` })],
])('%s mode: no secret in any response or log line', async (mode, env) => {
  const umami = await startFakeUmami({ username: 'admin', password: SECRETS.password, apiKey: SECRETS.apiKey, shareSlug: SECRETS.shareSlug });
  const proxy = await startProxy({
    ...env(umami.url),
    DASHBOARD_TOKEN: SECRETS.dashboardToken,
    CACHE_TTL_MS: '0',
    UPSTREAM_TIMEOUT_MS: '200',
  });
  open.push(umami, proxy);
  const login = await proxy.request(`/?token=${SECRETS.dashboardToken}`);
  const cookie = login.headers['set-cookie']?.[0]?.split(';')[0] ?? '';
  expect(cookie).toMatch(/^pulseboard_token=/);

  const responses = await exercise(proxy, umami, cookie);
  // The run covered successes and failures alike.
  expect(responses.some((r) => r.status === 200 && r.body.includes('"countries"'))).toBe(true);
  const statuses = new Set(responses.map((r) => r.status));
  for (const status of [200, 302, 400, 401, 404, 405]) expect(statuses.has(status), String(status)).toBe(true);
  expect(responses.some((r) => r.status >= 502)).toBe(true);

  // Tokens Umami issued (login and share modes) are secrets too.
  const issued = [...umami.issued.login, ...umami.issued.share];
  expect(issued.length > 0).toBe(mode === 'login' || mode === 'share');
  const secrets = [...Object.values(SECRETS), ...issued];
  const texts = [...responses.map((r) => JSON.stringify(r.headers) + r.body), ...proxy.logs];
  expect(proxy.logs.length).toBeGreaterThan(0);
  for (const text of texts) {
    for (const secret of secrets) expect(text.includes(secret), `${secret} leaked in: ${text.slice(0, 200)}`).toBe(false);
  }
});

test('the log safety net replaces a configured secret even if a line carried one', () => {
  const lines: string[] = [];
  const log = createSafeLog((line) => lines.push(line), [SECRETS.apiKey, SECRETS.password]);
  log(`failed with ${SECRETS.apiKey} and ${SECRETS.password}!`);
  expect(lines).toEqual(['failed with [redacted] and [redacted]!']);
});
