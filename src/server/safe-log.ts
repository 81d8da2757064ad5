import type { Log } from './upstream.ts';

/**
 * Log lines are written without secrets in the first place; this is the safety net: any
 * configured secret that still slips into a line is replaced before the line leaves.
 */
export function createSafeLog(sink: Log, secrets: readonly string[]): Log {
  const sorted = [...secrets].sort((a, b) => b.length - a.length);
  return (line) => {
    let safe = line;
    for (const secret of sorted) safe = safe.split(secret).join('[redacted]');
    sink(safe);
  };
}

/** Distinct lines remembered per window; the proxy's lines come from a few fixed templates. */
const MAX_LINES = 1000;

/**
 * A line repeated within `windowMs` is written once, then counted: when the window ends one
 * line says how many more there were, so a flood of refused requests costs a few lines a minute.
 */
export function createLogSummary(sink: Log, { now = Date.now, windowMs = 60_000 }: { now?: () => number; windowMs?: number } = {}): Log {
  let windowStart = now();
  let seen = new Map<string, number>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  function flush() {
    if (timer) clearTimeout(timer);
    timer = null;
    for (const [line, more] of seen) {
      if (more > 0) sink(`${line} (${more.toLocaleString('en-US')} more in the last minute)`);
    }
    seen = new Map();
    windowStart = now();
  }

  return (line) => {
    if (now() - windowStart >= windowMs) flush();
    const more = seen.get(line);
    if (more === undefined) {
      if (seen.size >= MAX_LINES) flush();
      seen.set(line, 0);
      sink(line);
      return;
    }
    seen.set(line, more + 1);
    // A flood that stops still gets its count written, without waiting for another line.
    timer ??= setTimeout(flush, windowMs);
    timer.unref?.();
  };
}
