import { get, type IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterEach, expect, test } from 'vitest';
import { acceptsGzip, gzipped, worthCompressing } from './compression.ts';
import { BODIES, BUSY, startFakeUmami } from './testing/fake-umami.ts';
import { startProxy } from './testing/start-proxy.ts';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

test.each<[string | undefined, boolean]>([
  ['gzip, deflate, br, zstd', true],
  ['deflate, gzip', true],
  ['br;q=1.0, gzip;q=0.8, *;q=0.1', true],
  ['GZIP', true],
  ['gzip;q=0', false],
  ['gzip;q=0.0', false],
  ['identity', false],
  ['x-gzip-ish', false],
  ['*', false],
  [undefined, false],
])('accept-encoding %j → gzip %s', (header, accepted) => {
  expect(acceptsGzip({ headers: { 'accept-encoding': header } } as IncomingMessage)).toBe(accepted);
});

test('a shared body is compressed once; small bodies and error strings are not compressed', () => {
  const body = Buffer.from(BODIES.busy);
  expect(gzipped(body)).toBe(gzipped(body));
  expect(gunzipSync(gzipped(body)).toString()).toBe(BODIES.busy);
  expect(gzipped(body).byteLength).toBeLessThan(body.byteLength / 4);
  expect(worthCompressing(Buffer.from('{}'))).toBe(false);
  expect(worthCompressing('x'.repeat(5000))).toBe(false);
});

test('the proxy answers gzip to clients that accept it, the same JSON to those that do not', async () => {
  const umami = await startFakeUmami({ apiKey: 'k' });
  const proxy = await startProxy({ UMAMI_URL: umami.url, UMAMI_API_KEY: 'k' });
  open.push(umami, proxy);
  const target = `/api/realtime/${BUSY}?timezone=Europe/Berlin`;
  const plain = await proxy.request(target);
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.headers.vary).toBe('accept-encoding');
  expect(plain.body).toBe(BODIES.busy);

  // Raw bytes: the test helper reads text, which would mangle gzip.
  const zipped = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
    get(`${proxy.url}${target}`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
  expect(zipped.headers['content-encoding']).toBe('gzip');
  expect(Number(zipped.headers['content-length'])).toBe(zipped.body.byteLength);
  expect(gunzipSync(zipped.body).toString()).toBe(BODIES.busy);

  const error = await proxy.request('/api/realtime/nope', { headers: { 'accept-encoding': 'gzip' } });
  expect(error.headers['content-encoding']).toBeUndefined();
});
