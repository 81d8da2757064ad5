import { readFileSync, statSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { MODE_HEADER } from '../src/api/errors.ts';
import { CLIENT_DIR, DEMO_URL, FIXTURE_URL } from './servers.ts';

// What the production server (`npm start`, started by playwright.config.ts) sends, byte for
// byte: plain node:http requests, so no client decompresses, normalises or adds a header.

type Response = { status: number; headers: IncomingHttpHeaders; body: Buffer };

function get(base: string, path: string, headers: Record<string, string> = {}): Promise<Response> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    request({ host: url.hostname, port: url.port, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

/** The entry script the built index.html loads, e.g. /assets/index-BOumUrsA.js. */
function entryScript(): string {
  const html = readFileSync(join(CLIENT_DIR, 'index.html'), 'utf8');
  const src = /<script type="module"[^>]*src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  expect(src).toBeTruthy();
  return src ?? '';
}

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

test('hashed assets are cached for a year, immutable', async () => {
  const response = await get(DEMO_URL, entryScript());
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toMatch(/javascript/);
  expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
});

test('index.html, page addresses and unhashed public files are revalidated on every use', async () => {
  for (const path of ['/', '/index.html', '/?website=23119484-709c-44bf-994c-92f109bda03b&kiosk', '/embed.js', '/favicon.svg']) {
    const response = await get(DEMO_URL, path, { accept: HTML });
    expect(response.status, path).toBe(200);
    expect(response.headers['cache-control'], path).toBe('no-cache');
    expect(response.headers.etag, path).toBeTruthy();
  }
});

test('a missing asset is a real 404, not the page as HTML', async () => {
  for (const path of ['/assets/missing.js', '/assets/index-00000000.css', '/missing.js']) {
    const response = await get(DEMO_URL, path, { accept: HTML });
    expect(response.status, path).toBe(404);
    expect(response.headers['content-type'] ?? '', path).not.toContain('text/html');
  }
});

test('a page address gets the app (SPA fallback); /api never does', async () => {
  const page = await get(DEMO_URL, '/some/page', { accept: HTML });
  expect(page.status).toBe(200);
  expect(page.headers['content-type']).toMatch(/^text\/html/);
  expect(page.headers['cache-control']).toBe('no-cache');
  expect(page.body.toString()).toContain(entryScript());
  const api = await get(DEMO_URL, '/api/unknown', { accept: HTML });
  expect(api.status).toBe(404);
  expect(api.headers['content-type']).toMatch(/^application\/json/);
});

test('brotli and gzip are sent from the copies written at build time when the browser accepts them', async () => {
  const script = entryScript();
  const file = join(CLIENT_DIR, script);
  const original = readFileSync(file);
  const br = await get(DEMO_URL, script, { 'accept-encoding': 'gzip, deflate, br, zstd' });
  expect(br.headers['content-encoding']).toBe('br');
  expect(br.headers['content-type']).toMatch(/javascript/);
  expect(br.headers.vary).toMatch(/accept-encoding/i);
  expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(Number(br.headers['content-length'])).toBe(statSync(`${file}.br`).size);
  expect(brotliDecompressSync(br.body).equals(original)).toBe(true);

  const gz = await get(DEMO_URL, script, { 'accept-encoding': 'gzip' });
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(Number(gz.headers['content-length'])).toBe(statSync(`${file}.gz`).size);
  expect(gunzipSync(gz.body).equals(original)).toBe(true);

  const identity = await get(DEMO_URL, script);
  expect(identity.headers['content-encoding']).toBeUndefined();
  expect(identity.body.equals(original)).toBe(true);
});

test('the page and every static file carry the CSP, nosniff and referrer headers', async () => {
  for (const path of ['/', entryScript(), '/embed.js', '/assets/missing.js', '/some/page']) {
    const response = await get(DEMO_URL, path, { accept: HTML });
    expect(response.headers['content-security-policy'], path).toMatch(/default-src 'self'; script-src 'self';.*frame-ancestors 'self'/);
    expect(response.headers['x-content-type-options'], path).toBe('nosniff');
    expect(response.headers['referrer-policy'], path).toBe('no-referrer');
  }
});

test('a foreign Host is refused on pages, assets and the API alike', async () => {
  const port = new URL(DEMO_URL).port;
  for (const path of ['/', entryScript(), '/api/websites']) {
    expect((await get(DEMO_URL, path, { host: `evil.test:${port}` })).status, path).toBe(403);
  }
  expect((await get(DEMO_URL, entryScript(), { host: `pulse.test:${port}` })).status).toBe(200);
});

test('/api is still answered by the proxy (the fake Umami behind it)', async () => {
  const response = await get(FIXTURE_URL, '/api/websites');
  expect(response.status).toBe(200);
  expect(response.headers[MODE_HEADER]).toBe('login');
  expect(response.headers['cache-control']).toMatch(/^public, max-age=([1-9]|[1-5]\d|60), stale-while-revalidate=2$/);
  expect(JSON.parse(response.body.toString())).toHaveProperty('data');
});
