import { backoffMs } from './backoff.ts';
import { ProxyError, type ProxyErrorCode } from './proxy-error.ts';

// One answer shared by every viewer of the same key (website + route + canonical timezone):
// - while an upstream call is in flight, other callers await it (coalescing);
// - a good answer is reused for `ttlMs`, an error too (so a failing Umami is not hammered);
// - after a 429 the key rests (Retry-After, else exponential backoff with jitter) and callers
//   get the last good answer, marked stale; without one, the 429 itself;
// - memory is bounded by entries and by bytes; idle keys expire, and a periodic sweep releases
//   answers too old to be served even stale, so a flood's answers go once useless;
// - eviction is 2Q: a new key waits in a probation segment and joins the main one on its second
//   use, so a flood of one-shot keys only churns probation and never evicts the keys viewers poll.

export const STALE_MAX_MS = 30 * 60_000;

/** How often the sweep walks the cache: once a minute is cheap, and answers are kept 30 minutes anyway. */
export const SWEEP_EVERY_MS = 60_000;

/** Keys (no answers, ~100 bytes each) remembered after probation drops them: a viewer's next poll finds its key here through a flood this big. */
const GHOSTS = 10_000;

export type CacheResult =
  | { kind: 'fresh'; body: Buffer; source: 'hit' | 'miss' | 'coalesced'; fetchedAt: number }
  | { kind: 'stale'; body: Buffer; ageSeconds: number }
  | { kind: 'error'; error: ProxyError };

export type CacheStats = {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  coalesced: number;
  stale: number;
  /** Misses of new keys that the caller's admission check refused (per-client limit). */
  refused: number;
  lastSuccessAt: number | null;
  lastError: { at: number; code: ProxyErrorCode } | null;
};

type Good = { body: Buffer; fetchedAt: number; bytes: number };
type Outcome = { ok: true; body: Buffer; fetchedAt: number } | { ok: false; error: ProxyError };

type Entry = {
  value: Good | null;
  error: { error: ProxyError; at: number } | null;
  inflight: Promise<Outcome> | null;
  backoffUntil: number;
  rateLimitedInARow: number;
  usedAt: number;
  /** The TTL the key was last asked with. */
  ttlMs: number;
};

/**
 * Asked before a miss on a key the cache does not hold yet (or holds only on probation):
 * 0 lets the upstream call happen, a positive number refuses it and says how many ms to wait.
 */
export type Admit = () => number;

export type SharedCache = {
  get(key: string, load: () => Promise<Buffer>, ttlMs?: number, admit?: Admit): Promise<CacheResult>;
  stats(): CacheStats;
  /** Drops idle keys and answers past any use now (the timer does this every SWEEP_EVERY_MS). */
  sweep(): void;
};

export type CacheOptions = {
  ttlMs: number;
  maxEntries: number;
  /** Total bytes kept (see `sizeOf`); an answer bigger than this is served but not kept. */
  maxBytes?: number;
  /** Bytes an answer holds in memory (the handler adds its gzip copy). */
  sizeOf?: (body: Buffer) => number;
  now?: () => number;
  random?: () => number;
};

export function createSharedCache({
  ttlMs,
  maxEntries,
  maxBytes = Number.POSITIVE_INFINITY,
  sizeOf = (body) => body.byteLength,
  now = Date.now,
  random = Math.random,
}: CacheOptions): SharedCache {
  // Map order is recency order: re-inserting on use makes the first key the least recent.
  const probation = new Map<string, Entry>();
  const main = new Map<string, Entry>();
  // Keys lately dropped from probation: one coming back is in use, so it goes straight to main.
  const ghosts = new Set<string>();
  const counters = { hits: 0, misses: 0, coalesced: 0, stale: 0, refused: 0 };
  let bytes = 0;
  let lastSuccessAt: number | null = null;
  let lastError: CacheStats['lastError'] = null;

  const size = () => probation.size + main.size;
  const newEntry = (t: number, entryTtlMs: number): Entry => ({ value: null, error: null, inflight: null, backoffUntil: 0, rateLimitedInARow: 0, usedAt: t, ttlMs: entryTtlMs });

  function remember(key: string) {
    ghosts.delete(key);
    ghosts.add(key);
    for (const old of ghosts) {
      if (ghosts.size <= maxEntries + GHOSTS) break;
      ghosts.delete(old);
    }
  }

  function drop(segment: Map<string, Entry>, key: string, entry: Entry) {
    segment.delete(key);
    bytes -= entry.value?.bytes ?? 0;
    if (segment === probation) remember(key);
  }

  /** Idle keys first, then probation's least recent, then main's; an entry in flight stays (callers await it). */
  function evict(t: number) {
    for (const segment of [probation, main]) {
      for (const [key, entry] of segment) {
        if (t - entry.usedAt <= STALE_MAX_MS) break;
        if (!entry.inflight) drop(segment, key, entry);
      }
    }
    for (const [key, entry] of probation) {
      if (size() <= maxEntries && bytes <= maxBytes) return;
      if (!entry.inflight) drop(probation, key, entry);
    }
    // New keys still loading are not a reason to drop a key in use: they are checked once settled.
    for (const [key, entry] of main) {
      if (main.size <= maxEntries && bytes <= maxBytes) return;
      if (!entry.inflight) drop(main, key, entry);
    }
  }

  /**
   * Releases every answer too old to be served even stale (fresh for its TTL, stale up to
   * STALE_MAX_MS after it was fetched), and drops keys idle past STALE_MAX_MS. Nothing else
   * would: without requests, a flood's answers would stay until new keys pushed them out.
   */
  function sweep(t: number) {
    for (const segment of [probation, main]) {
      for (const entry of segment.values()) {
        const { value } = entry;
        if (entry.inflight || !value || t - value.fetchedAt <= Math.max(entry.ttlMs, STALE_MAX_MS)) continue;
        bytes -= value.bytes;
        entry.value = null;
      }
    }
    evict(t);
  }

  /** The entry for `key`, moved to the recent end; a second use promotes it out of probation. */
  function touch(key: string, t: number): Entry | null {
    const held = main.get(key) ?? probation.get(key);
    if (!held) return null;
    held.usedAt = t;
    main.delete(key);
    probation.delete(key);
    main.set(key, held);
    return held;
  }

  function answer(entry: Entry, outcome: Outcome, source: 'miss' | 'coalesced'): CacheResult {
    if (outcome.ok) return { kind: 'fresh', body: outcome.body, source, fetchedAt: outcome.fetchedAt };
    return fallback(entry, outcome.error);
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
      evict(now());
    }
  }

  async function settle(entry: Entry, load: () => Promise<Buffer>): Promise<Outcome> {
    try {
      const body = await load();
      const t = now();
      const held = sizeOf(body);
      bytes -= entry.value?.bytes ?? 0;
      // Too big to keep: this caller and those coalesced on it get it, nobody else.
      entry.value = held <= maxBytes ? { body, fetchedAt: t, bytes: held } : null;
      bytes += entry.value?.bytes ?? 0;
      entry.error = null;
      entry.rateLimitedInARow = 0;
      entry.backoffUntil = 0;
      lastSuccessAt = t;
      return { ok: true, body, fetchedAt: t };
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

  const cache: SharedCache = {
    async get(key, load, keyTtlMs = ttlMs, admit) {
      const t = now();
      const onProbation = probation.has(key);
      const held = touch(key, t);
      if (held) held.ttlMs = keyTtlMs;
      if (held?.value && t - held.value.fetchedAt < keyTtlMs) {
        counters.hits++;
        return { kind: 'fresh', body: held.value.body, source: 'hit', fetchedAt: held.value.fetchedAt };
      }
      if (held?.inflight) {
        counters.coalesced++;
        return answer(held, await held.inflight, 'coalesced');
      }
      if (held && t < held.backoffUntil) {
        counters.hits++;
        return fallback(held, new ProxyError('rate-limited', held.backoffUntil - t));
      }
      if (held?.error && t - held.error.at < keyTtlMs) {
        counters.hits++;
        return fallback(held, held.error.error);
      }
      // Only keys nobody polls twice cost the caller admission; refreshing a key in use never does.
      const waitMs = !held || onProbation ? (admit?.() ?? 0) : 0;
      if (waitMs > 0) {
        counters.refused++;
        if (held) {
          main.delete(key);
          probation.set(key, held);
        }
        const refusal = new ProxyError('rate-limited', waitMs);
        return held ? fallback(held, refusal) : { kind: 'error', error: refusal };
      }
      let entry = held;
      if (!entry) {
        entry = newEntry(t, keyTtlMs);
        (ghosts.delete(key) ? main : probation).set(key, entry);
      }
      counters.misses++;
      entry.inflight = run(entry, load);
      evict(t);
      return answer(entry, await entry.inflight, 'miss');
    },
    stats() {
      return { entries: size(), bytes, ...counters, lastSuccessAt, lastError };
    },
    sweep: () => sweep(now()),
  };
  // Unref'd, and holding the cache weakly: neither keeps the process or a dropped cache alive.
  const ref = new WeakRef(cache);
  const timer = setInterval(() => {
    const held = ref.deref();
    if (held) held.sweep();
    else clearInterval(timer);
  }, SWEEP_EVERY_MS);
  timer.unref();
  return cache;
}
