import { parseFilterQuery, type Filter } from '../shared/filters.ts';
import { canonicalTimeZone, isUuid } from '../shared/validate.ts';
import { METRICS_LIMIT, isMetricType, type ExactRequest } from './exact.ts';
import { periodParams, type PeriodRequest } from './period.ts';

// Request line → one of the few routes the proxy serves. Matching uses the RAW path, exactly:
// no decoding, no normalising, so `%2f`, `..`, `//` or `\` can never reach an upstream route.
// Anything that would look like /api or /healthz after decoding is refused here, so it never
// falls through to Vite's static files either.

/** Umami ignores startAt/endAt and the app never sends `unit`: only the zone is forwarded. */
export type RealtimeQuery = { timezone: string | null };

/** A filtered wall's Umami filters, canonical (src/shared/filters.ts); empty for the whole site. */
export type Filters = readonly Filter[];

export type Route =
  | { kind: 'realtime'; websiteId: string; query: RealtimeQuery; filters: Filters }
  | { kind: 'exact'; websiteId: string; request: ExactRequest; filters: Filters }
  | { kind: 'period'; websiteId: string; request: PeriodRequest; filters: Filters }
  | { kind: 'websites' }
  | { kind: 'healthz' }
  | { kind: 'invalid-website-id' }
  | { kind: 'invalid-parameter' }
  | { kind: 'not-found' }
  | { kind: 'method-not-allowed' }
  /** Not ours: the page and its assets, served by Vite. */
  | { kind: 'static' };

export const ALLOWED_METHODS = 'GET, HEAD';

/** Splits a raw request target into path and query; a fragment (never sent by browsers) is dropped. */
export function splitTarget(target: string): { path: string; search: string } {
  const end = target.search(/#/);
  const withoutHash = end === -1 ? target : target.slice(0, end);
  const q = withoutHash.indexOf('?');
  return q === -1 ? { path: withoutHash, search: '' } : { path: withoutHash.slice(0, q), search: withoutHash.slice(q + 1) };
}

/** What the path would mean to a lenient server: decoded, `\` as `/`, dot segments resolved. */
function lenientPath(path: string): string {
  let decoded = path;
  for (let i = 0; i < 3; i++) {
    try {
      const next = decodeURIComponent(decoded);
      if (next === decoded) break;
      decoded = next;
    } catch {
      break;
    }
  }
  const slashes = decoded.replace(/\\/g, '/').replace(/\/{2,}/g, '/');
  try {
    return new URL(slashes.startsWith('/') ? slashes : `/${slashes}`, 'http://x').pathname.toLowerCase();
  } catch {
    return slashes.toLowerCase();
  }
}

export function isApiLike(path: string): boolean {
  const p = lenientPath(path);
  return p === '/api' || p.startsWith('/api/') || p === '/healthz' || p.startsWith('/healthz/');
}

/**
 * The zone as sent upstream: canonical, so spellings of one zone share one cache entry and
 * cannot multiply Umami calls; null when it is not a zone.
 */
export function canonicalTimezone(value: string): string | null {
  // Umami's quirk: lowercase `utc` (and only it) answers ISO buckets; keep that choice intact.
  if (value === 'utc') return 'utc';
  return canonicalTimeZone(value);
}

/**
 * Keeps only the zone, canonical, so the cache holds one key per site and zone; anything else is
 * dropped. An invalid zone is dropped too (Umami answers an invalid zone with an empty 500).
 */
export function realtimeQuery(search: string): RealtimeQuery {
  const timezone = new URLSearchParams(search).get('timezone');
  return { timezone: timezone === null ? null : canonicalTimezone(timezone) };
}

/**
 * `type` exactly once and from the fixed set; `limit`, if given, once and 1…500. The proxy always
 * asks Umami for 500 rows (its order is by visitors, so a shorter cut would not be the top by
 * views); the client's limit is only checked. Every other parameter is dropped.
 */
export function metricsRequest(search: string): ExactRequest | null {
  const params = new URLSearchParams(search);
  const types = params.getAll('type');
  const limits = params.getAll('limit');
  const type = types[0];
  if (types.length !== 1 || type === undefined || !isMetricType(type)) return null;
  if (limits.length > 1) return null;
  const limit = limits[0];
  if (limit !== undefined && !(/^\d{1,3}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= METRICS_LIMIT)) return null;
  return { route: 'metrics', type };
}

const REALTIME = /^\/api\/realtime\/([^/]*)$/;
const EXACT = /^\/api\/websites\/([^/]*)\/(stats|active|metrics\/expanded|pageviews)$/;

/** With `period`, stats, event metrics and pageviews answer for a local day (period.ts). */
function periodRequest(name: string, search: string): PeriodRequest | null {
  const valid = periodParams(new URLSearchParams(search));
  if (!valid) return null;
  const { period, timezone } = valid;
  if (name === 'stats') return { route: 'stats', period, timezone };
  // The live series is the realtime answer's: pageviews only for the ghost line's past days.
  if (name === 'pageviews') return period === 'today' ? null : { route: 'pageviews', period, timezone };
  const metrics = metricsRequest(search);
  return metrics?.route === 'metrics' && metrics.type === 'event' ? { route: 'metrics', type: 'event', period, timezone } : null;
}

function exactRoute(id: string, name: string, search: string): Route {
  if (!isUuid(id)) return { kind: 'invalid-website-id' };
  const websiteId = id.toLowerCase();
  if (name === 'pageviews' || (name !== 'active' && new URLSearchParams(search).has('period'))) {
    const request = periodRequest(name, search);
    return request ? { kind: 'period', websiteId, request, filters: [] } : { kind: 'invalid-parameter' };
  }
  if (name === 'stats' || name === 'active') return { kind: 'exact', websiteId, request: { route: name }, filters: [] };
  const request = metricsRequest(search);
  return request ? { kind: 'exact', websiteId, request, filters: [] } : { kind: 'invalid-parameter' };
}

export function matchRoute(method: string, target: string): Route {
  // Absolute-form (`GET http://evil/ HTTP/1.1`) and authority-form targets are never ours to serve.
  if (!target.startsWith('/')) return { kind: 'not-found' };
  const { path, search } = splitTarget(target);

  let route: Route;
  const realtime = REALTIME.exec(path);
  const exact = EXACT.exec(path);
  if (path === '/api/websites') route = { kind: 'websites' };
  else if (path === '/healthz') route = { kind: 'healthz' };
  else if (realtime && realtime[1]) {
    const id = realtime[1];
    route = isUuid(id) ? { kind: 'realtime', websiteId: id.toLowerCase(), query: realtimeQuery(search), filters: [] } : { kind: 'invalid-website-id' };
  } else if (exact && exact[1] && exact[2]) route = exactRoute(exact[1], exact[2], search);
  else if (isApiLike(path)) return { kind: 'not-found' };
  else return { kind: 'static' };

  // Every route about a site's traffic takes the wall's filters, checked here once for all of
  // them; one that is not allowed fails the request rather than showing unfiltered numbers.
  if ('filters' in route) {
    const filters = parseFilterQuery(search);
    route = filters ? { ...route, filters } : { kind: 'invalid-parameter' };
  }

  return method === 'GET' || method === 'HEAD' ? route : { kind: 'method-not-allowed' };
}
