// Per-client token bucket for cache misses on keys nobody is polling yet: one client cannot
// spend the shared upstream budget by inventing keys. Clients are told apart by the socket's
// remote address only (X-Forwarded-For is anyone's to write).

export type ClientLimitOptions = {
  /** New keys one client may open at once: a cold 30-site rotation opens 30 × 7 + 5 (today, on screen) + 1 = 216. */
  burst: number;
  /** New keys one client earns back per `refillMs`. */
  refill: number;
  refillMs: number;
  now?: () => number;
};

export const CLIENT_LIMIT = { burst: 300, refill: 10, refillMs: 10_000 } as const;

/** Clients remembered at most; a full bucket carries no information, so those go first. */
const MAX_CLIENTS = 10_000;

export type ClientLimit = {
  /** 0 and one token taken, or the ms until `client` has a token again. */
  take(client: string): number;
};

export function createClientLimit({ burst, refill, refillMs, now = Date.now }: ClientLimitOptions): ClientLimit {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = refill / refillMs;

  const level = (bucket: { tokens: number; at: number }, t: number) => Math.min(burst, bucket.tokens + (t - bucket.at) * perMs);

  function prune(t: number) {
    for (const [client, bucket] of buckets) {
      if (buckets.size <= MAX_CLIENTS) return;
      if (level(bucket, t) >= burst) buckets.delete(client);
    }
    // Everyone is mid-burst: forget the oldest rather than grow without bound.
    for (const client of buckets.keys()) {
      if (buckets.size <= MAX_CLIENTS) return;
      buckets.delete(client);
    }
  }

  return {
    take(client) {
      const t = now();
      const bucket = buckets.get(client) ?? { tokens: burst, at: t };
      const tokens = level(bucket, t);
      buckets.delete(client);
      buckets.set(client, { tokens: tokens >= 1 ? tokens - 1 : tokens, at: t });
      prune(t);
      return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / perMs);
    },
  };
}
