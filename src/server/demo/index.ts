import { DEMO_SITES, DEMO_USER_ID, DEMO_USERNAME, findSite, type DemoSite } from './catalog.ts';
import type { ExactRequest } from '../exact.ts';
import type { PeriodRequest } from '../period.ts';
import type { Filter } from '../../shared/filters.ts';
import { filterSessions } from './filter-sessions.ts';
import { buildExactBody, previousWindow, type UmamiExactBody } from './exact-body.ts';
import { createHistory, type UmamiPeriodBody } from './history.ts';
import { LruCache } from './lru-cache.ts';
import { buildRealtimeBody, windowStart, type RealtimeQuery, type UmamiRealtimeBody } from './realtime-body.ts';
import { MINUTE_MS, SESSION_SPAN_MINUTES, sessionsForMinute, type DemoSession } from './traffic.ts';

// The built-in demo source: what the proxy serves when no Umami is configured, so a fresh
// `npm start` shows a lively dashboard. Bodies have Umami 3.1's exact shape; the traffic is a
// deterministic function of (seed, website, clock), so tests can pin it and polls agree.

export type { RealtimeQuery, UmamiRealtimeBody, UmamiRealtimeEvent, UmamiSeriesPoint } from './realtime-body.ts';
export { EVENT_ROW_LIMIT, WINDOW_MINUTES } from './realtime-body.ts';
export type { UmamiActiveBody, UmamiExactBody, UmamiMetricRow, UmamiStatsBody } from './exact-body.ts';
export type { UmamiPageviewsBody, UmamiPeriodBody } from './history.ts';

export type UmamiWebsite = {
  id: string;
  name: string;
  domain: string;
  resetAt: string | null;
  userId: string;
  teamId: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  replayEnabled: boolean;
  replayConfig: unknown;
  user: { username: string; id: string };
  shareId: string | null;
};

export type UmamiWebsitesBody = { data: UmamiWebsite[]; count: number; page: number; pageSize: number };

/** What the proxy codes against. */
export type DemoSource = {
  websites(): unknown;
  realtime(websiteId: string, query: { timezone?: string | null; unit?: string | null }, filters?: readonly Filter[]): unknown | undefined;
  exact(websiteId: string, request: ExactRequest, filters?: readonly Filter[]): unknown | undefined;
  period(websiteId: string, request: PeriodRequest, filters?: readonly Filter[]): unknown | undefined;
};

/** The same source with its bodies typed; assignable to DemoSource. */
export type TypedDemoSource = {
  websites(): UmamiWebsitesBody;
  /** `filters`: only the rows Umami would keep for them (a filtered wall). */
  realtime(websiteId: string, query: RealtimeQuery, filters?: readonly Filter[]): UmamiRealtimeBody | undefined;
  /** Stats, expanded metrics or active, from the very sessions the realtime body samples. */
  exact(websiteId: string, request: ExactRequest, filters?: readonly Filter[]): UmamiExactBody | undefined;
  /** Stats, event metrics or pageviews over a local day's window (period.ts), from the same traffic; `filters` narrow it. */
  period(websiteId: string, request: PeriodRequest, filters?: readonly Filter[]): UmamiPeriodBody | undefined;
};

export type DemoSourceOptions = {
  /** Different seeds give different (but each reproducible) traffic. Default 20261126. */
  seed?: number;
  /** The clock; tests pin it. Default Date.now. */
  now?: () => number;
  /** Minute buckets kept in memory across all sites. Default 640, enough for 8 sites × 72 minutes (stats compare the previous window). */
  cacheLimit?: number;
};

export const DEFAULT_SEED = 20261126;
export const DEFAULT_CACHE_LIMIT = 640;

/** Minutes a realtime answer reads: sessions that started up to SESSION_SPAN earlier can still be active. */
export const MINUTES_PER_ANSWER = 30 + SESSION_SPAN_MINUTES;

const inspections = new WeakMap<object, () => { cachedMinutes: number; cacheLimit: number; cachedBlocks: number }>();

/** Diagnostics for tests: how many minute buckets and history blocks a source keeps. */
export function inspectDemoSource(source: DemoSource): { cachedMinutes: number; cacheLimit: number; cachedBlocks: number } {
  const inspect = inspections.get(source);
  if (!inspect) throw new Error('Not a demo source made by createDemoSource');
  return inspect();
}

export function demoWebsites(): UmamiWebsitesBody {
  const data = DEMO_SITES.map((site) => ({
    id: site.id,
    name: site.name,
    domain: site.domain,
    resetAt: null,
    userId: DEMO_USER_ID,
    teamId: null,
    createdBy: DEMO_USER_ID,
    createdAt: site.createdAt,
    updatedAt: site.createdAt,
    deletedAt: null,
    replayEnabled: false,
    replayConfig: null,
    user: { username: DEMO_USERNAME, id: DEMO_USER_ID },
    shareId: site.shareId,
  }));
  return { data, count: data.length, page: 1, pageSize: 20 };
}

export function createDemoSource(options: DemoSourceOptions = {}): TypedDemoSource {
  // A seed parsed from the environment may be NaN; fall back rather than hash garbage.
  const seed = Number.isFinite(options.seed) ? Math.trunc(options.seed as number) : DEFAULT_SEED;
  const clock = options.now ?? Date.now;
  const cache = new LruCache<string, DemoSession[]>(options.cacheLimit ?? DEFAULT_CACHE_LIMIT);
  const history = createHistory(seed, DEMO_SITES.length);

  function minuteSessions(site: DemoSite, minute: number): DemoSession[] {
    const key = `${site.id}:${minute}`;
    let sessions = cache.get(key);
    if (!sessions) {
      sessions = sessionsForMinute(seed, site, minute);
      cache.set(key, sessions);
    }
    return sessions;
  }

  /** Every session that can have a row between `from` and `now`, with the rows the filters keep. */
  function sessionsSince(site: DemoSite, from: number, now: number, filters: readonly Filter[] = []): DemoSession[] {
    const first = Math.floor(from / MINUTE_MS) - SESSION_SPAN_MINUTES + 1;
    const last = Math.floor(now / MINUTE_MS);
    const sessions: DemoSession[] = [];
    for (let minute = first; minute <= last; minute += 1) sessions.push(...minuteSessions(site, minute));
    return filters.length === 0 ? sessions : filterSessions(sessions, filters);
  }

  const source: TypedDemoSource = {
    websites: demoWebsites,
    realtime(websiteId, query, filters) {
      const site = findSite(websiteId);
      if (!site) return undefined;
      const now = Math.floor(clock());
      return buildRealtimeBody(sessionsSince(site, windowStart(now), now, filters), now, query);
    },
    exact(websiteId, request, filters) {
      const site = findSite(websiteId);
      if (!site) return undefined;
      const now = Math.floor(clock());
      const from = request.route === 'stats' ? previousWindow(now).from : windowStart(now);
      return buildExactBody(sessionsSince(site, from, now, filters), now, request);
    },
    period(websiteId, request, filters) {
      const site = findSite(websiteId);
      if (!site) return undefined;
      return history.body(site, request, Math.floor(clock()), filters);
    },
  };
  inspections.set(source, () => ({ cachedMinutes: cache.size, cacheLimit: cache.limit, cachedBlocks: history.cachedBlocks }));
  return source;
}
