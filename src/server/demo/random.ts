// Small, dependency-free pseudo-randomness. The demo must give the same events for the same
// (seed, website, minute) on every poll and every machine, so nothing here touches Math.random.

/** A generator of floats in [0, 1). */
export type Rng = () => number;

/** mulberry32: tiny, fast, and good enough for believable traffic. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** murmur3's finaliser: spreads every input bit over the whole 32-bit output. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Hash integers (any safe integer, negative included) into one 32-bit seed. High and low
 * words are mixed separately so large minute indexes or millisecond values do not collide.
 */
export function hashInts(...values: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const value of values) {
    const n = Math.trunc(value);
    const low = n >>> 0;
    const high = Math.floor(n / 4294967296) >>> 0;
    h = mix32(h ^ mix32(low));
    h = mix32(h ^ mix32(high + 0x27d4eb2f));
  }
  return h;
}

/** A stable 32-bit number for a string (FNV-1a), for per-site salts. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Poisson-distributed count (Knuth). Fine for the small rates a minute of traffic has. */
export function poisson(rng: Rng, mean: number): number {
  if (!(mean > 0)) return 0;
  const limit = Math.exp(-mean);
  let count = 0;
  let product = rng();
  while (product > limit) {
    count += 1;
    product *= rng();
  }
  return count;
}

/** An integer in [min, max]. */
export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** A UUID-shaped id. Umami's session ids are version-5 UUIDs, so these look the same. */
export function uuidFrom(rng: Rng): string {
  const words = [0, 0, 0, 0].map(() => Math.floor(rng() * 4294967296) >>> 0);
  const hex = words.map((w) => w.toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `5${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}

export type WeightedTable<T> = {
  readonly items: readonly T[];
  pick(rng: Rng): T;
};

/** Build once, pick many times: a cumulative table with a binary search. */
export function weighted<T>(entries: ReadonlyArray<readonly [T, number]>): WeightedTable<T> {
  const items: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [item, weight] of entries) {
    if (!(weight > 0)) continue;
    total += weight;
    items.push(item);
    cumulative.push(total);
  }
  if (items.length === 0) throw new Error('A weighted table needs at least one positive weight');
  return {
    items,
    pick(rng) {
      const target = rng() * total;
      let low = 0;
      let high = cumulative.length - 1;
      while (low < high) {
        const mid = (low + high) >> 1;
        if ((cumulative[mid] ?? total) > target) high = mid;
        else low = mid + 1;
      }
      return items[low] as T;
    },
  };
}
