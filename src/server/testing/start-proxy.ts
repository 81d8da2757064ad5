import { startFakeUmami } from './fake-umami.ts';
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig, type Env } from '../config.ts';
import { createApiHandler, type HandlerDeps } from '../handler.ts';

// The real handler on 127.0.0.1:0, with a stand-in for Vite's static files behind it.

export const STATIC_HTML = '<!doctype html><title>Pulseboard</title>';

export type ProxyResponse = { status: number; headers: IncomingHttpHeaders; body: string };

export type TestProxy = {
  url: string;
  logs: string[];
  /** Sends `target` exactly as given (no URL normalising), so tests can send `..`, `%2f`, `\`. */
  /** `from`: the client's address (any 127.x.y.z on Linux), for per-client limits. */
  request(target: string, init?: { method?: string; headers?: Record<string, string>; from?: string }): Promise<ProxyResponse>;
  close(): Promise<void>;
};

export async function startProxy(env: Env, deps: HandlerDeps = {}): Promise<TestProxy> {
  const logs: string[] = [];
  const handler = createApiHandler(loadConfig(env), { log: (line) => logs.push(line), ...deps });
  const server = createServer((req, res) => {
    void handler(req, res, () => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(STATIC_HTML);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    logs,
    request: (target, { method = 'GET', headers = {}, from } = {}) =>
      new Promise((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: target, method, headers, localAddress: from }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        });
        req.on('error', reject);
        req.end();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The `{ error: { code } }` of a proxy answer, or null. */
export function errorCode(response: ProxyResponse): string | null {
  try {
    const body = JSON.parse(response.body) as { error?: { code?: unknown } };
    return typeof body.error?.code === 'string' ? body.error.code : null;
  } catch {
    return null;
  }
}

/**
 * A fake Umami (API key) and the proxy in front of it on a clock the test moves by hand
 * (`clock.now`); `opened` collects both, for the test file's afterEach to close.
 */
export async function startClockedProxy(opened: Array<{ close(): Promise<void> }>, env: Env = {}) {
  const clock = { now: Date.parse('2026-11-26T12:00:00Z') };
  const umami = await startFakeUmami({ apiKey: 'k' });
  const proxy = await startProxy({ UMAMI_URL: umami.url, UMAMI_API_KEY: 'k', CACHE_TTL_MS: '5000', ...env }, { now: () => clock.now, random: () => 0 });
  opened.push(umami, proxy);
  return { clock, umami, proxy };
}
