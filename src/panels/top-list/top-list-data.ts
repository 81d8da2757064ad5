import { normalizeCountry, UNKNOWN_COUNTRY } from '../../lib/countries';

export type TopRow = {
  /** The key the row stands for: Umami's raw key, or the bucket several raw keys fell into. */
  key: string;
  label: string;
  value: number;
  /** value / the whole list's total (not just the rows shown), 0…1; 0 when the total is 0. */
  share: number;
};

export type TopEntriesOptions = {
  /** How many rows to return; every row when undefined. */
  limit?: number;
  /** What a person reads for a key (after `keyFor`). */
  labelFor?: (key: string) => string;
  /** Folds raw keys that mean the same thing into one row ("" and "null" → direct). */
  keyFor?: (rawKey: string) => string;
};

/**
 * Umami's `{ key: count }` map → rows sorted by count (desc), ties by label then key (code point
 * order), so the order is stable from poll to poll.
 */
export function topEntries(
  map: Readonly<Record<string, number>>,
  { limit, labelFor = (key) => key, keyFor = (key) => key }: TopEntriesOptions = {},
): TopRow[] {
  const totals = new Map<string, number>();
  let total = 0;
  for (const [rawKey, rawValue] of Object.entries(map)) {
    const value = Number.isFinite(rawValue) && rawValue > 0 ? rawValue : 0;
    const key = keyFor(rawKey);
    totals.set(key, (totals.get(key) ?? 0) + value);
    total += value;
  }

  const rows: TopRow[] = [];
  for (const [key, value] of totals) {
    rows.push({ key, label: labelFor(key), value, share: total > 0 ? value / total : 0 });
  }
  const count = limit === undefined ? rows.length : Math.max(0, Math.min(limit, rows.length));
  return count === rows.length ? rows.sort(byRank) : firstInOrder(rows, count, byRank);
}

function byRank(a: TopRow, b: TopRow): number {
  return b.value - a.value || compareCodePoints(a.label, b.label) || compareCodePoints(a.key, b.key);
}

/**
 * The first `count` items in `compare` order (a total order), without sorting them all: a poll
 * wants the top 10 of a busy site's 200 pages, and most pages are passed over with one comparison.
 */
function firstInOrder<T>(items: readonly T[], count: number, compare: (a: T, b: T) => number): T[] {
  const top: T[] = [];
  if (count === 0) return top;
  for (const item of items) {
    if (top.length === count) {
      if (compare(item, top[count - 1] as T) >= 0) continue;
      top.pop();
    }
    let at = top.length;
    while (at > 0 && compare(item, top[at - 1] as T) < 0) at--;
    top.splice(at, 0, item);
  }
  return top;
}

/**
 * Code point order, for the tie-breaks: cheap and total (it never calls two different strings
 * equal). Collation (localeCompare) ordered ties a little more naturally, but a busy site's 200
 * pages with equal counts made it the most expensive step of a poll (1.5 ms).
 */
function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The key (and label) for visits without a referrer. */
export const DIRECT_REFERRER = '(direct)';

/** Umami drops null referrers from the map; other sources may send "" or "null" instead. */
export function referrerKey(rawKey: string): string {
  const trimmed = rawKey.trim();
  return trimmed === '' || trimmed === 'null' || trimmed === 'undefined' ? DIRECT_REFERRER : trimmed;
}

/** Alpha-2 upper case, or `unknown` for null/"XX"/"EU"/anything not a country. */
export function countryKey(rawKey: string): string {
  return normalizeCountry(rawKey) ?? UNKNOWN_COUNTRY;
}
