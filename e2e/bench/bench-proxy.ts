// Load benchmark of the proxy: `npm run bench:proxy`.
//
// The real handler runs in a child process (its own event loop and core) on 127.0.0.1, in
// `apikey` mode against a fake Umami in this process that answers after 30–80 ms and counts
// every call. Viewers poll like the browser does. Time is compressed 10×: a 10 s poll becomes
// 1 s, the 5 s cache TTL 500 ms, a 15 s budget window 1.5 s; upstream latency is NOT scaled
// (so, relative to the TTL, it is 10× worse than in real life).
//
//   (a) 500 viewers polling one site
//   (b) 50 viewers on each of 10 sites, with Umami Cloud's budget (40 per window)
//   (c) flood: 25 viewers on each of 2 sites while one hostile client asks for random sites, zones and
//       params as fast as FLOOD_LOOPS requests at a time allow; the fake Umami answers every site
//       with a ~300 kB body, so misses cost real upstream calls and fill the byte budget
//
// `npm run bench:proxy -- --only flood --quick` runs (c) alone, shorter, and writes nothing.
//
// Targets: at most 1 upstream call per site per TTL window (coalescing), the budget never
// exceeded, zero viewer errors, p99 < 20 ms for answers served from the cache.
// Prints a table, writes the "Proxy" section of BENCHMARKS.md, exits 1 if a target is missed.
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { CACHE_HEADER, createApiHandler } from '../../src/server/handler.ts';
import { loadConfig } from '../../src/server/config.ts';
import { msUntilNextPoll, POLL_SPREAD } from '../../src/api/poll-schedule.ts';

const SCALE = 10;
const POLL_MS = 10_000 / SCALE;
const TTL_MS = 5_000 / SCALE;
const BUDGET_WINDOW_S = 15 / SCALE;
const QUICK = process.argv.includes('--quick');
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const RUN_MS = Number(process.env.BENCH_RUN_MS) || (QUICK ? 10_000 : 30_000); // 30 polls = 5 minutes of real time
const HIT_P99_TARGET_MS = 20;

// The flood (c): loopback only, a fixed number of loops, stopped by the scenario's own clock.
const FLOOD_LOOPS = 8;
/** The hostile client's one address (still loopback): the viewers are 127.0.0.1, as another machine would be. */
const FLOOD_ADDRESS = '127.0.0.2';
/** The flood starts once every viewer has loaded: a wall already running when the attack comes. */
const FLOOD_START_MS = POLL_MS * 1.5;
const FLOOD_BODY_BYTES = 300_000;
const FLOOD_IDLE_MS = 10_000;
/** The proxy's default CACHE_MAX_BYTES, which the flood runs with. */
const CACHE_MAX_BYTES = 64 * 1024 * 1024;
const FLOOD_LOG_TARGET_BYTES = 10_000;
const ZONES = Intl.supportedValuesOf('timeZone');
const UNITS = ['minute', 'hour', 'day', 'month', 'year'];

const FIXTURE = new URL('../../src/test/fixtures/umami-3.1/realtime-busy.json', import.meta.url);
const BENCHMARKS = new URL('../../BENCHMARKS.md', import.meta.url);

/** Memory of the proxy process, and how long its handler took for cached answers (no network, no client). */
type ServerStats = {
  rss: number;
  heapUsed: number;
  peakRss: number;
  handlerP99Hits: number;
  loopDelayP99: number;
  /** Upstream calls in any budget window, timed when the proxy sends them (the fake Umami times arrivals, in a busy process). */
  maxSentPerBudgetWindow: number;
};
type FromChild = { port: number } | { stats: ServerStats };

// ---------------------------------------------------------------- fake Umami
type FakeUmami = { url: string; calls: Map<string, number[]>; close(): Promise<void> };

/** The recorded body, or with its events repeated (fresh session ids) until it is at least `minBytes`. */
function umamiBody(minBytes: number): Buffer {
  const recorded = readFileSync(FIXTURE);
  if (recorded.byteLength >= minBytes) return recorded;
  const parsed = JSON.parse(recorded.toString('utf8')) as { events: Record<string, unknown>[] };
  const copies = Math.ceil(minBytes / recorded.byteLength);
  const events = Array.from({ length: copies }, () => parsed.events.map((event) => ({ ...event, sessionId: randomUUID() }))).flat();
  return Buffer.from(JSON.stringify({ ...parsed, events }));
}

async function startFakeUmami(minBytes = 0): Promise<FakeUmami> {
  const body = umamiBody(minBytes);
  const calls = new Map<string, number[]>();
  const server: Server = createServer((req, res) => {
    const match = /^\/api\/realtime\/([^/?]+)/.exec(req.url ?? '');
    if (!match || req.headers['x-umami-api-key'] !== 'bench-key') {
      res.writeHead(404);
      res.end();
      return;
    }
    const site = match[1] ?? '';
    calls.set(site, [...(calls.get(site) ?? []), performance.now()]);
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    }, 30 + Math.random() * 50);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------- the proxy in a child process
/** `logBytes` counts what the proxy writes to stdout and stderr (only with BENCH_LOG=1 does it log at all). */
async function startProxy(env: Record<string, string>): Promise<{ port: number; child: ChildProcess; logBytes: () => number }> {
  const capture = env.BENCH_LOG === '1';
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { env: { ...process.env, ...env }, stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit', 'ipc'] });
  let logBytes = 0;
  const count = (chunk: Buffer) => (logBytes += chunk.byteLength);
  child.stdout?.on('data', count);
  child.stderr?.on('data', count);
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.on('message', (message: FromChild) => {
      if ('port' in message) resolve(message.port);
    });
  });
  return { port, child, logBytes: () => logBytes };
}

function childStats(child: ChildProcess): Promise<ServerStats> {
  return new Promise((resolve) => {
    const listener = (message: FromChild) => {
      if ('stats' in message) {
        child.off('message', listener);
        resolve(message.stats);
      }
    };
    child.on('message', listener);
    child.send('stats');
  });
}

// ---------------------------------------------------------------- viewers
type Sample = { ms: number; status: number; cache: string };

function poll(agent: Agent, port: number, site: string): Promise<Sample> {
  const now = Date.now();
  const path = `/api/realtime/${site}?startAt=${now - 1_800_000}&endAt=${now}&timezone=Europe%2FBerlin`;
  const started = performance.now();
  return new Promise((resolve) => {
    // Like a browser: gzip accepted (the body is drained, not inflated: a browser does that off the clock).
    const req = request({ host: '127.0.0.1', port, path, agent, headers: { 'accept-encoding': 'gzip, deflate, br' } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ms: performance.now() - started, status: res.statusCode ?? 0, cache: String(res.headers[CACHE_HEADER] ?? '') }));
    });
    req.on('error', () => resolve({ ms: performance.now() - started, status: 0, cache: 'network-error' }));
    req.end();
  });
}

/** Screens' clocks disagree a little (NTP keeps them well within a second): ±0.5 s in real time. */
const CLOCK_SKEW_MS = 500 / SCALE;

/**
 * One viewer, as the app polls (src/api/queries.ts `msUntilNextPoll`): a first load at a random
 * moment, then on multiples of the interval by its own clock, which is off by up to CLOCK_SKEW_MS.
 */
async function viewer(agent: Agent, port: number, site: string, until: number, samples: Sample[]) {
  const skew = (Math.random() * 2 - 1) * CLOCK_SKEW_MS;
  const offset = Math.random() * POLL_SPREAD * POLL_MS;
  let next = performance.now() + Math.random() * POLL_MS;
  while (next < until) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
    samples.push(await poll(agent, port, site));
    next = performance.now() + msUntilNextPoll(POLL_MS, performance.now() + skew, offset);
  }
}

// ---------------------------------------------------------------- the hostile client
type FloodCounts = { sent: number; refused: number; ok: number; other: number };

const pick = <T,>(values: readonly T[], fallback: T): T => values[Math.floor(Math.random() * values.length)] ?? fallback;

/** A site nobody polls, a valid zone and params the app never sends: a new cache key every time. */
function hostilePath(): string {
  const now = Date.now();
  const startAt = now - Math.floor(Math.random() * 30 * 86_400_000);
  return `/api/realtime/${randomUUID()}?startAt=${startAt}&endAt=${now}&unit=${pick(UNITS, 'hour')}&timezone=${encodeURIComponent(pick(ZONES, 'UTC'))}`;
}

/** One of the hostile client's loops: the next request as soon as the last one is answered, until `until`. */
async function hostile(agent: Agent, port: number, until: number, counts: FloodCounts) {
  while (performance.now() < until) {
    const status = await new Promise<number>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: hostilePath(), agent, localAddress: FLOOD_ADDRESS, headers: { 'accept-encoding': 'gzip' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', () => resolve(0));
      req.end();
    });
    counts.sent++;
    if (status === 429) counts.refused++;
    else if (status === 200) counts.ok++;
    else counts.other++;
  }
}

/** Bytes the proxy's cache holds, as /healthz reports them. */
function healthzCacheBytes(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const bytes = typeof body === 'object' && body !== null && 'cache' in body && typeof body.cache === 'object' && body.cache !== null && 'bytes' in body.cache ? body.cache.bytes : undefined;
        if (typeof bytes === 'number') resolve(bytes);
        else reject(new Error('/healthz has no cache.bytes'));
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const sleep = (duration: number) => new Promise((resolve) => setTimeout(resolve, duration));

// ---------------------------------------------------------------- a scenario
type Result = {
  name: string;
  viewers: number;
  sites: number;
  requests: number;
  upstreamCalls: number;
  maxPerTtlWindow: number;
  perPollInterval: number;
  maxPerBudgetWindow: number;
  budgetLimit: number;
  p50: number;
  p99: number;
  p99Hits: number;
  hitShare: number;
  errors: number;
  server: ServerStats;
  /** Event-loop delay p99 of the viewers' process: how much of the viewer latency is the client's own. */
  clientLoopDelayP99: number;
  flood: FloodResult | null;
};

type FloodResult = FloodCounts & {
  /** Upstream calls for sites no viewer polls. */
  floodCalls: number;
  baselineRss: number;
  peakRss: number;
  rssAfterIdle: number;
  cacheBytesAtEnd: number;
  cacheBytesAfterIdle: number;
  /** What the proxy wrote to stdout and stderr, from its start to the end of the idle time. */
  logBytes: number;
};

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** Most calls that fall in any window of `windowMs` (sliding, from sorted start times). */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

async function scenario(name: string, sites: string[], viewersPerSite: number, budgetLimit: number, flood = false): Promise<Result> {
  const umami = await startFakeUmami(flood ? FLOOD_BODY_BYTES : 0);
  const { port, child, logBytes } = await startProxy({
    ...(flood ? { BENCH_LOG: '1', CACHE_MAX_BYTES: String(CACHE_MAX_BYTES) } : {}),
    UMAMI_URL: umami.url,
    UMAMI_API_KEY: 'bench-key',
    CACHE_TTL_MS: String(TTL_MS),
    UPSTREAM_BUDGET: `${budgetLimit}/${BUDGET_WINDOW_S}`,
    UMAMI_SHARE_URL: '',
    UMAMI_USERNAME: '',
    UMAMI_PASSWORD: '',
    UMAMI_WEBSITE_IDS: '',
    DASHBOARD_TOKEN: '',
  });
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const clientLoop = monitorEventLoopDelay({ resolution: 5 });
  clientLoop.enable();
  const baseline = await childStats(child);
  const samples: Sample[] = [];
  const counts: FloodCounts = { sent: 0, refused: 0, ok: 0, other: 0 };
  const floodAgent = new Agent({ keepAlive: true, maxSockets: FLOOD_LOOPS });
  const started = performance.now();
  const until = started + RUN_MS;
  const attack = async () => {
    await sleep(FLOOD_START_MS);
    await Promise.all(Array.from({ length: FLOOD_LOOPS }, () => hostile(floodAgent, port, until, counts)));
  };
  await Promise.all([...sites.flatMap((site) => Array.from({ length: viewersPerSite }, () => viewer(agent, port, site, until, samples))), flood ? attack() : null]);
  const elapsed = performance.now() - started;
  clientLoop.disable();
  floodAgent.destroy();
  const server = await childStats(child);
  let floodResult: FloodResult | null = null;
  if (flood) {
    const cacheBytesAtEnd = await healthzCacheBytes(port);
    await sleep(FLOOD_IDLE_MS);
    const idle = await childStats(child);
    const viewerSites = new Set(sites);
    floodResult = {
      ...counts,
      floodCalls: [...umami.calls].filter(([site]) => !viewerSites.has(site)).reduce((sum, [, times]) => sum + times.length, 0),
      baselineRss: baseline.rss,
      peakRss: idle.peakRss,
      rssAfterIdle: idle.rss,
      cacheBytesAtEnd,
      cacheBytesAfterIdle: await healthzCacheBytes(port),
      logBytes: logBytes(),
    };
  }
  child.send('exit');
  agent.destroy();
  await umami.close();

  const perSite = sites.map((site) => umami.calls.get(site) ?? []);
  const all = perSite.flat();
  const everyCall = [...umami.calls.values()].flat();
  const ok = samples.filter((s) => s.status === 200);
  const hits = ok.filter((s) => s.cache === 'hit');
  return {
    name,
    viewers: sites.length * viewersPerSite,
    sites: sites.length,
    requests: samples.length,
    upstreamCalls: everyCall.length,
    maxPerTtlWindow: Math.max(...perSite.map((times) => maxInWindow(times, TTL_MS))),
    // After the first interval: the first loads come at random moments, like tabs being opened.
    perPollInterval: all.filter((t) => t >= started + POLL_MS).length / sites.length / ((elapsed - POLL_MS) / POLL_MS),
    maxPerBudgetWindow: maxInWindow(everyCall, BUDGET_WINDOW_S * 1000),
    budgetLimit,
    p50: percentile(samples.map((s) => s.ms), 50),
    p99: percentile(samples.map((s) => s.ms), 99),
    p99Hits: percentile(hits.map((s) => s.ms), 99),
    hitShare: hits.length / Math.max(1, samples.length),
    errors: samples.length - ok.length,
    server,
    clientLoopDelayP99: clientLoop.percentile(99) / 1e6,
    flood: floodResult,
  };
}

// ---------------------------------------------------------------- report
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

function failures(result: Result): string[] {
  const missed: string[] = [];
  if (result.perPollInterval > 1.05) missed.push(`${result.name}: ${result.perPollInterval.toFixed(2)} upstream calls per site per poll interval (target 1)`);
  if (result.maxPerTtlWindow > 1) missed.push(`${result.name}: ${result.maxPerTtlWindow} upstream calls for one site within one TTL window`);
  if (result.maxPerBudgetWindow > result.budgetLimit) missed.push(`${result.name}: budget exceeded (${result.maxPerBudgetWindow} > ${result.budgetLimit})`);
  if (result.errors > 0) missed.push(`${result.name}: ${result.errors} viewer errors`);
  // Under the flood the hostile loops share the viewers' process and cores: their p99 is reported, not judged.
  if (!result.flood && result.p99Hits >= HIT_P99_TARGET_MS) missed.push(`${result.name}: p99 of cached answers ${ms(result.p99Hits)} ≥ ${HIT_P99_TARGET_MS} ms`);
  const flood = result.flood;
  if (flood) {
    if (flood.cacheBytesAtEnd > CACHE_MAX_BYTES) missed.push(`${result.name}: cache holds ${mb(flood.cacheBytesAtEnd)} > ${mb(CACHE_MAX_BYTES)}`);
    if (flood.rssAfterIdle > flood.baselineRss + CACHE_MAX_BYTES) missed.push(`${result.name}: RSS after the idle time ${mb(flood.rssAfterIdle)} > baseline ${mb(flood.baselineRss)} + cache ${mb(CACHE_MAX_BYTES)}`);
    if (flood.peakRss > flood.baselineRss + 2 * CACHE_MAX_BYTES) missed.push(`${result.name}: peak RSS ${mb(flood.peakRss)} > baseline ${mb(flood.baselineRss)} + 2 × cache`);
    if (flood.logBytes >= FLOOD_LOG_TARGET_BYTES) missed.push(`${result.name}: the proxy logged ${flood.logBytes} bytes ≥ ${FLOOD_LOG_TARGET_BYTES}`);
  }
  return missed;
}

function floodLines(result: Result): string[] {
  const flood = result.flood;
  if (!flood) return [];
  const ratePerS = flood.sent / ((RUN_MS - FLOOD_START_MS) / 1000);
  return [
    `**${result.name}**: viewers ${result.errors} non-200 of ${result.requests} (p99 ${ms(result.p99)}, p99 cached ${ms(result.p99Hits)}, ${(result.hitShare * 100).toFixed(0)} % cached); ` +
      `hostile requests ${flood.sent} (${ratePerS.toFixed(0)}/s from ${FLOOD_LOOPS} loops), ${flood.refused} refused with 429, ${flood.ok} answered 200, ${flood.other} other; ` +
      `upstream calls ${result.upstreamCalls} (${flood.floodCalls} for flood sites), max ${result.maxPerBudgetWindow} / ${result.budgetLimit} per budget window as the fake Umami saw them arrive, ${result.server.maxSentPerBudgetWindow} as the proxy sent them; ` +
      `proxy RSS ${mb(flood.baselineRss)} before, peak ${mb(flood.peakRss)}, ${mb(flood.rssAfterIdle)} after ${FLOOD_IDLE_MS / 1000} s idle (target ≤ before + ${mb(CACHE_MAX_BYTES)}); ` +
      `cache ${mb(flood.cacheBytesAtEnd)} at the end, ${mb(flood.cacheBytesAfterIdle)} after the idle time (CACHE_MAX_BYTES ${mb(CACHE_MAX_BYTES)}); ` +
      `proxy log ${flood.logBytes} bytes (target < ${FLOOD_LOG_TARGET_BYTES / 1000} kB).`,
  ];
}

function table(results: Result[]): string {
  const rows = results.map((r) =>
    [
      r.name,
      r.viewers,
      r.sites,
      r.requests,
      r.upstreamCalls,
      r.maxPerTtlWindow,
      r.perPollInterval.toFixed(2),
      `${r.maxPerBudgetWindow} / ${r.budgetLimit}`,
      ms(r.p50),
      ms(r.p99),
      ms(r.p99Hits),
      ms(r.server.handlerP99Hits),
      `${ms(r.server.loopDelayP99)} / ${ms(r.clientLoopDelayP99)}`,
      `${(r.hitShare * 100).toFixed(0)} %`,
      r.errors,
      `${mb(r.server.rss)} (peak ${mb(r.server.peakRss)})`,
      mb(r.server.heapUsed),
    ].join(' | '),
  );
  return [
    '| scenario | viewers | sites | requests | upstream calls | max calls / site / TTL window | calls / site / poll interval | max calls / budget window | p50 | p99 | p99 cached | p99 cached, in the handler | event-loop delay p99, proxy / viewers | cached | errors | server RSS | heap |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}

function writeSection(results: Result[], missed: string[]) {
  const section = [
    '## Proxy',
    '',
    `Last run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, \`npm run bench:proxy\`, ${availableParallelism()} CPUs (nproc), Node ${process.version}, load average ${loadBefore} before the run and ${loadavg()[0]?.toFixed(1)} after (other work on the machine shows in the latencies).`,
    '',
    table(results),
    '',
    `Time is compressed ${SCALE}×: viewers poll every ${POLL_MS} ms (10 s in real life), the cache TTL is ${TTL_MS} ms (5 s), the budget window ${BUDGET_WINDOW_S} s (15 s); each scenario runs ${RUN_MS / 1000} s, i.e. ${(RUN_MS * SCALE) / 60_000} real minutes. The fake Umami answers the recorded 34 kB realtime body after 30–80 ms (not scaled). The proxy runs in its own process; viewers use keep-alive connections, accept gzip like a browser, open at random moments and then poll as the app does: on the interval's wall-clock slots plus a per-screen offset within 30 % of the interval, with clocks up to ±0.5 s apart (src/api/poll-schedule.ts).`,
    '',
    '- **max calls / site / TTL window**: coalescing; target 1. **calls / site / poll interval** (after the first interval, when tabs open at random moments): target 1, whatever the number of viewers; the polls all fall inside one cached answer\'s lifetime.',
    `- **max calls / budget window**: the global upstream budget (scenario b uses Umami Cloud's default, 40 per window); target: never above the limit.`,
    `- **p99 cached**: latency seen by viewers for answers served from the cache (\`${CACHE_HEADER}: hit\`); target < ${HIT_P99_TARGET_MS} ms. p99 overall includes the viewers that waited for the upstream call. **in the handler**: the same answers timed inside the proxy process, from request to \`res.end\`, i.e. without the client's event loop and the network. **event-loop delay**: how late timers fire in the proxy's and the viewers' processes; when the viewers' is high, the machine (or the viewers' own process) is the bottleneck, not the proxy.`,
    '- **errors**: any non-200 answer or network error; target 0.',
    `- **(c) flood**: 25 viewers on each of 2 sites, polling as in (a) and (b); after ${FLOOD_START_MS} ms one hostile client (${FLOOD_LOOPS} concurrent keep-alive loops, all from ${FLOOD_ADDRESS}, loopback) asks for random website ids, random valid time zones and random \`unit\`/\`startAt\` as fast as answers come, until the end of the scenario. The fake Umami answers every site with a ${(FLOOD_BODY_BYTES / 1000).toFixed(0)} kB body, so every admitted miss is a real upstream call and fills the byte budget. Targets: 0 viewer errors (stale 200s count as answers), the budget never exceeded, cache ≤ CACHE_MAX_BYTES, RSS after ${FLOOD_IDLE_MS / 1000} s idle ≤ RSS before + CACHE_MAX_BYTES (peak ≤ before + 2 × it), proxy log (stdout + stderr, aggregated per minute) < ${FLOOD_LOG_TARGET_BYTES / 1000} kB. The viewers' p99 is reported, not judged: the hostile loops run in the viewers' process.`,
    '',
    ...results.flatMap(floodLines).flatMap((line) => [line, '']),
    'Run it on an otherwise idle machine. On this 2-CPU box, with the load average at 5–8 from other jobs (Chromium, Vitest), the viewers’ p99 for cached answers rose to 50–500 ms while the in-handler p99 stayed under 6 ms and the call counts did not change (observed 2026-11-26).',
    '',
    missed.length === 0 ? 'All targets met.' : `Targets missed:\n${missed.map((m) => `- ${m}`).join('\n')}`,
    '',
  ].join('\n');

  const current = existsSync(BENCHMARKS) ? readFileSync(BENCHMARKS, 'utf8') : '# Benchmarks\n';
  const start = current.search(/^## Proxy\s*$/m);
  let next: string;
  if (start === -1) next = `${current.trimEnd()}\n\n${section}`;
  else {
    const after = current.slice(start + 1).search(/^## /m);
    next = current.slice(0, start) + section + (after === -1 ? '' : `\n${current.slice(start + 1 + after)}`);
  }
  writeFileSync(BENCHMARKS, `${next.trimEnd()}\n`);
}

const loadBefore = loadavg()[0]?.toFixed(1);

const SCENARIOS = {
  a: () => scenario('(a) 500 viewers, 1 site', ['23119484-709c-44bf-994c-92f109bda03b'], 500, 600),
  b: () => scenario('(b) 50 viewers × 10 sites', Array.from({ length: 10 }, () => randomUUID()), 50, 40),
  flood: () => scenario('(c) flood: 25 viewers × 2 sites + 1 hostile client', [randomUUID(), randomUUID()], 25, 40, true),
};

async function main() {
  const names = ONLY === undefined ? (['a', 'b', 'flood'] as const) : ONLY in SCENARIOS ? [ONLY as keyof typeof SCENARIOS] : null;
  if (!names) throw new Error(`--only takes one of ${Object.keys(SCENARIOS).join(', ')}`);
  console.log(`bench:proxy: ${names.length} scenario(s) × ${RUN_MS / 1000} s (poll ${POLL_MS} ms, TTL ${TTL_MS} ms)…`);
  const results: Result[] = [];
  for (const name of names) results.push(await SCENARIOS[name]());
  const missed = results.flatMap(failures);
  console.log(table(results));
  for (const line of results.flatMap(floodLines)) console.log(`\n${line}`);
  // A partial or shortened run is a check, not a result: BENCHMARKS.md keeps the last full one.
  if (ONLY === undefined && !QUICK) {
    writeSection(results, missed);
    console.log(`\nWrote the Proxy section of ${fileURLToPath(BENCHMARKS)}.`);
  } else console.log('\nPartial or --quick run: BENCHMARKS.md left as it is.');
  if (missed.length > 0) {
    console.error(`\nTargets missed:\n${missed.map((m) => `  - ${m}`).join('\n')}`);
    process.exit(1);
  }
  console.log('All targets met.');
}

// ---------------------------------------------------------------- child: the proxy under test
function serve() {
  // The flood counts what the proxy really writes; the other scenarios keep the console quiet.
  const sentAt: number[] = [];
  const timedFetch: typeof fetch = (input, init) => {
    sentAt.push(performance.now());
    return fetch(input, init);
  };
  const handler = createApiHandler(loadConfig(process.env), process.env.BENCH_LOG === '1' ? { fetch: timedFetch } : { fetch: timedFetch, log: () => undefined });
  let peakRss = 0;
  const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const hitTimes: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const server = createServer((req, res) => {
    const started = performance.now();
    void handler(req, res).then(() => {
      if (res.getHeader(CACHE_HEADER) === 'hit') hitTimes.push(performance.now() - started);
    });
  });
  server.keepAliveTimeout = 30_000;
  server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port } satisfies FromChild));
  process.on('message', (message) => {
    if (message === 'stats') {
      const { rss, heapUsed } = process.memoryUsage();
      const handlerP99Hits = percentile(hitTimes, 99);
      const loopDelayP99 = loop.percentile(99) / 1e6;
      const maxSentPerBudgetWindow = maxInWindow(sentAt, BUDGET_WINDOW_S * 1000);
      process.send?.({ stats: { rss, heapUsed, peakRss: Math.max(peakRss, rss), handlerP99Hits, loopDelayP99, maxSentPerBudgetWindow } } satisfies FromChild);
    }
    if (message === 'exit') {
      clearInterval(sample);
      server.closeAllConnections();
      server.close(() => process.exit(0));
    }
  });
}

// Run as `--serve`, this file is the child process; otherwise it drives the benchmark.
if (process.argv.includes('--serve')) serve();
else await main();
