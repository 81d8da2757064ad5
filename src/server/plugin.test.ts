import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from 'vitest';
import type { Connect } from 'vite';
import { MODE_HEADER } from '../api/errors.ts';
import { ConfigError } from './config.ts';
import { pulseboardServer } from './plugin.ts';

// The plugin registers one middleware on the dev server; it is exercised here on a plain Node
// server with a stand-in for Vite's static files behind it.

type Hook = (server: unknown) => void;

function register(env: Record<string, string>) {
  const middlewares: Connect.NextHandleFunction[] = [];
  const lines: string[] = [];
  const server = { middlewares: { use: (fn: Connect.NextHandleFunction) => middlewares.push(fn) }, config: { logger: { info: (line: string) => lines.push(line) } } };
  (pulseboardServer(env).configureServer as Hook)(server);
  return { middlewares, lines };
}

async function get(middleware: Connect.NextHandleFunction, path: string) {
  const server = createServer((req: IncomingMessage, res: ServerResponse) =>
    middleware(req, res, () => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html>');
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const response = await new Promise<{ status: number; headers: IncomingMessage['headers']; body: string }>((resolve) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    }).end();
  });
  server.close();
  return response;
}

test('creating the plugin never reads the config (vite build and Vitest load it too)', () => {
  expect(() => pulseboardServer({ UMAMI_URL: 'not a url' })).not.toThrow();
});

test('dev: one middleware, the page passed to Vite with the CSP relaxed for HMR, the API answered, the mode logged', async () => {
  const { middlewares, lines } = register({ DEMO_SEED: '1' });
  expect(middlewares).toHaveLength(1);
  const middleware = middlewares[0]!;
  const page = await get(middleware, '/');
  expect(page.body).toBe('<!doctype html>');
  expect(page.headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
  const websites = await get(middleware, '/api/websites');
  expect(websites.status).toBe(200);
  expect(websites.headers[MODE_HEADER]).toBe('demo');
  expect(lines).toEqual(['[pulseboard] upstream mode: demo, demo data (no network)']);
});

test('a bad setting stops the server at start-up with a message naming the variable only', () => {
  expect(() => register({ UMAMI_URL: 'https://me:hunter2@u.example', UMAMI_API_KEY: 'k' })).toThrow(ConfigError);
  expect(() => register({ UMAMI_URL: 'https://me:hunter2@u.example', UMAMI_API_KEY: 'k' })).not.toThrow(/hunter2/);
});

test('the start-up line names the mode and the host, never a secret', () => {
  const { lines } = register({ UMAMI_URL: 'https://stats.example.com/umami/', UMAMI_USERNAME: 'admin', UMAMI_PASSWORD: 'pw-1', DASHBOARD_TOKEN: 'dash-1' });
  expect(lines).toEqual(['[pulseboard] upstream mode: login, https://stats.example.com/umami, dashboard token required']);
});
