import { backoffMs } from './backoff.ts';
import { ProxyError, type ProxyErrorCode } from './proxy-error.ts';

// One answer shared by every viewer of the same key (website + timezone + unit):
// - while an upstream call is in flight, other callers await it (coalescing);
// - a good answer is reused for `ttlMs`, an error too (so a failing Umami is not hammered);
// - after a 429 the key rests (Retry-After, else exponential backoff with jitter) and callers
//   get the last good answer, marked stale; without one, the 429 itself;
// - memory is bounded: least recently used keys go first, idle keys expire.

/** How old a last good answer may be and still be served as stale: Umami's realtime window. */
export const STALE_MAX_MS = 30 * 60_000;

export type CacheResult =
  | { kind: 'fresh'; body: Buffer; source: 'hit' | 'miss' | 'coalesced'; fetchedAt: number }
  | { kind: 'stale'; body: Buffer; ageSeconds: number }
  | { kind: 'error'; error: ProxyError };

export type CacheStats = {
  entries: number;
  hits: number;
  misses: number;
  coalesced: number;
  stale: number;
  lastSuccessAt: number | null;
  lastError: { at: number; code: ProxyErrorCode } | null;
};

type Good = { body: Buffer; fetchedAt: number };
type Outcome = { ok: true } | { ok: false; error: ProxyError };

type Entry = {
  value: Good | null;
  error: { error: ProxyError; at: number } | null;
  inflight: Promise<Outcome> | null;
  backoffUntil: number;
  rateLimitedInARow: number;
  usedAt: number;
};

export type SharedCache = {
  get(key: string, load: () => Promise<Buffer>, ttlMs?: number): Promise<CacheResult>;
  stats(): CacheStats;
};

export type CacheOptions = {
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
  random?: () => number;
};

export function createSharedCache({ ttlMs, maxEntries, now = Date.now, random = Math.random }: CacheOptions): SharedCache {
  const entries = new Map<string, Entry>();
  const counters = { hits: 0, misses: 0, coalesced: 0, stale: 0 };
  let lastSuccessAt: number | null = null;
  let lastError: CacheStats['lastError'] = null;

  /** Map order is recency order: re-inserting on use makes the first key the least recent. */
  function touch(key: string, t: number): Entry {
    let entry = entries.get(key);
    if (entry) entries.delete(key);
    else entry = { value: null, error: null, inflight: null, backoffUntil: 0, rateLimitedInARow: 0, usedAt: t };
    entry.usedAt = t;
    entries.set(key, entry);
    evict(t, entry);
    return entry;
  }

  function evict(t: number, keep: Entry) {
    for (const [key, entry] of entries) {
      if (entry === keep || (entries.size <= maxEntries && t - entry.usedAt <= STALE_MAX_MS)) break;
      // An entry with a call in flight has callers waiting on it: it goes once they are served.
      if (!entry.inflight) entries.delete(key);
    }
  }

  function answer(entry: Entry, outcome: Outcome, source: 'miss' | 'coalesced'): CacheResult {
    if (outcome.ok && entry.value) return { kind: 'fresh', body: entry.value.body, source, fetchedAt: entry.value.fetchedAt };
    const error = outcome.ok ? new ProxyError('upstream-error') : outcome.error;
    return fallback(entry, error);
  }

  /** Rate limits are not the viewer's problem while a recent good answer exists. */
  function fallback(entry: Entry, error: ProxyError): CacheResult {
    const age = entry.value ? now() - entry.value.fetchedAt : Infinity;
    if (error.code === 'rate-limited' && entry.value && age <= STALE_MAX_MS) {
      counters.stale++;
      return { kind: 'stale', body: entry.value.body, ageSeconds: Math.max(0, Math.floor(age / 1000)) };
    }
    return { kind: 'error', error };
  }

  async function run(entry: Entry, load: () => Promise<Buffer>): Promise<Outcome> {
    try {
      return await settle(entry, load);
    } finally {
      entry.inflight = null;
    }
  }

  async function settle(entry: Entry, load: () => Promise<Buffer>): Promise<Outcome> {
    try {
      const body = await load();
      const t = now();
      entry.value = { body, fetchedAt: t };
      entry.error = null;
      entry.rateLimitedInARow = 0;
      entry.backoffUntil = 0;
      lastSuccessAt = t;
      return { ok: true };
    } catch (thrown) {
      const error = thrown instanceof ProxyError ? thrown : new ProxyError('upstream-error');
      const t = now();
      lastError = { at: t, code: error.code };
      if (error.code === 'rate-limited' && !error.byBudget) {
        entry.rateLimitedInARow++;
        entry.backoffUntil = t + (error.retryAfterMs ?? backoffMs(entry.rateLimitedInARow, random));
      }
      // A budget refusal is not remembered: the budget itself says when calls may resume.
      entry.error = error.byBudget ? null : { error, at: t };
      return { ok: false, error };
    }
  }

  return {
    async get(key, load, keyTtlMs = ttlMs) {
      const t = now();
      const entry = touch(key, t);
      if (entry.value && t - entry.value.fetchedAt < keyTtlMs) {
        counters.hits++;
        return { kind: 'fresh', body: entry.value.body, source: 'hit', fetchedAt: entry.value.fetchedAt };
      }
      if (entry.inflight) {
        counters.coalesced++;
        return answer(entry, await entry.inflight, 'coalesced');
      }
      if (t < entry.backoffUntil) {
        counters.hits++;
        return fallback(entry, new ProxyError('rate-limited', entry.backoffUntil - t));
      }
      if (entry.error && t - entry.error.at < keyTtlMs) {
        counters.hits++;
        return fallback(entry, entry.error.error);
      }
      counters.misses++;
      entry.inflight = run(entry, load);
      return answer(entry, await entry.inflight, 'miss');
    },
    stats() {
      return { entries: entries.size, ...counters, lastSuccessAt, lastError };
    },
  };
}
