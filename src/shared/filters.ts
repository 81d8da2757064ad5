// Filtered walls (issue 21): the Umami filter parameters a wall may narrow its data by, the
// operators it may use, and the one wire form the browser, the proxy and the demo source share.
// Umami 3.1 reads a filter as `?<name>=<operator>.<value>` (src/lib/params.ts there: a value
// without a known prefix means equals, and equals splits its value on commas into a list).
// No imports: both tsconfigs (browser and Node) compile this file.

/** The names Umami's realtime and exact routes filter by (its FILTER_COLUMNS), minus ids and types. */
export const FILTER_NAMES = [
  'path',
  'referrer',
  'hostname',
  'title',
  'query',
  'os',
  'browser',
  'device',
  'country',
  'region',
  'city',
  'language',
  'event',
  'tag',
  'utmSource',
  'utmMedium',
  'utmCampaign',
  'utmContent',
  'utmTerm',
] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

/**
 * Umami's prefixes for equals, not equals, contains and does not contain. Never `re.`/`nre.`:
 * a regular expression from a viewer would run on Umami's database.
 */
export const FILTER_OPERATORS = ['eq', 'neq', 'c', 'dnc'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** Each filter is one more condition in every Umami query and one more cache key: a few suffice. */
export const MAX_FILTERS = 8;
export const MAX_FILTER_VALUE_LENGTH = 200;

export type Filter = { name: FilterName; operator: FilterOperator; value: string };

export function isFilterName(value: string): value is FilterName {
  return (FILTER_NAMES as readonly string[]).includes(value);
}

export function isFilterOperator(value: string): value is FilterOperator {
  return (FILTER_OPERATORS as readonly string[]).includes(value);
}

/** C0 and C1 controls and the Unicode line separators: nothing that could end a header or a log line. */
export function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) return true;
  }
  return false;
}

/**
 * One value, sent as it is: not empty, not padded with spaces, at most 200 characters, no
 * control characters, and no comma (Umami would read `eq.a,b` as the list a or b).
 */
export function isFilterValue(value: string): boolean {
  return value.length > 0 && value.length <= MAX_FILTER_VALUE_LENGTH && value.trim() === value && !value.includes(',') && !hasControlCharacters(value);
}

function compare(a: Filter, b: Filter): number {
  if (a.name !== b.name) return FILTER_NAMES.indexOf(a.name) - FILTER_NAMES.indexOf(b.name);
  if (a.operator !== b.operator) return FILTER_OPERATORS.indexOf(a.operator) - FILTER_OPERATORS.indexOf(b.operator);
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

/** One order and no repeats, so every spelling of a wall's filter is one URL and one cache key. */
export function canonicalFilters(filters: readonly Filter[]): Filter[] {
  const sorted = [...filters].sort(compare);
  return sorted.filter((filter, i) => i === 0 || compare(sorted[i - 1]!, filter) !== 0);
}

/**
 * The browser's query for the proxy, canonical: `country=eq.DE&path=c.%2Fblog` ('' for none).
 * A name may repeat (`path=dnc./admin&path=dnc./api`): every filter must hold.
 */
export function filterQuery(filters: readonly Filter[]): string {
  return canonicalFilters(filters)
    .map(({ name, operator, value }) => `${name}=${encodeURIComponent(`${operator}.${value}`)}`)
    .join('&');
}

/**
 * The filters in a request's query, canonical; null when one of them is not allowed (an
 * operator other than the four, a bad value, more than MAX_FILTERS). Other parameters are
 * not filters and are ignored here.
 */
export function parseFilterQuery(search: string): Filter[] | null {
  const params = new URLSearchParams(search);
  const filters: Filter[] = [];
  for (const name of FILTER_NAMES) {
    for (const raw of params.getAll(name)) {
      const dot = raw.indexOf('.');
      const operator = raw.slice(0, Math.max(0, dot));
      const value = raw.slice(dot + 1);
      if (dot < 1 || !isFilterOperator(operator) || !isFilterValue(value)) return null;
      filters.push({ name, operator, value });
      if (filters.length > MAX_FILTERS) return null;
    }
  }
  return canonicalFilters(filters);
}

/**
 * The parameters Umami receives: a repeated name gets Umami's numbered form (`path`, `path1`,
 * `path2`), since its query object keeps one value per key.
 */
export function umamiFilterParams(filters: readonly Filter[]): [string, string][] {
  const seen = new Map<string, number>();
  return canonicalFilters(filters).map(({ name, operator, value }) => {
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    return [n === 0 ? name : `${name}${n}`, `${operator}.${value}`];
  });
}
