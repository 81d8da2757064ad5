// Reads a Chromium trace (browser.startTracing) for one page: its main thread's tasks, split
// into per-poll work and the quiet time between polls.
//
// - The page is found by a User Timing mark it sets once tracing runs (`bench:<name>`): the
//   mark's pid/tid are its renderer's main thread.
// - A poll starts with the ResourceSendRequest of its /api/realtime request, on the page or in a
//   worker of the page (or with the main-thread task that sent or posted it). Its cost is the
//   thread time (`tdur`, CPU on that thread, so other processes on a busy machine do not inflate
//   it) of every main-thread task from there until POLL_WINDOW_MS later: fetching and parsing,
//   React, style, layout, paint and the GC that falls there. A worker's tasks in the same window
//   are summed apart (`perPollWorkerMs`), since they do not hold up the page.
// - Under CDP CPU throttling Chromium slows the main thread by spinning in a signal handler, so
//   thread time grows with the rate, as it would on a slower CPU.
// - Idle is the thread time of tasks in the rest of each interval (the age ticker when it fires,
//   timers, GC), per second.
// - Long tasks are main-thread tasks over 50 ms of wall time.

export const POLL_WINDOW_MS = 3_000;
export const LONG_TASK_MS = 50;

export type TraceEvent = {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { data?: { url?: string } };
};

export type PollingFigures = {
  /** Main-thread time per poll, ms (thread time). */
  perPollMs: number[];
  /** Time on the threads of the page's workers that sent polls, per poll, ms; not main thread. */
  perPollWorkerMs: number[];
  /** Of that, style + layout + paint (wall time of those steps, ms). */
  perPollRenderMs: number[];
  /** Main-thread time per second between polls. */
  idleMsPerS: number;
  /** Main-thread time per second over whole poll intervals (first poll to last poll). */
  avgMsPerS: number;
  /** The same for each interval on its own: the spread of `avgMsPerS`. */
  perIntervalMsPerS: number[];
  /** Wall durations of tasks over 50 ms, ms. */
  longTasksMs: number[];
  /** Seconds covered from the first to the last poll. */
  spanS: number;
};

const RENDER_STEPS = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'UpdateLayer']);

const isTask = (e: TraceEvent) => e.ph === 'X' && e.name === 'RunTask' && e.cat.includes('devtools.timeline');
const threadMs = (e: TraceEvent) => (e.tdur ?? e.dur ?? 0) / 1000;

/** Total length of the union of [ts, ts + dur) intervals, in ms: nested steps count once. */
function unionMs(events: readonly TraceEvent[]): number {
  const spans = events.map((e) => [e.ts, e.ts + (e.dur ?? 0)] as const).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [start, end] = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (const [s, e] of spans) {
    if (s > end) {
      if (end > start) total += end - start;
      [start, end] = [s, e];
    } else end = Math.max(end, e);
  }
  if (end > start && Number.isFinite(start)) total += end - start;
  return total / 1000;
}

export function analysePolling(events: readonly TraceEvent[], markName: string): PollingFigures {
  const mark = events.find((e) => e.name === markName);
  if (!mark) throw new Error(`trace has no mark ${markName}: the page was not traced`);
  const onThread = events.filter((e) => e.pid === mark.pid && e.tid === mark.tid);
  const tasks = onThread.filter(isTask).sort((a, b) => a.ts - b.ts);
  const renderSteps = onThread.filter((e) => e.ph === 'X' && RENDER_STEPS.has(e.name));
  // A page may send its polls from a worker: a send anywhere in the page's renderer process counts.
  const sendEvents = events.filter(
    (e) => e.pid === mark.pid && e.name === 'ResourceSendRequest' && (e.args?.data?.url ?? '').includes('/api/realtime/'),
  );
  const workerTids = new Set(sendEvents.filter((e) => e.tid !== mark.tid).map((e) => e.tid));
  const workerTasks = events.filter((e) => e.pid === mark.pid && workerTids.has(e.tid) && isTask(e));
  const sends = sendEvents
    .map((e) => {
      // The main-thread task that started the poll belongs to it: the one that sent the request,
      // or, for a worker's request, the one that posted it (the last to start before it).
      const sender =
        e.tid === mark.tid
          ? tasks.find((t) => t.ts <= e.ts && e.ts <= t.ts + (t.dur ?? 0))
          : tasks.filter((t) => t.ts <= e.ts && e.ts - t.ts < 100_000).at(-1);
      return sender ? sender.ts : e.ts;
    })
    .sort((a, b) => a - b);
  if (sends.length < 3) throw new Error(`only ${sends.length} polls in the trace for ${markName}`);

  const windowUs = POLL_WINDOW_MS * 1000;
  const perPollMs: number[] = [];
  const perPollWorkerMs: number[] = [];
  const perPollRenderMs: number[] = [];
  const perIntervalMsPerS: number[] = [];
  let idleMs = 0;
  let idleUs = 0;
  // Every poll but the last has a full interval after it.
  for (let i = 0; i < sends.length - 1; i += 1) {
    const start = sends[i] as number;
    const next = sends[i + 1] as number;
    const end = Math.min(start + windowUs, next);
    const inPoll = tasks.filter((t) => t.ts >= start && t.ts < end);
    perPollMs.push(inPoll.reduce((total, t) => total + threadMs(t), 0));
    perPollWorkerMs.push(workerTasks.filter((t) => t.ts >= start && t.ts < end).reduce((total, t) => total + threadMs(t), 0));
    perPollRenderMs.push(unionMs(renderSteps.filter((s) => s.ts >= start && s.ts < end)));
    idleMs += tasks.filter((t) => t.ts >= end && t.ts < next).reduce((total, t) => total + threadMs(t), 0);
    idleUs += next - end;
    const intervalMs = tasks.filter((t) => t.ts >= start && t.ts < next).reduce((total, t) => total + threadMs(t), 0);
    perIntervalMsPerS.push(intervalMs / ((next - start) / 1e6));
  }
  const first = sends[0] as number;
  const last = sends[sends.length - 1] as number;
  const spanMs = tasks.filter((t) => t.ts >= first && t.ts < last).reduce((total, t) => total + threadMs(t), 0);
  return {
    perPollMs,
    perPollWorkerMs,
    perPollRenderMs,
    idleMsPerS: idleUs > 0 ? idleMs / (idleUs / 1e6) : Number.NaN,
    avgMsPerS: spanMs / ((last - first) / 1e6),
    perIntervalMsPerS,
    longTasksMs: tasks.filter((t) => t.ts >= first && (t.dur ?? 0) > LONG_TASK_MS * 1000).map((t) => (t.dur ?? 0) / 1000),
    spanS: (last - first) / 1e6,
  };
}
