import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppServer, listen } from '../src/server/app-server.ts';
import { loadConfig } from '../src/server/config.ts';
import { DEMO_SITES } from '../src/server/demo/catalog.ts';
import { canonicalTimezone } from '../src/server/routes.ts';
import { CLIENT_DIR, NGINX_PORT, NO_UPSTREAM } from './servers.ts';

// The README's nginx configuration, run as written (only addresses and paths swapped for the
// test's), in front of a Pulseboard that counts the requests reaching it.

const NGINX = '/usr/sbin/nginx';
const CONF = new URL('./nginx/pulseboard.conf', import.meta.url);
const README = new URL('../README.md', import.meta.url);
const NGINX_URL = `http://127.0.0.1:${NGINX_PORT}`;
const TTL_MS = 5_000;
const REALTIME = `/api/realtime/${DEMO_SITES[0]?.id ?? ''}?timezone=Europe%2FBerlin`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the production server on a free port, counting the requests per path and query that reach it;
 * with TRUST_PROXY=1, as the README says to run it behind this nginx.
 */
async function startCountingApp(env: Record<string, string>) {
  const app = createAppServer({ config: loadConfig({ ...NO_UPSTREAM, DEMO_SEED: '42', TRUST_PROXY: '1', ...env }), staticDir: CLIENT_DIR, allowedHosts: [], deps: { log: () => {} } });
  const seen = new Map<string, number>();
  app.server.on('request', (req: { url?: string }) => seen.set(req.url ?? '', (seen.get(req.url ?? '') ?? 0) + 1));
  const { port } = await listen(app.server, 0, '127.0.0.1');
  return { port, seen, close: async () => void (await app.shutdown(1_000)) };
}

/** The config file with only the listen address, upstream address and cache directory replaced. */
function testConfig(dir: string, appPort: number): string {
  let text = readFileSync(CONF, 'utf8');
  for (const [from, to] of [
    ['/var/cache/nginx/pulseboard', join(dir, 'cache')],
    ['server 127.0.0.1:3000;', `server 127.0.0.1:${appPort};`],
    ['listen 80;', `listen 127.0.0.1:${NGINX_PORT};`],
  ] as const) {
    expect(text.split(from), `the config has ${from} exactly once`).toHaveLength(2);
    text = text.replace(from, to);
  }
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `  ${name}_temp_path ${join(dir, name)};`).join('\n');
  return [
    // As root the workers would otherwise run as nobody, who cannot write the private temp dir.
    process.getuid?.() === 0 ? 'user root;' : '',
    'daemon off;',
    'worker_processes 1;',
    `pid ${join(dir, 'nginx.pid')};`,
    `error_log ${join(dir, 'error.log')} warn;`,
    'events { worker_connections 1024; }',
    'http {',
    `  access_log ${join(dir, 'access.log')};`,
    temp,
    text,
    '}',
  ].join('\n');
}

async function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket.end() && true)).on('error', () => resolve(false));
  });
}

async function startNginx(appPort: number): Promise<{ stop: () => Promise<void>; errors: () => string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pulseboard-nginx-'));
  mkdirSync(join(dir, 'cache'));
  writeFileSync(join(dir, 'nginx.conf'), testConfig(dir, appPort));
  const child: ChildProcess = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: 'ignore' });
  const errors = () => (existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : '');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(5_000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100 && !(await portOpen(NGINX_PORT)); i++) {
    if (child.exitCode !== null) break;
    await sleep(50);
  }
  if (!(await portOpen(NGINX_PORT))) {
    const log = errors();
    await stop();
    throw new Error(`nginx did not start: ${log}`);
  }
  return { stop, errors };
}

/** `total` GETs of one URL by `concurrency` viewers, spread evenly over `spanMs`. */
async function viewers(url: string, { total, concurrency, spanMs, headers }: { total: number; concurrency: number; spanMs: number; headers: Record<string, string> }) {
  const statuses: number[] = [];
  const cacheStatus = new Map<string, number>();
  const perViewer = total / concurrency;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, viewer) => {
      for (let i = 0; i < perViewer; i++) {
        const due = started + ((i * concurrency + viewer) / total) * spanMs;
        await sleep(Math.max(0, due - Date.now()));
        const response = await fetch(url, { headers });
        await response.arrayBuffer();
        statuses.push(response.status);
        const status = response.headers.get('x-cache-status') ?? 'none';
        cacheStatus.set(status, (cacheStatus.get(status) ?? 0) + 1);
      }
    }),
  );
  return { statuses, cacheStatus: Object.fromEntries(cacheStatus), elapsedMs: Date.now() - started };
}

/** A GET through nginx from the loopback address `from` (Linux answers on all of 127/8), its status. */
function getFrom(from: string, path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: NGINX_PORT, path, localAddress: from, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Realtime URLs of one demo site, each a cache key of its own: one per canonical time zone. */
function newKeys(): string[] {
  const zones = new Map<string, string>();
  for (const zone of Intl.supportedValuesOf('timeZone')) {
    const canonical = canonicalTimezone(zone);
    if (canonical !== null) zones.set(canonical, zone);
  }
  return [...zones.values()].map((zone) => `/api/realtime/${DEMO_SITES[0]?.id ?? ''}?timezone=${encodeURIComponent(zone)}`);
}

test('the README shows the nginx configuration this suite runs, verbatim', () => {
  const readme = readFileSync(README, 'utf8');
  const block = /<!-- e2e\/nginx\/pulseboard\.conf -->\n```nginx\n([\s\S]*?)```/.exec(readme);
  expect(block?.[1]).toBe(readFileSync(CONF, 'utf8'));
});

test.describe('a public embed behind nginx', () => {
  // On CI (.ci/run installs it) a missing nginx fails the test instead.
  test.skip(!existsSync(NGINX) && !process.env.CI, `${NGINX} is missing: install Debian's nginx package (.ci/run does)`);
  // One nginx on one port: the tests take turns.
  test.describe.configure({ mode: 'serial' });

  test('1,000 viewers over two TTLs cost Pulseboard at most one request per TTL (+1 at a boundary)', async () => {
    test.setTimeout(60_000);
    const app = await startCountingApp({ CACHE_TTL_MS: String(TTL_MS) });
    const nginx = await startNginx(app.port);
    try {
      const run = await viewers(`${NGINX_URL}${REALTIME}`, { total: 1_000, concurrency: 50, spanMs: 2 * TTL_MS, headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
      const atPulseboard = app.seen.get(REALTIME) ?? 0;
      const windows = Math.ceil(run.elapsedMs / TTL_MS);
      const measured = JSON.stringify({ atNginx: run.statuses.length, atPulseboard, windows, elapsedMs: run.elapsedMs, cacheStatus: run.cacheStatus });
      test.info().annotations.push({ type: 'measured', description: measured });
      console.log(`public embed behind nginx: ${measured}`);
      expect(run.statuses.filter((status) => status !== 200), nginx.errors()).toEqual([]);
      expect(run.statuses).toHaveLength(1_000);
      expect(atPulseboard).toBeGreaterThanOrEqual(1);
      expect(atPulseboard).toBeLessThanOrEqual(windows + 1);
      expect(nginx.errors()).not.toMatch(/\[(emerg|alert|crit)\]/);
    } finally {
      await nginx.stop();
      await app.close();
    }
  });

  test('each viewer behind nginx has its own per-client limit, which an X-Forwarded-For it sends cannot change', async () => {
    const burst = 10;
    const app = await startCountingApp({ CACHE_TTL_MS: String(TTL_MS), CLIENT_MISS_BURST: String(burst) });
    const nginx = await startNginx(app.port);
    try {
      const keys = newKeys();
      const flooder: number[] = [];
      for (let i = 0; i < burst + 5; i++) flooder.push(await getFrom('127.0.0.5', keys.shift() ?? '', { 'x-forwarded-for': `198.51.100.${i}` }));
      expect(flooder.slice(0, burst)).toEqual(Array(burst).fill(200));
      expect(flooder.slice(burst)).toEqual(Array(5).fill(429));
      // Another viewer opening a new key is not charged for the flooder's.
      expect(await getFrom('127.0.0.6', keys.shift() ?? '')).toBe(200);
      expect(await getFrom('127.0.0.5', keys.shift() ?? '', { 'x-forwarded-for': '127.0.0.6' })).toBe(429);
    } finally {
      await nginx.stop();
      await app.close();
    }
  });

  test('with DASHBOARD_TOKEN nothing is kept: every request reaches Pulseboard, each answer private', async () => {
    const token = 'public-embed-spec-token';
    const app = await startCountingApp({ CACHE_TTL_MS: String(TTL_MS), DASHBOARD_TOKEN: token });
    const nginx = await startNginx(app.port);
    try {
      const signIn = await fetch(`${NGINX_URL}${REALTIME}&token=${token}`);
      expect(signIn.status).toBe(200);
      const cookie = signIn.headers.get('set-cookie')?.split(';')[0] ?? '';
      expect(cookie).not.toBe('');
      for (let i = 0; i < 20; i++) {
        const response = await fetch(`${NGINX_URL}${REALTIME}`, { headers: { cookie } });
        expect(response.status).toBe(200);
        expect(response.headers.get('cache-control')).toBe('private, no-store');
      }
      const anonymous = await fetch(`${NGINX_URL}${REALTIME}`);
      expect(anonymous.status).toBe(401);
      expect(app.seen.get(REALTIME)).toBe(21);
    } finally {
      await nginx.stop();
      await app.close();
    }
  });
});
