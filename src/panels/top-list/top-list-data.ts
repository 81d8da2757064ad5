import type { Counts } from '../../api/realtime-schema';
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
 * order), so the order is stable from poll to poll. With a limit, only rows that can make the
 * list are built.
 */
export function topEntries(
  map: Counts,
  { limit, labelFor = (key) => key, keyFor }: TopEntriesOptions = {},
): TopRow[] {
  // Folding keys does not change the total.
  let total = 0;
  for (const value of map.values()) total += countOf(value);
  const rowOf = (key: string, value: number): TopRow => ({ key, label: labelFor(key), value, share: total > 0 ? value / total : 0 });

  if (limit === undefined) {
    const rows: TopRow[] = [];
    eachCount(map, keyFor, (key, value) => rows.push(rowOf(key, value)));
    return rows.sort(byRank);
  }
  const count = Math.max(0, limit);
  const top: TopRow[] = [];
  if (count === 0) return top;
  eachCount(map, keyFor, (key, value) => {
    const last = top.length === count ? top[count - 1] : undefined;
    // The common case on a busy site: fewer than the last row's, so no row is built.
    if (last !== undefined && value < last.value) return;
    insertRanked(top, rowOf(key, value), count);
  });
  return top;
}

/** A count as a number of visits: anything but a positive finite number is 0. */
function countOf(raw: number | undefined): number {
  return raw !== undefined && Number.isFinite(raw) && raw > 0 ? raw : 0;
}

/**
 * Visits every key with its count: the map's own keys, read in place, or with `keyFor` the
 * folded keys ("" and "null" → direct), each with the sum of the raw keys it stands for.
 */
function eachCount(
  map: Counts,
  keyFor: ((rawKey: string) => string) | undefined,
  visit: (key: string, value: number) => void,
): void {
  if (!keyFor) {
    map.forEach((value, key) => visit(key, countOf(value)));
    return;
  }
  const folded = new Map<string, number>();
  for (const [rawKey, value] of map) {
    const key = keyFor(rawKey);
    folded.set(key, (folded.get(key) ?? 0) + countOf(value));
  }
  folded.forEach((value, key) => visit(key, value));
}

/**
 * Puts `row` in its place in `top` (kept in rank order, at most `count` long), dropping the
 * last row when it is full: the top 10 of 200 without sorting them all.
 */
function insertRanked(top: TopRow[], row: TopRow, count: number): void {
  if (top.length === count) {
    if (byRank(row, top[count - 1] as TopRow) >= 0) return;
    top.pop();
  }
  let at = top.length;
  while (at > 0 && byRank(row, top[at - 1] as TopRow) < 0) at--;
  top.splice(at, 0, row);
}

function byRank(a: TopRow, b: TopRow): number {
  return b.value - a.value || compareCodePoints(a.label, b.label) || compareCodePoints(a.key, b.key);
}

/** Code point order for the tie-breaks: total (never calls two different strings equal) and the same in every locale. */
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
