// Performance and endurance benchmark of the dashboard: `npm run bench`.
//
// Runs the production build through the production server (what `npm start` serves, with the real
// proxy) in Debian's headless Chromium, against
//   app-fixture  a fake Umami 3.1 at a busy size (busy-realtime.ts: 160+ events, 31 buckets,
//                62 countries, 200 urls, new rows on every poll), signed in like `login` mode
//   app-demo     the built-in demo source
//   reference    reference.html on the fixture origin: fetch the same JSON and print it (the floor)
//   TV stick     app-fixture again with the main thread slowed 4× (CDP CPU throttling)
// and measures weight, startup, main-thread time while polling, and memory after 2,000 polls.
// Prints the figures beside the budgets, writes the "Dashboard" section of BENCHMARKS.md and
// exits 1 when a budget is missed (2 when the benchmark itself failed).
//
//   npm run bench                      full run (about 12 minutes), writes BENCHMARKS.md
//   npm run bench -- --quick           shorter run for a quick look; writes nothing
//   npm run bench -- --build           rebuild first even if dist/ looks current
//   npm run bench -- --dist /tmp/d     use (and build into) another output directory
//   npm run bench -- --no-write        do not touch BENCHMARKS.md
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { busyProblems, busyRealtime } from './busy-realtime';
import { BUSY_SITE, startBusyUpstream } from './busy-upstream';
import { ensureBuild, startPreview, type Preview } from './preview';
import { evaluateBudgets, formatReport, writeBenchmarks, type Results } from './report';
import { median } from './stats';
import { analysePolling, type TraceEvent } from './trace';
import { measureWeight } from './weight';

const ROOT = new URL('../../', import.meta.url).pathname;
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const QUICK = flag('--quick');
const OUT_DIR = resolve(ROOT, option('--dist') ?? 'dist/client');
const WRITE = !QUICK && !flag('--no-write');
const STARTUP_RUNS = QUICK ? 2 : 5;
const POLL_INTERVAL_S = 10;
const TRACED_POLLS = QUICK ? 3 : 8;
const TRACED_POLLS_DEMO = QUICK ? 3 : 6;
/** A streaming stick or a TV's own browser: the same page with its main thread slowed this much. */
const TV_CPU_THROTTLE = 4;
const STARTUP_RUNS_TV = QUICK ? 2 : 5;
const TRACED_POLLS_TV = QUICK ? 3 : 6;
/**
 * Seconds from a page's load to its first traced poll. About 30 s after a load V8's memory
 * reducer runs two full GCs (~10 ms each) to shrink the heap the start-up left; it is a one-off
 * (none in 100 s of polling traced after it), so steady polling is traced after it has passed.
 */
const SETTLE_S = QUICK ? 10 : 45;
const ENDURANCE_POLLS = QUICK ? 200 : 2_000;
/** Polls before the start figure: the feed reaches its cap and the hot paths are compiled. */
const ENDURANCE_WARMUP = QUICK ? 50 : 200;
/** Endurance polls at the app's minimum interval, on a fake clock. */
const ENDURANCE_INTERVAL_S = 5;
const VIEWPORT = { width: 1920, height: 1080 };
const SECRETS = { username: 'bench-admin', password: 'bench-password-not-secret', token: 'bench-token' };
const REFERENCE_PATH = '/__bench/reference.html';
const REFERENCE_HTML = readFileSync(new URL('./reference.html', import.meta.url), 'utf8');

export type ScenarioName = 'app-fixture' | 'app-demo' | 'reference';

type Scenario = { name: ScenarioName; origin: string; url: (intervalS: number) => string; isApp: boolean };

/** How the page's CPU is slowed: 1 is this machine's speed. */
type Cpu = { throttle: number };
const FULL_SPEED: Cpu = { throttle: 1 };

function log(text: string) {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}`);
}

async function newPage(browser: Browser, scenario: Scenario, cpu = FULL_SPEED): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US', timezoneId: 'Europe/Berlin' });
  // The reference page lives on the app's origin, so its fetch goes through the same proxy.
  if (!scenario.isApp) {
    await context.route(`${scenario.origin}${REFERENCE_PATH}*`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: REFERENCE_HTML }),
    );
  }
  const page = await context.newPage();
  page.on('pageerror', (error) => log(`${scenario.name}: page error: ${error.message}`));
  if (cpu.throttle > 1) {
    // Set before the navigation; the session stays open with the context (closing it would lift it).
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu.throttle });
  }
  return { context, page };
}

async function waitForMark(page: Page, name: string, timeout = 20_000) {
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, name, { timeout, polling: 10 });
}

// ------------------------------------------------------------------------------- startup
export type StartupRun = { totalsMs: number; dashboardMs: number; panels: Record<string, number>; probeMs: number };

/** A fixed loop timed in the page: how fast its main thread runs (after the figures are read). */
const PROBE = `(() => { const t0 = performance.now(); let x = 0; for (let i = 0; i < 5e6; i += 1) x += Math.sqrt(i); return x > 0 ? performance.now() - t0 : 0; })()`;

async function startupRun(browser: Browser, scenario: Scenario, cpu = FULL_SPEED): Promise<StartupRun> {
  const { context, page } = await newPage(browser, scenario, cpu);
  try {
    await page.goto(scenario.url(POLL_INTERVAL_S));
    await waitForMark(page, 'dashboard-ready');
    const marks = await page.evaluate(() =>
      Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime] as const)),
    );
    if (scenario.isApp) {
      // The mark must mean what it says: no panel is still a skeleton, the chart and map have drawn.
      const state = await page.evaluate(() => ({
        skeletons: document.querySelectorAll('[data-testid=skeleton]').length,
        chartLines: document.querySelectorAll('[data-testid=series-chart] svg path').length,
        mapShapes: document.querySelectorAll('[data-testid=world-map] svg path').length,
      }));
      if (state.skeletons > 0 || state.chartLines === 0 || state.mapShapes === 0) {
        throw new Error(`${scenario.name}: dashboard-ready was set before the panels showed data (${JSON.stringify(state)})`);
      }
    }
    const panels = Object.fromEntries(
      Object.entries(marks)
        .filter(([name]) => name.startsWith('panel-ready:'))
        .map(([name, t]) => [name.slice('panel-ready:'.length), t]),
    );
    const probeMs = (await page.evaluate(PROBE)) as number;
    return { totalsMs: marks['totals-ready'] ?? Number.NaN, dashboardMs: marks['dashboard-ready'] ?? Number.NaN, panels, probeMs };
  } finally {
    await context.close();
  }
}

// ------------------------------------------------------------------------------- polling
async function untilPhase(phaseMs: number, periodMs: number) {
  const wait = (((phaseMs - (Date.now() % periodMs)) % periodMs) + periodMs) % periodMs;
  await new Promise((resolve) => setTimeout(resolve, wait));
}

async function measurePolling(browser: Browser, scenarios: readonly Scenario[], polls: number, cpu = FULL_SPEED) {
  // The app polls on wall-clock multiples of its interval, so two dashboards would poll at the
  // same instant: apps are traced one at a time. The reference polls from its own load, so it
  // is loaded half an interval off the slots and traced beside an app; each page's cost is read
  // from its own renderer's main thread.
  const periodMs = POLL_INTERVAL_S * 1000;
  const open: { scenario: Scenario; context: BrowserContext; page: Page; polls: () => number }[] = [];
  for (const scenario of scenarios) {
    const { context, page } = await newPage(browser, scenario, cpu);
    let answers = 0;
    page.on('response', (response) => {
      if (response.url().includes('/api/realtime/')) answers += 1;
    });
    if (!scenario.isApp) await untilPhase(periodMs / 2, periodMs);
    await page.goto(scenario.url(POLL_INTERVAL_S));
    await waitForMark(page, 'dashboard-ready');
    open.push({ scenario, context, page, polls: () => answers });
  }
  const loadedAt = Date.now();
  // One poll after the first answer, so the trace sees steady state (chunks loaded, caches warm),
  // and the start-up's one-off GCs past (SETTLE_S).
  while (open.some(({ polls }) => polls() < 2)) await open[0]!.page.waitForTimeout(200);
  await open[0]!.page.waitForTimeout(Math.max(0, loadedAt + SETTLE_S * 1000 - Date.now()));
  await untilPhase(periodMs - 2_000, periodMs);
  await browser.startTracing(undefined, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'],
  });
  for (const { scenario, page } of open) await page.evaluate((name) => performance.mark(name), `bench:${scenario.name}`);
  // Until polls + 1 requests of each page (the reference polls half an interval later), so
  // that `polls` whole intervals are covered.
  const firstSlot = Math.ceil(Date.now() / periodMs) * periodMs;
  const hasReference = scenarios.some((s) => !s.isApp);
  // The app's polls come up to 30 % of an interval after their slot (poll-schedule.ts).
  const tail = hasReference ? periodMs / 2 + 1_500 : periodMs * 0.3 + 1_000;
  await open[0]!.page.waitForTimeout(firstSlot + polls * periodMs + tail - Date.now());
  const buffer = await browser.stopTracing();
  // BENCH_TRACE_DIR=dir keeps the raw traces, for chrome://tracing or DevTools' Performance panel.
  if (process.env.BENCH_TRACE_DIR) {
    const name = `trace-${scenarios.map((s) => s.name).join('+')}${cpu.throttle > 1 ? `-cpu${cpu.throttle}x` : ''}.json`;
    writeFileSync(join(process.env.BENCH_TRACE_DIR, name), buffer);
  }
  const trace = JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] };
  for (const { context } of open) await context.close();
  return Object.fromEntries(scenarios.map((s) => [s.name, analysePolling(trace.traceEvents, `bench:${s.name}`)]));
}

// ------------------------------------------------------------------------------- endurance
export type Memory = { heapBytes: number; nodes: number; listeners: number };

async function measureEndurance(browser: Browser, scenario: Scenario) {
  // 2,000 polls in about a minute: a fake clock jumps to each poll, and the realtime answer
  // comes straight from the busy generator, one interval newer each time, new rows every poll.
  const { context, page } = await newPage(browser, scenario);
  try {
    // Each answer is one poll interval newer than the last, like the page's fake clock, whichever
    // thread of the page asks (Playwright does not fake a worker's clock).
    const firstAnswerAt = Date.now();
    let answers = 0;
    await context.route('**/api/realtime/**', (route) => {
      const url = new URL(route.request().url());
      const at = firstAnswerAt + answers++ * ENDURANCE_INTERVAL_S * 1000;
      const body = busyRealtime(at, url.searchParams.get('timezone'));
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
    });
    await context.clock.install({ time: Date.now() });
    await page.goto(scenario.url(ENDURANCE_INTERVAL_S));
    // What changes on screen with every poll: the newest feed row, or the printed JSON.
    const watched = scenario.isApp ? '[data-testid=event-row]' : '#out';
    await (scenario.isApp ? page.locator(watched).first() : page.locator(watched, { hasText: '"events"' })).waitFor({ timeout: 20_000 });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const memory = async (): Promise<Memory> => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
      return { heapBytes: metric('JSHeapUsedSize'), nodes: metric('Nodes'), listeners: metric('JSEventListeners') };
    };
    const poll = async () => {
      // Resolves on the DOM change the poll causes (a string, so no bundler helper leaks in).
      const changed = page.evaluate(`new Promise((resolve) => {
        const read = () => { const el = document.querySelector(${JSON.stringify(watched)}); return el ? (el.getAttribute('data-id') || el.textContent) : null; };
        const before = read();
        const observer = new MutationObserver(() => { if (read() !== before) { observer.disconnect(); resolve(); } });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      })`);
      await page.clock.fastForward(ENDURANCE_INTERVAL_S * 1000);
      // The app schedules each poll on a wall-clock slot (plus a fixed offset), so a poll can be
      // due a little later than one interval: nudge the clock until it has happened.
      for (let nudge = 0; ; nudge += 1) {
        const done = await Promise.race([changed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 2_000))]);
        if (done) return;
        if (nudge === 5) throw new Error(`${scenario.name}: a poll did not change the page`);
        await page.clock.fastForward(1_000);
      }
    };
    const firstData = await memory();
    for (let i = 0; i < ENDURANCE_WARMUP; i += 1) await poll();
    const start = await memory();
    const samples: { polls: number; memory: Memory }[] = [{ polls: 0, memory: start }];
    const started = Date.now();
    for (let i = 1; i <= ENDURANCE_POLLS; i += 1) {
      await poll();
      if (i % (ENDURANCE_POLLS / 4) === 0) samples.push({ polls: i, memory: await memory() });
    }
    return { firstData, samples, seconds: (Date.now() - started) / 1000 };
  } finally {
    await context.close();
  }
}

// ------------------------------------------------------------------------------- main
function machine(browserVersion: string) {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();
    if (execSync('git status --porcelain -- src index.html vite.config.ts package.json', { cwd: ROOT }).toString().trim()) commit += ' + local changes';
  } catch {
    // not a git checkout
  }
  return {
    date: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
    cpu: `${cpu}, ${availableParallelism()} cores`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GB`,
    os: `Linux ${release()}`,
    node: process.version,
    chromium: browserVersion,
    commit,
    load: loadavg()[0]?.toFixed(2) ?? '?',
  };
}

async function main(): Promise<number> {
  const problems = busyProblems(busyRealtime(Date.now(), 'Europe/Berlin'));
  if (problems.length > 0) throw new Error(`busy fixture is not a busy Umami 3.1 body: ${problems.join('; ')}`);

  const load = loadavg()[0] ?? 0;
  if (load > availableParallelism() * 0.5) log(`machine is busy (load ${load.toFixed(2)}): figures may be noisy`);

  log(`build: ${ensureBuild(OUT_DIR, flag('--build'))} (${OUT_DIR})`);
  const upstream = await startBusyUpstream(SECRETS);
  const servers: Preview[] = [];
  let browser: Browser | undefined;
  try {
    const fixture = await startPreview(OUT_DIR, {
      UMAMI_URL: upstream.url,
      UMAMI_USERNAME: SECRETS.username,
      UMAMI_PASSWORD: SECRETS.password,
    });
    servers.push(fixture);
    const demo = await startPreview(OUT_DIR, { DEMO_SEED: '42' });
    servers.push(demo);
    const demoSites = (await (await fetch(`${demo.url}/api/websites`)).json()) as { data: { id: string }[] };
    const demoSite = demoSites.data[0]?.id;
    if (!demoSite) throw new Error('the demo source lists no website');

    const scenarios: Scenario[] = [
      { name: 'app-fixture', origin: fixture.url, isApp: true, url: (s) => `${fixture.url}/?website=${BUSY_SITE}&interval=${s}` },
      { name: 'app-demo', origin: demo.url, isApp: true, url: (s) => `${demo.url}/?website=${demoSite}&interval=${s}` },
      { name: 'reference', origin: fixture.url, isApp: false, url: (s) => `${fixture.url}${REFERENCE_PATH}?website=${BUSY_SITE}&interval=${s}` },
    ];
    const byName = (name: ScenarioName) => scenarios.find((s) => s.name === name)!;

    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      // A wall display is a foreground page: no background throttling to flatter or hurt the figures.
      args: [...CHROMIUM_ARGS, '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'],
    });
    const info = machine(browser.version());
    log(`Chromium ${info.chromium}, ${info.cpu}, load ${info.load}`);

    log('weight: first view of app-fixture');
    const weight = await measureWeight(browser, byName('app-fixture').url(POLL_INTERVAL_S), OUT_DIR, VIEWPORT);

    log(`startup: ${STARTUP_RUNS} cold loads of each page`);
    const startup: Record<ScenarioName, StartupRun[]> = { 'app-fixture': [], 'app-demo': [], reference: [] };
    for (let run = 0; run < STARTUP_RUNS; run += 1) {
      for (const scenario of scenarios) startup[scenario.name].push(await startupRun(browser, scenario));
    }
    log(`startup medians: ${scenarios.map((s) => `${s.name} ${median(startup[s.name].map((r) => r.dashboardMs)).toFixed(0)} ms`).join(', ')}`);

    log(`polling: ${TRACED_POLLS} polls every ${POLL_INTERVAL_S} s of app-fixture and the reference, traced`);
    const pollingFixture = await measurePolling(browser, [byName('app-fixture'), byName('reference')], TRACED_POLLS);
    log(`polling: ${TRACED_POLLS_DEMO} polls every ${POLL_INTERVAL_S} s of app-demo, traced`);
    const pollingDemo = await measurePolling(browser, [byName('app-demo')], TRACED_POLLS_DEMO);
    const polling = { ...pollingFixture, ...pollingDemo };

    const tvCpu: Cpu = { throttle: TV_CPU_THROTTLE };
    log(`TV stick: ${STARTUP_RUNS_TV} cold loads and ${TRACED_POLLS_TV} traced polls of app-fixture at ${TV_CPU_THROTTLE}× CPU`);
    const tvStartup: StartupRun[] = [];
    for (let run = 0; run < STARTUP_RUNS_TV; run += 1) tvStartup.push(await startupRun(browser, byName('app-fixture'), tvCpu));
    log(`TV stick startup median: ${median(tvStartup.map((r) => r.dashboardMs)).toFixed(0)} ms`);
    const tvPolling = (await measurePolling(browser, [byName('app-fixture')], TRACED_POLLS_TV, tvCpu))['app-fixture']!;
    const tv = {
      cpuThrottle: TV_CPU_THROTTLE,
      startup: tvStartup,
      polling: tvPolling,
      probeMs: { throttled: tvStartup.map((r) => r.probeMs), unthrottled: startup['app-fixture'].map((r) => r.probeMs) },
    };

    // Memory is not disturbed by a second page working beside it: both run at once.
    log(`endurance: ${ENDURANCE_WARMUP} + ${ENDURANCE_POLLS} polls of the app and of the reference, on fake clocks`);
    const [enduranceApp, enduranceRef] = await Promise.all([
      measureEndurance(browser, byName('app-fixture')),
      measureEndurance(browser, byName('reference')),
    ]);

    const results: Results = {
      machine: { ...info, loadAfter: loadavg()[0]?.toFixed(2) ?? '?' },
      quick: QUICK,
      config: { viewport: VIEWPORT, pollIntervalS: POLL_INTERVAL_S, settleS: SETTLE_S, tracedPolls: TRACED_POLLS, tracedPollsDemo: TRACED_POLLS_DEMO, tracedPollsTv: TRACED_POLLS_TV, endurancePolls: ENDURANCE_POLLS, enduranceWarmup: ENDURANCE_WARMUP, startupRuns: STARTUP_RUNS, startupRunsTv: STARTUP_RUNS_TV },
      weight,
      referenceHtmlGzip: gzipSync(REFERENCE_HTML, { level: 6 }).length,
      startup,
      polling: polling as Results['polling'],
      tv,
      endurance: { 'app-fixture': enduranceApp, reference: enduranceRef },
    };
    const budgets = evaluateBudgets(results);
    console.log(`\n${formatReport(results, budgets)}`);
    if (WRITE) {
      writeBenchmarks(join(ROOT, 'BENCHMARKS.md'), results, budgets);
      log('wrote the Dashboard section of BENCHMARKS.md');
    }
    const noisy = budgets.filter((b) => b.verdict === 'within noise');
    if (noisy.length > 0) {
      console.log(`\n${noisy.length} budget(s) met within this machine's noise of the limit:\n${noisy.map((b) => `  - ${b.label}: ${b.actual} (budget ${b.limit}; ${b.note ?? ''})`).join('\n')}`);
    }
    const missed = budgets.filter((b) => !b.pass);
    if (missed.length > 0) {
      console.log(`\n${missed.length} budget(s) missed:\n${missed.map((b) => `  - ${b.label}: ${b.actual} (budget ${b.limit})`).join('\n')}`);
      return 1;
    }
    console.log('\nAll budgets met.');
    return 0;
  } finally {
    await browser?.close();
    for (const server of servers) await server.stop();
    await upstream.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
