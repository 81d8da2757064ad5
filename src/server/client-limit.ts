import { isIPv4, isIPv6 } from 'node:net';

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
  /** 0 and one token taken, or the ms until the client at `address` has a token again. */
  take(address: string): number;
};

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a trailing dotted IPv4 as two groups). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted.split('.').map(Number);
    text = `${text.slice(0, -dotted.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}

/**
 * Who a bucket belongs to: an IPv4 address (IPv4-mapped IPv6 too) as itself, an IPv6 address by
 * its /64, since one host is routinely given a whole /64 and could rotate through it.
 */
export function clientKey(address: string): string {
  const plain = address.split('%')[0] ?? '';
  if (!isIPv6(plain)) return address;
  const groups = ipv6Groups(plain);
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) {
    const [high = 0, low = 0] = groups.slice(6);
    const ipv4 = `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
    if (isIPv4(ipv4)) return ipv4;
  }
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

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
    take(address) {
      const client = clientKey(address);
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
