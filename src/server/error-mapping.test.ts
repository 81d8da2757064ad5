import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { MODE_HEADER, STALE_HEADER } from '../api/errors.ts';
import { BUSY, startFakeUmami, type FakeUmami } from './testing/fake-umami.ts';
import { errorCode, startProxy, type TestProxy } from './testing/start-proxy.ts';

// Every way Umami can fail, and the one JSON error the browser gets for it.

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

async function withUmami(answer: (res: ServerResponse) => void, env: Record<string, string> = {}) {
  const umami = await startFakeUmami({ apiKey: 'k' });
  open.push(umami);
  umami.override((request, res) => {
    if (!request.url.startsWith('/api/realtime/')) return false;
    answer(res);
    return true;
  });
  const proxy = await startProxy({ UMAMI_URL: umami.url, UMAMI_API_KEY: 'k', UPSTREAM_TIMEOUT_MS: '300', UPSTREAM_MAX_BYTES: '65536', ...env });
  open.push(proxy);
  return { umami, proxy };
}

const realtime = (proxy: TestProxy) => proxy.request(`/api/realtime/${BUSY}?timezone=Europe/Berlin`);
const status = (code: number, body = '', headers: Record<string, string> = {}) => (res: ServerResponse) => {
  res.writeHead(code, headers);
  res.end(body);
};

type Answer = (res: ServerResponse) => void;

const streamTooMuch: Answer = (res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(`{"x":"${'a'.repeat(200_000)}"}`);
};
const hangAfterHeaders: Answer = (res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"countries":');
};
const reset: Answer = (res) => {
  res.socket?.destroy();
};

test.each<{ umami: string; answer: Answer; status: number; code: string }>([
  { umami: '401', answer: status(401, '{"error":{"message":"Unauthorized","code":"unauthorized","status":401}}'), status: 401, code: 'bad-credentials' },
  { umami: '403', answer: status(403, '{"error":"forbidden"}'), status: 401, code: 'bad-credentials' },
  { umami: '404', answer: status(404, '{"error":"nope"}'), status: 404, code: 'unknown-website' },
  { umami: '429 without an earlier answer', answer: status(429, 'slow down', { 'retry-after': '20' }), status: 429, code: 'rate-limited' },
  { umami: '500 with an empty body (bad id or zone)', answer: status(500), status: 502, code: 'upstream-error' },
  { umami: '503 with HTML', answer: status(503, '<html>maintenance</html>'), status: 502, code: 'upstream-error' },
  { umami: '400', answer: status(400, '{"error":"bad"}'), status: 502, code: 'upstream-error' },
  { umami: '302 (never followed)', answer: status(302, '', { location: 'http://127.0.0.1:9/steal' }), status: 502, code: 'upstream-error' },
  { umami: '200 with HTML', answer: status(200, '<html>login page</html>', { 'content-type': 'text/html' }), status: 502, code: 'upstream-malformed' },
  { umami: '200 with an empty body', answer: status(200), status: 502, code: 'upstream-malformed' },
  { umami: '200 with a JSON array', answer: status(200, '[1,2]'), status: 502, code: 'upstream-malformed' },
  { umami: '200 with JSON null', answer: status(200, 'null'), status: 502, code: 'upstream-malformed' },
  { umami: '200 streaming more than UPSTREAM_MAX_BYTES', answer: streamTooMuch, status: 502, code: 'upstream-malformed' },
  { umami: '200 that hangs after the headers', answer: hangAfterHeaders, status: 504, code: 'upstream-timeout' },
  { umami: 'no answer at all', answer: () => undefined, status: 504, code: 'upstream-timeout' },
  { umami: 'connection reset', answer: reset, status: 502, code: 'upstream-down' },
])('Umami $umami → $status $code', async ({ answer, status: expected, code }) => {
  const { proxy } = await withUmami(answer);
  const started = Date.now();
  const response = await realtime(proxy);
  expect(Date.now() - started).toBeLessThan(2000);
  expect(response.status).toBe(expected);
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(response.headers[MODE_HEADER]).toBe('apikey');
  expect(response.headers['cache-control']).toBe('no-store');
  expect(JSON.parse(response.body)).toEqual({ error: { code, message: expect.any(String) } });
  // Upstream bodies never pass through.
  for (const leaked of ['Unauthorized', 'forbidden', 'nope', 'slow down', 'maintenance', 'login page', 'steal']) {
    expect(response.body).not.toContain(leaked);
  }
});

test('a declared Content-Length over the limit is refused before reading', async () => {
  const { proxy } = await withUmami((res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(10_000_000) });
    res.write('{');
  });
  const response = await realtime(proxy);
  expect([response.status, errorCode(response)]).toEqual([502, 'upstream-malformed']);
});

test('429 answers carry Retry-After', async () => {
  const { proxy } = await withUmami(status(429, '', { 'retry-after': '20' }));
  const response = await realtime(proxy);
  expect(response.headers['retry-after']).toBe('20');
  expect(response.headers[STALE_HEADER]).toBeUndefined();
});

test('connection refused → 502 upstream-down', async () => {
  const closed: Server = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const proxy = await startProxy({ UMAMI_URL: `http://127.0.0.1:${port}`, UMAMI_USERNAME: 'a', UMAMI_PASSWORD: 'b' });
  open.push(proxy);
  const response = await realtime(proxy);
  expect([response.status, errorCode(response)]).toEqual([502, 'upstream-down']);
  expect(proxy.logs.join('\n')).toContain('upstream-down');
});

test('login answered with a redirect or garbage is not a success', async () => {
  const umami: FakeUmami = await startFakeUmami({ username: 'a', password: 'b' });
  open.push(umami);
  umami.override((request, res) => {
    if (!request.url.endsWith('/auth/login')) return false;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"user":{}}');
    return true;
  });
  const proxy = await startProxy({ UMAMI_URL: umami.url, UMAMI_USERNAME: 'a', UMAMI_PASSWORD: 'b' });
  open.push(proxy);
  const response = await realtime(proxy);
  expect([response.status, errorCode(response)]).toEqual([502, 'upstream-malformed']);
  expect(umami.requests.filter((r) => r.url.includes('/realtime/'))).toHaveLength(0);
});

test('a thrown bug inside the handler still answers JSON, never a hung request', async () => {
  const proxy = await startProxy(
    {},
    {
      upstream: {
        mode: 'demo',
        realtime: () => {
          throw new TypeError('boom');
        },
        websites: async () => [{ id: BUSY, name: '', domain: '' }],
        exact: async () => Buffer.from('{}'),
        period: async () => Buffer.from('{}'),
      },
    },
  );
  open.push(proxy);
  const response = await realtime(proxy);
  expect([response.status, errorCode(response)]).toEqual([502, 'upstream-error']);
});

test('a 500 for a zone Umami does not know is asked again without the zone', async () => {
  const umami = await startFakeUmami({ apiKey: 'k' });
  open.push(umami);
  umami.override((request, res) => {
    if (!request.url.startsWith('/api/realtime/') || !request.url.includes('timezone=')) return false;
    res.writeHead(500); // PostgreSQL: time zone "…" not recognized; Umami sends an empty body
    res.end();
    return true;
  });
  const proxy = await startProxy({ UMAMI_URL: umami.url, UMAMI_API_KEY: 'k' });
  open.push(proxy);
  const response = await proxy.request(`/api/realtime/${BUSY}?timezone=America/Ciudad_Juarez`);
  expect(response.status).toBe(200);
  expect(JSON.parse(response.body)).toHaveProperty('totals');
  const calls = umami.requests.filter((r) => r.url.startsWith('/api/realtime/')).map((r) => new URL(r.url, 'http://x').searchParams.get('timezone'));
  expect(calls).toEqual(['America/Ciudad_Juarez', null]);
});
