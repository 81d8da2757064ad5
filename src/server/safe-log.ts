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
