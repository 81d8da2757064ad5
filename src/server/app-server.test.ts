import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { MODE_HEADER } from '../api/errors.ts';
import { createAppServer, listen, type AppServer, type AppServerOptions } from './app-server.ts';
import { loadConfig } from './config.ts';
import { allowedHostsFrom } from './host-check.ts';
import { precompressDir } from './precompress.ts';
import type { Upstream } from './upstream.ts';

// The production server on 127.0.0.1:0 over a small client build made here.

const INDEX = `<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd.js"></script></head><body>${'<div></div>'.repeat(150)}</body></html>`;
const SCRIPT = 'export const x = 1;\n'.repeat(300);
const SITE = '23119484-709c-44bf-994c-92f109bda03b';

let dir = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pulseboard-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'index-Ab12Cd.js'), SCRIPT);
  writeFileSync(join(dir, 'embed.js'), '(() => {})();\n');
  writeFileSync(join(dir, '.env'), 'SECRET=1');
  await precompressDir(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Response = { status: number; headers: IncomingHttpHeaders; body: Buffer };
type Started = AppServer & { port: number; get(path: string, headers?: Record<string, string>, method?: string, agent?: Agent): Promise<Response> };

const running: AppServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((app) => app.shutdown(100)));
});

async function start(env: Record<string, string> = {}, upstream?: Upstream, timeouts?: AppServerOptions['timeouts']): Promise<Started> {
  const app = createAppServer({
    timeouts,
    config: loadConfig({ DEMO_SEED: '1', ...env }),
    staticDir: dir,
    allowedHosts: allowedHostsFrom(env.ALLOWED_HOSTS, '127.0.0.1'),
    deps: { log: () => {}, ...(upstream ? { upstream } : {}) },
  });
  running.push(app);
  const { port } = await listen(app.server, 0, '127.0.0.1');
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET', agent?: Agent) =>
    new Promise<Response>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path, method, headers, agent: agent ?? false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
  return { ...app, port, get };
}

test('hashed assets are cached for a year; index.html, page routes and public files revalidate', async () => {
  const app = await start();
  const asset = await app.get('/assets/index-Ab12Cd.js');
  expect(asset.status).toBe(200);
  expect(asset.headers['content-type']).toMatch(/javascript/);
  expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  for (const path of ['/', '/index.html', '/?website=' + SITE, '/embed.js']) {
    const response = await app.get(path);
    expect(response.status, path).toBe(200);
    expect(response.headers['cache-control'], path).toBe('no-cache');
  }
});

test('a page route gets index.html; a missing asset or file gets a plain 404, never HTML', async () => {
  const app = await start();
  const page = await app.get('/some/page', { accept: 'text/html,application/xhtml+xml' });
  expect(page.status).toBe(200);
  expect(page.headers['content-type']).toMatch(/^text\/html/);
  expect(page.headers['cache-control']).toBe('no-cache');
  expect(page.body.toString()).toBe(INDEX);
  for (const path of ['/assets/missing.js', '/assets/gone', '/missing.css', '/.env']) {
    const missing = await app.get(path, { accept: 'text/html,*/*' });
    expect(missing.status, path).toBe(404);
    expect(missing.headers['content-type'], path).not.toMatch(/html/);
  }
  // A script or image request for a page-like path is not handed HTML either.
  expect((await app.get('/some/page', { accept: 'image/webp' })).status).toBe(404);
});

test('brotli and gzip are sent from the precompressed copies when accepted, identity otherwise', async () => {
  const app = await start();
  const br = await app.get('/assets/index-Ab12Cd.js', { 'accept-encoding': 'gzip, deflate, br' });
  expect(br.headers['content-encoding']).toBe('br');
  expect(br.headers['content-type']).toMatch(/javascript/);
  expect(br.headers.vary).toMatch(/accept-encoding/i);
  expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);
  const gz = await app.get('/', { 'accept-encoding': 'gzip' });
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(gunzipSync(gz.body).toString()).toBe(INDEX);
  const plain = await app.get('/assets/index-Ab12Cd.js');
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body.toString()).toBe(SCRIPT);
});

test('an unchanged file revalidates with 304', async () => {
  const app = await start();
  const first = await app.get('/embed.js');
  const etag = first.headers.etag;
  expect(etag).toBeTruthy();
  const again = await app.get('/embed.js', { 'if-none-match': etag ?? '' });
  expect(again.status).toBe(304);
  expect(again.headers['cache-control']).toBe('no-cache');
});

test('every answer carries the security headers; the API and healthz are answered as before', async () => {
  const app = await start();
  for (const path of ['/', '/assets/index-Ab12Cd.js', '/assets/missing.js', '/api/websites', '/healthz']) {
    const response = await app.get(path);
    expect(response.headers['content-security-policy'], path).toContain("script-src 'self';");
    expect(response.headers['x-content-type-options'], path).toBe('nosniff');
    expect(response.headers['referrer-policy'], path).toBe('no-referrer');
  }
  const websites = await app.get('/api/websites');
  expect(websites.status).toBe(200);
  expect(websites.headers[MODE_HEADER]).toBe('demo');
  // /api never falls back to the page, whatever the browser accepts.
  const unknown = await app.get('/api/nothing', { accept: 'text/html' });
  expect(unknown.status).toBe(404);
  expect(unknown.headers['content-type']).toMatch(/json/);
  expect((await app.get('/', {}, 'POST')).status).toBe(405);
});

test('a foreign Host is refused; IP addresses, localhost and ALLOWED_HOSTS are answered', async () => {
  const app = await start({ ALLOWED_HOSTS: 'pulse.test' });
  const refused = await app.get('/', { host: 'evil.test' });
  expect(refused.status).toBe(403);
  expect(refused.headers['content-type']).toMatch(/^text\/plain/);
  expect(refused.headers['content-security-policy']).toContain("default-src 'self'");
  expect((await app.get('/api/websites', { host: `evil.test:${app.port}` })).status).toBe(403);
  for (const host of ['pulse.test', `127.0.0.1:${app.port}`, `[::1]:${app.port}`, 'localhost']) {
    expect((await app.get('/', { host })).status, host).toBe(200);
  }
});

test('the DASHBOARD_TOKEN flow works through the production server', async () => {
  const app = await start({ DASHBOARD_TOKEN: 'a-long-dashboard-token' });
  expect((await app.get('/api/websites')).status).toBe(401);
  const signIn = await app.get('/?token=a-long-dashboard-token&theme=light');
  expect(signIn.status).toBe(302);
  expect(signIn.headers.location).toBe('/?theme=light');
  const cookie = signIn.headers['set-cookie']?.[0]?.split(';')[0] ?? '';
  expect((await app.get('/api/websites', { cookie })).status).toBe(200);
});

test('shutdown lets an in-flight answer finish, refuses new connections, and closes kept-alive sockets', async () => {
  let release = () => {};
  let started = () => {};
  const inFlight = new Promise<void>((resolve) => (started = resolve));
  const slow: Upstream = {
    mode: 'demo',
    realtime: () => {
      started();
      return new Promise((resolve) => (release = () => resolve(Buffer.from('{"totals":{}}'))));
    },
    websites: async () => [{ id: SITE, name: '', domain: '' }],
    exact: () => new Promise(() => {}),
    period: () => new Promise(() => {}),
  };
  const app = await start({}, slow);
  // A screen's browser keeps its connection open between polls.
  const agent = new Agent({ keepAlive: true });
  await app.get('/', {}, 'GET', agent);
  const answer = app.get(`/api/realtime/${SITE}`, {}, 'GET', agent);
  await inFlight;
  const stopped = app.shutdown(5_000);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await expect(app.get('/')).rejects.toThrow(/ECONNREFUSED/);
  release();
  const response = await answer;
  expect(response.status).toBe(200);
  expect(response.body.toString()).toBe('{"totals":{}}');
  expect(await stopped).toBe('drained');
  agent.destroy();
});

test('shutdown cuts an answer that outlasts the grace period', async () => {
  const stuck: Upstream = { mode: 'demo', realtime: () => new Promise(() => {}), websites: async () => [{ id: SITE, name: '', domain: '' }], exact: () => new Promise(() => {}), period: () => new Promise(() => {}) };
  const app = await start({}, stuck);
  const answer = app.get(`/api/realtime/${SITE}`).catch((error: Error) => error);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await app.shutdown(100)).toBe('forced');
  expect(await answer).toBeInstanceOf(Error);
});

test('a client that never finishes its request head is answered 408 and cut off', async () => {
  const app = await start({}, undefined, { headersMs: 300 });
  const socket = connect(app.port, '127.0.0.1');
  socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  const started = Date.now();
  const answer = await new Promise<string>((resolve) => {
    let data = '';
    socket.on('data', (chunk: Buffer) => (data += chunk.toString()));
    socket.on('close', () => resolve(data));
  });
  expect(answer).toMatch(/^HTTP\/1\.1 408/);
  expect(Date.now() - started).toBeLessThan(3_000);
});

test('a kept-alive connection is reused across a poll interval', async () => {
  const app = await start({}, undefined, { keepAliveMs: 4_000 });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const sockets = new Set<unknown>();
  agent.on('free', (socket) => sockets.add(socket));
  expect((await app.get('/healthz', {}, 'GET', agent)).status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect((await app.get('/healthz', {}, 'GET', agent)).status).toBe(200);
  expect(sockets.size).toBe(1);
  agent.destroy();
});
