// The benchmark's budgets, the printed report and the "Dashboard" section of BENCHMARKS.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Memory, ScenarioName, StartupRun } from './bench';
import { mad, max, median, percentile } from './stats';
import { LONG_TASK_MS, POLL_WINDOW_MS, type PollingFigures } from './trace';
import type { Weight } from './weight';

export type Endurance = { firstData: Memory; samples: { polls: number; memory: Memory }[]; seconds: number };

/** The busy fixture on a slow device: the same page with its main thread slowed down. */
export type TvStick = {
  cpuThrottle: number;
  startup: StartupRun[];
  polling: PollingFigures;
  /** A fixed loop timed in the page after each load, ms: proof that the throttling took hold. */
  probeMs: { throttled: number[]; unthrottled: number[] };
};

export type Results = {
  machine: { date: string; cpu: string; memory: string; os: string; node: string; chromium: string; commit: string; load: string; loadAfter: string };
  quick: boolean;
  config: { viewport: { width: number; height: number }; pollIntervalS: number; settleS: number; tracedPolls: number; tracedPollsDemo: number; tracedPollsTv: number; endurancePolls: number; enduranceWarmup: number; startupRuns: number; startupRunsTv: number };
  weight: Weight;
  referenceHtmlGzip: number;
  startup: Record<ScenarioName, StartupRun[]>;
  polling: Record<ScenarioName, PollingFigures>;
  tv: TvStick;
  endurance: { 'app-fixture': Endurance; reference: Endurance };
};

export type Verdict = 'met' | 'within noise' | 'missed';

export type Budget = { label: string; actual: string; limit: string; verdict: Verdict; pass: boolean; note?: string };

export const BUDGETS = {
  firstViewGzip: 250_000,
  entryJsGzip: 100_000,
  dashboardReadyMs: 1_000,
  avgMsPerS: 2,
  longTasks: 0,
  heapGrowthBytes: 2_000_000,
  nodeGrowthPct: 2,
  tvDashboardReadyMs: 2_000,
  tvAvgMsPerS: 10,
} as const;

/** A timed figure this close over its limit (as a share of the limit) is within the noise, at least. */
export const NOISE_FLOOR = 0.05;

/**
 * Met, met within the noise, or missed. A timed figure over its limit by less than the larger of
 * its samples' spread (median absolute deviation) and NOISE_FLOOR of the limit counts as met:
 * the machine cannot tell it from a figure at the limit. Counted figures (bytes, nodes, tasks)
 * have no spread and get no margin.
 */
export function judge(actual: number, limit: number, spread?: number): { verdict: Verdict; margin: number } {
  if (actual <= limit) return { verdict: 'met', margin: 0 };
  if (spread === undefined) return { verdict: 'missed', margin: 0 };
  const margin = Math.max(spread, limit * NOISE_FLOOR);
  return { verdict: actual - limit < margin ? 'within noise' : 'missed', margin };
}

const APPS = ['app-fixture', 'app-demo'] as const;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const MB = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
const ms = (value: number, digits = 1) => `${value.toFixed(digits)} ms`;
const msPerS = (value: number) => `${value.toFixed(2)} ms/s`;
const yesNo = (ok: boolean) => (ok ? 'yes' : 'no');
const tvLabel = (r: Results) => `app-fixture at ${r.tv.cpuThrottle}× CPU (TV stick)`;

function growth(endurance: Endurance) {
  const start = endurance.samples[0]!.memory;
  const end = endurance.samples[endurance.samples.length - 1]!.memory;
  return { start, end, heap: end.heapBytes - start.heapBytes, nodesPct: ((end.nodes - start.nodes) / start.nodes) * 100 };
}

export function evaluateBudgets(r: Results): Budget[] {
  const budgets: Budget[] = [];
  const add = (label: string, actual: number, limit: number, show: (n: number) => string, spread?: number) => {
    const { verdict, margin } = judge(actual, limit, spread);
    budgets.push({
      label,
      actual: show(actual),
      limit: `≤ ${show(limit)}`,
      verdict,
      pass: verdict !== 'missed',
      ...(verdict === 'within noise' ? { note: `${show(actual - limit)} over, noise ${show(margin)}` } : {}),
    });
  };
  const check = (label: string, pass: boolean) => budgets.push({ label, actual: yesNo(pass), limit: 'yes', verdict: pass ? 'met' : 'missed', pass });
  const startup = (runs: StartupRun[]) => runs.map((s) => s.dashboardMs);

  add('First view: JS + CSS + map data, gzip', r.weight.totalGzip, BUDGETS.firstViewGzip, kB);
  add('Entry JS the totals render from, gzip', r.weight.entryJsGzip, BUDGETS.entryJsGzip, kB);
  check('Chart and map code in lazy chunks, none in the entry', r.weight.checks.chartAndMapAreLazy);
  check('Map data a hashed static asset, not inlined in JS', r.weight.checks.mapDataIsStaticAsset && r.weight.checks.mapDataIsHashed);
  for (const app of APPS) {
    const loads = startup(r.startup[app]);
    add(`${app}: all panels with data (dashboard-ready), median`, median(loads), BUDGETS.dashboardReadyMs, (n) => ms(n, 0), mad(loads));
  }
  for (const app of APPS) {
    const p = r.polling[app];
    add(`${app}: main-thread time per second, polling every ${r.config.pollIntervalS} s`, p.avgMsPerS, BUDGETS.avgMsPerS, msPerS, mad(p.perIntervalMsPerS));
    add(`${app}: long tasks over ${LONG_TASK_MS} ms while polling`, p.longTasksMs.length, BUDGETS.longTasks, (n) => String(n));
  }
  const tvLoads = startup(r.tv.startup);
  add(`${tvLabel(r)}: all panels with data, median`, median(tvLoads), BUDGETS.tvDashboardReadyMs, (n) => ms(n, 0), mad(tvLoads));
  add(`${tvLabel(r)}: main-thread time per second, polling every ${r.config.pollIntervalS} s`, r.tv.polling.avgMsPerS, BUDGETS.tvAvgMsPerS, msPerS, mad(r.tv.polling.perIntervalMsPerS));
  const g = growth(r.endurance['app-fixture']);
  add(`JS heap growth after ${r.config.endurancePolls} polls`, g.heap, BUDGETS.heapGrowthBytes, MB);
  add(`DOM node growth after ${r.config.endurancePolls} polls`, g.nodesPct, BUDGETS.nodeGrowthPct, (n) => `${n.toFixed(2)} %`);
  return budgets;
}

export function verdictText(b: Budget): string {
  if (b.verdict === 'met') return 'met';
  if (b.verdict === 'within noise') return `met, within noise (${b.note ?? ''})`;
  return '**MISSED**';
}

function table(header: string[], rows: string[][], align: ('l' | 'r')[]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(align.map((a) => (a === 'r' ? '--:' : '---'))), ...rows.map(line)].join('\n');
}

const ratio = (value: number, floor: number) => (floor > 0 && Number.isFinite(value / floor) ? `${(value / floor).toFixed(1)}×` : '–');

/** The reference page's start-up on the machine the budgets were set on (the 2026-11-27 run). */
const REFERENCE_AT_CALIBRATION_MS = 107;

export function formatReport(r: Results, budgets: Budget[]): string {
  const w = r.weight;
  const ref = r.polling.reference;
  const refStartup = median(r.startup.reference.map((s) => s.dashboardMs));
  const panelIds = [...new Set(r.startup['app-fixture'].flatMap((s) => Object.keys(s.panels)))];
  const tv = tvLabel(r);

  const budgetTable = table(
    ['budget', 'measured', 'limit', ''],
    budgets.map((b) => [b.label, b.actual, b.limit, verdictText(b)]),
    ['l', 'r', 'r', 'l'],
  );

  const weightTable = table(
    ['file', 'kind', 'raw', 'gzip', 'on the wire', 'content-encoding', 'requested at', 'done at', 'cache-control'],
    [
      ...w.assets
        .filter((a) => a.kind !== 'other')
        .map((a) => [
          `\`${a.path}\``,
          a.kind,
          kB(a.raw),
          kB(a.gzip),
          kB(a.transferred),
          a.contentEncoding ?? '–',
          ms(a.startMs, 0),
          ms(a.endMs, 0),
          a.cacheControl ?? '–',
        ]),
      ['**JS + CSS + map data**', '', kB(w.totalRaw), `**${kB(w.totalGzip)}**`, '', '', '', '', ''],
      ['reference page (HTML only)', '', '', kB(r.referenceHtmlGzip), '', '', '', '', ''],
    ],
    ['l', 'l', 'r', 'r', 'r', 'l', 'r', 'r', 'l'],
  );

  // The reference runs at full speed only, so the TV stick's rows have no ratio to it.
  type VsReference = 'reference' | 'compared' | 'none';
  const vs = (value: number, floor: number, kind: VsReference) => (kind === 'reference' ? '1.0×' : kind === 'compared' ? ratio(value, floor) : '–');
  const range = (values: number[]) => `${ms(median(values), 0)} (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;
  const startupRow = (label: string, runs: StartupRun[], kind: VsReference) => [
    label,
    range(runs.map((s) => s.totalsMs)),
    range(runs.map((s) => s.dashboardMs)),
    vs(median(runs.map((s) => s.dashboardMs)), refStartup, kind),
    ...panelIds.map((id) => (kind === 'reference' ? '–' : median(runs.map((s) => s.panels[id] ?? Number.NaN)).toFixed(0))),
  ];
  const startupTable = table(
    ['page', 'totals-ready', 'dashboard-ready', 'vs reference', ...panelIds.map((id) => `${id} (ms)`)],
    [
      startupRow('app-fixture', r.startup['app-fixture'], 'compared'),
      startupRow('app-demo', r.startup['app-demo'], 'compared'),
      startupRow('reference', r.startup.reference, 'reference'),
      startupRow(tv, r.tv.startup, 'none'),
    ],
    ['l', 'r', 'r', 'r', ...panelIds.map(() => 'r' as const)],
  );

  // A worker column only while some page polls from a worker.
  const pollingRows: [string, PollingFigures, VsReference][] = [
    ['app-fixture', r.polling['app-fixture'], 'compared'],
    ['app-demo', r.polling['app-demo'], 'compared'],
    ['reference', ref, 'reference'],
    [tv, r.tv.polling, 'none'],
  ];
  const hasWorker = pollingRows.some(([, p]) => p.perPollWorkerMs.some((n) => n > 0));
  const pollRow = ([label, p, kind]: [string, PollingFigures, VsReference]) => [
    label,
    String(p.perPollMs.length),
    `${msPerS(p.avgMsPerS)} (${Math.min(...p.perIntervalMsPerS).toFixed(2)}–${Math.max(...p.perIntervalMsPerS).toFixed(2)})`,
    `${p.idleMsPerS.toFixed(2)} ms/s`,
    ms(median(p.perPollMs)),
    ms(percentile(p.perPollMs, 95)),
    ms(median(p.perPollRenderMs)),
    ...(hasWorker ? [p.perPollWorkerMs.some((n) => n > 0) ? ms(median(p.perPollWorkerMs)) : '–'] : []),
    p.longTasksMs.length === 0 ? '0' : `${p.longTasksMs.length} (max ${ms(max(p.longTasksMs), 0)})`,
    vs(median(p.perPollMs), median(ref.perPollMs), kind),
  ];
  const pollTable = table(
    [
      'page',
      'polls',
      `average, every ${r.config.pollIntervalS} s (interval min–max)`,
      'idle between polls',
      'per poll, median',
      'p95',
      'style+layout+paint, median',
      ...(hasWorker ? ['worker (not main thread), median'] : []),
      `tasks > ${LONG_TASK_MS} ms`,
      'per poll vs reference',
    ],
    pollingRows.map(pollRow),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', ...(hasWorker ? ['r' as const] : []), 'r', 'r'],
  );

  const enduranceRow = (name: 'app-fixture' | 'reference') => {
    const e = r.endurance[name];
    const g = growth(e);
    return [
      name,
      String(e.samples[e.samples.length - 1]!.polls),
      `${MB(e.firstData.heapBytes)}, ${e.firstData.nodes} nodes`,
      `${MB(g.start.heapBytes)} → ${MB(g.end.heapBytes)} (${g.heap >= 0 ? '+' : ''}${MB(g.heap)})`,
      e.samples.map((s) => MB(s.memory.heapBytes)).join(' · '),
      `${g.start.nodes} → ${g.end.nodes} (${g.nodesPct >= 0 ? '+' : ''}${g.nodesPct.toFixed(2)} %)`,
      `${g.start.listeners} → ${g.end.listeners}`,
      `${e.seconds.toFixed(0)} s`,
    ];
  };
  const enduranceTable = table(
    ['page', 'polls', 'at first data', 'JS heap after GC, start → end', `heap every ${r.config.endurancePolls / 4} polls`, 'DOM nodes', 'event listeners', 'took'],
    [enduranceRow('app-fixture'), enduranceRow('reference')],
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  );

  const probe = { slow: median(r.tv.probeMs.throttled), fast: median(r.tv.probeMs.unthrottled) };
  const m = r.machine;
  return [
    `Run: ${m.date}, commit ${m.commit}${r.quick ? ', **--quick (not comparable)**' : ''}. Machine: ${m.cpu}, ${m.memory} RAM, ${m.os}; load average ${m.load} before, ${m.loadAfter} after. Chromium ${m.chromium} (Debian, headless), Node ${m.node}. Viewport ${r.config.viewport.width}×${r.config.viewport.height}, locale en-US, Europe/Berlin.`,
    '',
    `Machine speed: the reference page was ready in ${ms(refStartup, 0)} here; the budgets were set on a machine where it took about ${ms(REFERENCE_AT_CALIBRATION_MS, 0)} (${ratio(refStartup, REFERENCE_AT_CALIBRATION_MS)} here). Where it is much slower, judge the app by the "vs reference" column and against the previous build on the same machine ([docs/decisions/0017](docs/decisions/0017-budgets-set-on-a-faster-machine.md)).`,
    '',
    '### Budgets',
    '',
    budgetTable,
    '',
    '### Weight of the first view (app-fixture, cold cache)',
    '',
    weightTable,
    '',
    `Map data share of the first view: ${((w.mapDataGzip / w.totalGzip) * 100).toFixed(0)} % (${kB(w.mapDataGzip)} gzip). totals-ready in this load: ${ms(w.totalsReadyMs, 0)}. Times are ms after navigation start.`,
    '',
    `### Startup (${r.config.startupRuns} cold loads each, ${r.config.startupRunsTv} at ${r.tv.cpuThrottle}× CPU; median, min–max; per panel: median of panel-ready)`,
    '',
    startupTable,
    '',
    `At ${r.tv.cpuThrottle}× CPU a fixed loop timed in the page after each load took ${ms(probe.slow, 0)} against ${ms(probe.fast, 0)} unthrottled (${ratio(probe.slow, probe.fast)}): the throttling held through the navigation.`,
    '',
    `### Polling (every ${r.config.pollIntervalS} s, traced from ${r.config.settleS} s after load: ${r.config.tracedPolls} polls of app-fixture with the reference beside it, ${r.config.tracedPollsDemo} of app-demo, ${r.config.tracedPollsTv} of app-fixture at ${r.tv.cpuThrottle}× CPU; main-thread CPU time)`,
    '',
    pollTable,
    '',
    `### Endurance (${r.config.endurancePolls} polls with changing busy data, counted from the start after ${r.config.enduranceWarmup} warm-up polls; after forced GC)`,
    '',
    enduranceTable,
  ].join('\n');
}

export const METHOD = `How it is measured (\`e2e/bench/\`):

- **Build and servers.** \`npm run bench\` builds the app if \`dist/\` is missing or older than its sources, then starts the production build twice with the real proxy, as \`npm start\` serves it (\`e2e/bench/preview.ts\`): once in \`login\` mode against a fake Umami 3.1 at a busy size (\`busy-realtime.ts\`: each answer ~160 events, 31 minute buckets, 62 countries, 200 urls; 6–7 new feed rows per 10 s poll, and changed counts in every panel; every identity of the recorded 3.1 answers holds except that real Umami never sends more than 100 urls), once with the built-in demo source. The **reference** page (\`reference.html\`) is served on the fixture origin: it polls the same proxy URL and prints the JSON, nothing else — the floor for any dashboard.
- **Weight**: every JS, CSS and map-data file the first view fetched until \`dashboard-ready\`, cold cache; raw and gzip (zlib level 6, the usual server setting; Vite's build log differs by about 1 %) from the built file. "On the wire" is what the server sent, headers included, with the encoding it chose (\`content-encoding\`). kB = 1000 bytes.
- **Startup**: the app sets User Timing marks: \`totals-ready\` when the totals show numbers, \`panel-ready:<id>\` when a panel has rendered its first data, \`dashboard-ready\` when every visible panel has. The bench checks that at \`dashboard-ready\` no skeleton is left and the chart and map have drawn. Fresh browser context per load (cold HTTP cache).
- **Polling**: the page polls every 10 s under Chromium tracing (app-fixture with the reference beside it, loaded half an interval off the app's wall-clock poll slots so their polls never overlap; then app-demo alone; then the TV stick alone), from 45 s after the pages load (10 s with \`--quick\`): about 30 s after a load V8's memory reducer runs two full GCs, a one-off that belongs to start-up. All figures are main-thread thread CPU time (\`tdur\`), so other processes on the machine do not inflate them. **Average** is all main-thread time from the first to the last traced poll, per second: the budgeted figure, since it is what a 10 s poll costs the device. **Per poll** (information, no budget) is the main-thread work from the task that sends \`/api/realtime\` until ${POLL_WINDOW_MS / 1000} s later (fetch, parse, validation, React, style, layout, paint, the GC that falls there); if a page polls from a worker, that thread's time is shown apart. **Idle** is the main-thread time between those windows, per second. **Long tasks** are main-thread tasks over ${LONG_TASK_MS} ms of wall time.
- **TV stick**: the same app-fixture page with its renderer's main thread slowed 4× (CDP \`Emulation.setCPUThrottlingRate\`, set before navigation), for a streaming stick or a TV's own browser: cold loads to \`dashboard-ready\` (≤ ${(BUDGETS.tvDashboardReadyMs / 1000).toFixed(1)} s) and main-thread time while polling every 10 s (≤ ${BUDGETS.tvAvgMsPerS} ms/s). A fixed loop timed in the page after each load shows that the slowdown took hold. Long tasks are counted there but not budgeted: the 50 ms limit guards input, and a wall display has no input waiting on it; what a TV's viewer would notice is a slow start and a device kept busy, which the two budgets cover. Chromium throttles by making the main thread spin, so thread time grows with the rate; it slows the page's main thread only (not the network, the GPU or workers), so it is a stand-in for a slow device, not a model of one.
- **Noise**: a timed figure over its limit by less than the larger of its samples' spread (the median absolute deviation of the cold loads, or of the traced intervals' ms/s) and ${NOISE_FLOOR * 100} % of the limit is marked "met, within noise" and counts as met: this machine cannot tell it from a figure at the limit. Counted figures (bytes, nodes, long tasks, heap after GC) get no margin.
- **Endurance**: a fake clock (Playwright \`clock\`) jumps to each poll at the app's minimum interval (5 s); the realtime answers come from the same busy generator, each one interval newer than the last (new events every poll), answered by the browser context instead of the proxy so 2,000 polls take about a minute. JS heap (\`JSHeapUsedSize\`) and DOM nodes (\`Nodes\`) from CDP \`Performance.getMetrics\` after \`HeapProfiler.collectGarbage\`, at the first data, at the start (after the warm-up polls: the feed has reached its 200-event cap and the hot paths are compiled) and every quarter; growth is counted from the start. The reference runs at the same time in its own renderer. What still grows after the warm-up is mostly V8's compiled code and DevTools' buffer of the intercepted answers, and flattens after a few hundred polls, as the quarter figures show.

Why the budgets are what they are, and the decisions behind the figures: [docs/decisions/](docs/decisions/README.md).`;

const HEADING = '## Dashboard (browser)';

export function writeBenchmarks(path: string, r: Results, budgets: Budget[]): void {
  const missed = budgets.filter((b) => b.verdict === 'missed').length;
  const noisy = budgets.filter((b) => b.verdict === 'within noise').length;
  const summary = missed === 0 ? 'All budgets met' : `**${missed} budget(s) missed**`;
  const section = [
    HEADING,
    '',
    `\`npm run bench\`. ${summary}${noisy > 0 ? ` (${noisy} within this machine's noise of the limit)` : ''}.`,
    '',
    formatReport(r, budgets),
    '',
    METHOD,
    '',
  ].join('\n');
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf(`${HEADING}\n`);
  let next: string;
  if (start === -1) next = `${current.trimEnd()}\n\n${section}`;
  else {
    // Up to the next section (another benchmark's), which stays as it is.
    const after = current.slice(start + HEADING.length).search(/^## /m);
    next = current.slice(0, start) + section + (after === -1 ? '' : `\n${current.slice(start + HEADING.length + after)}`);
  }
  writeFileSync(path, `${next.trimEnd()}\n`);
}
