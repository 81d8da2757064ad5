// How long to leave Umami alone after a 429.

export const MIN_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 5 * 60_000;

/** `Retry-After` as delay-seconds or an HTTP date → milliseconds, clamped; null if absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  let ms: number;
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    // An HTTP date names a weekday and month; `Date.parse` alone would also read "-5" as a year.
    if (!/[a-z]{3}/i.test(trimmed)) return null;
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return null;
    ms = at - now;
  }
  return Math.min(MAX_BACKOFF_MS, Math.max(MIN_BACKOFF_MS, ms));
}

/**
 * Exponential backoff with "equal jitter" for the n-th 429 in a row (n ≥ 1): half the delay is
 * fixed, half random, so viewers of many dashboards do not retry in lockstep.
 */
export function backoffMs(attempt: number, random: () => number = Math.random, baseMs = 2_000): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
