import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { MODE_HEADER, STALE_HEADER, STALE_REASON_HEADER } from '../api/errors.ts';
import { createBudget } from './budget.ts';
import { CLIENT_LIMIT, createClientLimit } from './client-limit.ts';
import { acceptsGzip, gzipped, worthCompressing } from './compression.ts';
import type { ProxyConfig } from './config.ts';
import { secretsOf } from './config.ts';
import { createUpstream, type UpstreamDeps } from './create-upstream.ts';
import { createDashboardGate, withoutToken } from './dashboard-token.ts';
import { exactCacheKey, honoursFilters, type ExactRequest } from './exact.ts';
import { createKnownSites } from './known-sites.ts';
import { periodCacheKey, type PeriodRequest } from './period.ts';
import { MINUTE_MS } from '../shared/zoned-time.ts';
import { ProxyError, errorBody, type ProxyErrorCode } from './proxy-error.ts';
import { filterQuery } from '../shared/filters.ts';
import { ALLOWED_METHODS, matchRoute, splitTarget, type Filters, type RealtimeQuery } from './routes.ts';
import { createLogSummary, createSafeLog } from './safe-log.ts';
import { contentSecurityPolicy, setSecurityHeaders } from './security-headers.ts';
import { createSharedCache, type Admit, type CacheResult } from './shared-cache.ts';
import type { Log, Upstream } from './upstream.ts';
import { websitesBody } from './websites.ts';

/** Response header saying how the cache answered (hit, miss, coalesced, stale): for debugging and the benchmark. */
export const CACHE_HEADER = 'x-pulseboard-cache';

/** The site list changes rarely; the browser itself keeps it for 5 minutes. */
const WEBSITES_TTL_MS = 60_000;

/**
 * Seconds a shared cache may serve a stale answer while it fetches the next one. Short, so max-age
 * plus this stays under a 10 s poll and a browser's own cache never shows a poll-old answer.
 */
export const STALE_WHILE_REVALIDATE_S = 2;
/** With a dashboard token every answer is for a signed-in viewer only. */
const PRIVATE = 'private, no-store';

/**
 * A fresh answer, for a shared cache: no longer than the proxy itself keeps it. Rounded up, since a
 * max-age of 0 in an entry's last second would send every viewer of that second through.
 */
export function sharedCacheControl(ttlMs: number, ageMs: number): string {
  if (ttlMs <= 0) return 'no-store';
  const maxAge = Math.max(1, Math.ceil((ttlMs - ageMs) / 1000));
  return `public, max-age=${maxAge}, stale-while-revalidate=${STALE_WHILE_REVALIDATE_S}`;
}

/** What /healthz reports one status for: each kind of upstream call (`period-*`: over a local day, issue 19). */
export const SOURCES = ['realtime', 'stats', 'metrics', 'active', 'websites', 'period-stats', 'period-metrics', 'pageviews'] as const;
export type Source = (typeof SOURCES)[number];
/** Without these the dashboard shows nothing; the exact routes only fall back to the sample. */
const ESSENTIAL: readonly Source[] = ['realtime', 'websites'];

type SourceStatus = { lastSuccessAt: number | null; lastError: { at: number; code: ProxyErrorCode } | null };

const failing = ({ lastSuccessAt, lastError }: SourceStatus) => lastError !== null && (lastSuccessAt === null || lastError.at > lastSuccessAt);
const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

export type HandlerDeps = Omit<UpstreamDeps, 'log'> & {
  /** Replaces the upstream built from the config (tests). */
  upstream?: Upstream;
  random?: () => number;
  log?: Log;
  /** Vite's dev server: relaxes the CSP for HMR. */
  dev?: boolean;
};

export type ApiHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => Promise<void>;

function isHttps(req: IncomingMessage): boolean {
  const forwarded = req.headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return (req.socket as Partial<TLSSocket>).encrypted === true || proto === 'https';
}

/** The socket's address; behind a trusted reverse proxy, the address it appended last to X-Forwarded-For. */
function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  const last = trustProxy && typeof forwarded === 'string' ? forwarded.split(',').at(-1)?.trim() : undefined;
  return last || (req.socket.remoteAddress ?? '');
}

function send(req: IncomingMessage, res: ServerResponse, status: number, body: Buffer | string, headers: Record<string, string> = {}) {
  let payload = typeof body === 'string' ? Buffer.from(body) : body;
  const encoding: Record<string, string> = {};
  if (worthCompressing(body)) {
    encoding.vary = 'accept-encoding';
    if (acceptsGzip(req)) {
      payload = gzipped(body);
      encoding['content-encoding'] = 'gzip';
    }
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(payload.byteLength), ...encoding, ...headers });
  res.end(req.method === 'HEAD' ? undefined : payload);
}

/** A filtered wall's answers are their own cache entries: the filters, canonical, end the key. */
function filteredKey(key: string, filters: Filters): string {
  return filters.length === 0 ? key : `${key}?${filterQuery(filters)}`;
}

function sendError(req: IncomingMessage, res: ServerResponse, code: ProxyErrorCode, headers: Record<string, string> = {}) {
  send(req, res, new ProxyError(code).status, errorBody(code), headers);
}

/**
 * The whole proxy as a Connect-style middleware: security headers on every response, the
 * DASHBOARD_TOKEN cookie flow, and the /api and /healthz routes. Anything else goes to `next`
 * (Vite's static files), or gets a 404 when there is no `next` (tests, benchmark).
 */
export function createApiHandler(config: ProxyConfig, deps: HandlerDeps = {}): ApiHandler {
  const now = deps.now ?? Date.now;
  const sink = deps.log ?? ((line: string) => console.log(`[pulseboard] ${line}`));
  const log = createLogSummary(createSafeLog(sink, secretsOf(config)), { now });
  const budget = createBudget(config.budget, now);
  const upstream = deps.upstream ?? createUpstream(config, budget, { ...deps, now, log });
  const mode = upstream.mode;
  // The gzip copy is made once per answer anyway (nearly every viewer accepts gzip); count it.
  const sizeOf = (body: Buffer) => body.byteLength + (worthCompressing(body) ? gzipped(body).byteLength : 0);
  const cache = createSharedCache({ ttlMs: config.cacheTtlMs, maxEntries: config.cacheMaxEntries, maxBytes: config.cacheMaxBytes, sizeOf, now, random: deps.random });
  const clients = createClientLimit({ ...CLIENT_LIMIT, burst: config.clientMissBurst, now });
  const clientOf = (req: IncomingMessage) => clientAddress(req, config.trustProxy);
  const admitFor = (req: IncomingMessage): Admit => () => clients.take(clientOf(req));
  const known = createKnownSites(() => upstream.websites(), { now });
  /** A site the dashboard may not show, or (without UMAMI_WEBSITE_IDS) one neither the account's list nor Umami vouches for. */
  async function refused(req: IncomingMessage, websiteId: string): Promise<boolean> {
    if (config.websiteIds) return !config.websiteIds.has(websiteId);
    if (config.allowUnlistedSites || (await known.allows(websiteId, clientOf(req)))) return false;
    log('website ids outside the account\'s site list refused beyond the allowance for asking Umami about them');
    return true;
  }
  /** Umami's answer about a site tells the gate whether an unlisted id (a team's site) exists. */
  const vouched = (websiteId: string, load: () => Promise<Buffer>) => async () => {
    try {
      const body = await load();
      known.confirm(websiteId);
      return body;
    } catch (error) {
      if (error instanceof ProxyError && error.code === 'unknown-website') known.reject(websiteId);
      throw error;
    }
  };
  const gate = config.dashboardToken ? createDashboardGate(config.dashboardToken) : null;
  const csp = contentSecurityPolicy(config.frameAncestors, deps.dev ?? false);
  // Errors and stale answers are never for a shared cache: the next request must see recovery.
  const apiHeaders = { [MODE_HEADER]: mode, 'cache-control': gate ? PRIVATE : 'no-store' };
  const freshHeaders = (ttlMs: number, fetchedAt: number) =>
    gate ? apiHeaders : { ...apiHeaders, 'cache-control': sharedCacheControl(ttlMs, now() - fetchedAt), vary: 'accept-encoding' };

  const sources = Object.fromEntries(SOURCES.map((source) => [source, { lastSuccessAt: null, lastError: null }])) as Record<Source, SourceStatus>;

  /** Records each upstream call's outcome per source and logs a failure once (coalesced callers share it), by code only. */
  const logged = (what: Source, load: () => Promise<Buffer>) => async () => {
    try {
      const body = await load();
      sources[what].lastSuccessAt = now();
      return body;
    } catch (error) {
      const code = error instanceof ProxyError ? error.code : 'upstream-error';
      sources[what].lastError = { at: now(), code };
      if (error instanceof ProxyError && error.byBudget) log(`${what}: a request refused by the upstream budget`);
      else log(`${what}: ${error instanceof ProxyError ? error.code : 'unexpected error'} (mode ${mode})`);
      throw error;
    }
  };

  function answer(req: IncomingMessage, res: ServerResponse, result: CacheResult, ttlMs: number) {
    if (result.kind === 'fresh') return send(req, res, 200, result.body, { ...freshHeaders(ttlMs, result.fetchedAt), [CACHE_HEADER]: result.source });
    if (result.kind === 'stale') {
      return send(req, res, 200, result.body, { ...apiHeaders, [CACHE_HEADER]: 'stale', [STALE_HEADER]: String(result.ageSeconds), [STALE_REASON_HEADER]: 'rate-limited' });
    }
    const { error } = result;
    const headers: Record<string, string> = { ...apiHeaders };
    if (error.code === 'rate-limited' && error.retryAfterMs !== null) headers['retry-after'] = String(Math.max(1, Math.ceil(error.retryAfterMs / 1000)));
    return sendError(req, res, error.code, headers);
  }

  async function realtime(req: IncomingMessage, res: ServerResponse, websiteId: string, query: RealtimeQuery, filters: Filters) {
    if (await refused(req, websiteId)) return sendError(req, res, 'unknown-website', apiHeaders);
    const key = filteredKey(`realtime:${websiteId}:${query.timezone ?? ''}`, filters);
    answer(req, res, await cache.get(key, vouched(websiteId, logged('realtime', () => upstream.realtime(websiteId, query, filters))), config.cacheTtlMs, admitFor(req)), config.cacheTtlMs);
  }

  async function exact(req: IncomingMessage, res: ServerResponse, websiteId: string, request: ExactRequest, filters: Filters) {
    if (await refused(req, websiteId)) return sendError(req, res, 'unknown-website', apiHeaders);
    // Umami would answer with the whole site's figure: the browser shows its filtered sample instead.
    if (filters.length > 0 && !honoursFilters(request)) return sendError(req, res, 'upstream-unsupported', apiHeaders);
    // The proxy sets the window when it calls, so no client value but the checked filters is part of the key.
    const load = vouched(websiteId, logged(request.route, () => upstream.exact(websiteId, request, filters)));
    answer(req, res, await cache.get(filteredKey(exactCacheKey(websiteId, request), filters), load, config.exactCacheTtlMs, admitFor(req)), config.exactCacheTtlMs);
  }

  /**
   * A period's window ends at a whole minute and moves once a minute, so an answer is shared
   * within the minute it was fetched in, for at most PERIOD_CACHE_TTL_MS.
   */
  async function period(req: IncomingMessage, res: ServerResponse, websiteId: string, request: PeriodRequest, filters: Filters) {
    if (await refused(req, websiteId)) return sendError(req, res, 'unknown-website', apiHeaders);
    const source: Source = request.route === 'pageviews' ? 'pageviews' : `period-${request.route}`;
    const load = vouched(websiteId, logged(source, () => upstream.period(websiteId, request, filters)));
    const t = now();
    const result = await cache.get(filteredKey(periodCacheKey(websiteId, request), filters), load, Math.min(config.periodCacheTtlMs, t % MINUTE_MS), admitFor(req));
    const untilNextMinute = (fetchedAt: number) => Math.min(config.periodCacheTtlMs, (Math.floor(fetchedAt / MINUTE_MS) + 1) * MINUTE_MS - fetchedAt);
    answer(req, res, result, result.kind === 'fresh' ? untilNextMinute(result.fetchedAt) : 0);
  }

  async function websites(req: IncomingMessage, res: ServerResponse) {
    const load = logged('websites', async () => {
      const sites = await upstream.websites();
      known.update(sites);
      return websitesBody(sites, config.websiteIds, config.budget);
    });
    const ttlMs = Math.max(config.cacheTtlMs, WEBSITES_TTL_MS);
    answer(req, res, await cache.get('websites', load, ttlMs), ttlMs);
  }

  /** With DASHBOARD_TOKEN set, a caller without the cookie learns up or down, not mode or budget. */
  function health(req: IncomingMessage, res: ServerResponse, detailed: boolean) {
    // An exact route that fails only costs the panels their exact figures (they show the sample).
    const ok = !ESSENTIAL.some((source) => failing(sources[source]));
    if (!detailed) return send(req, res, 200, JSON.stringify({ ok }), { 'cache-control': 'no-store' });
    const { lastSuccessAt, lastError, ...counters } = cache.stats();
    const body = {
      ok,
      mode,
      lastUpstreamSuccess: iso(lastSuccessAt),
      lastUpstreamError: lastError === null ? null : { at: iso(lastError.at), code: lastError.code },
      sources: Object.fromEntries(
        SOURCES.map((source) => {
          const status = sources[source];
          const { lastError: error } = status;
          return [source, { ok: !failing(status), lastSuccess: iso(status.lastSuccessAt), lastError: error && { at: iso(error.at), code: error.code } }];
        }),
      ),
      cache: counters,
      budget: budget.stats(),
    };
    send(req, res, 200, JSON.stringify(body), { ...apiHeaders, 'cache-control': 'no-store' });
  }

  return async function handle(req, res, next) {
    try {
      setSecurityHeaders(res, csp);
      const method = req.method ?? 'GET';
      const target = req.url ?? '/';
      const route = matchRoute(method, target);
      const { path, search } = splitTarget(target);

      let signedInByQuery = false;
      const token = gate && search ? new URLSearchParams(search).get('token') : null;
      if (gate && token !== null && gate.tokenMatches(token)) {
        res.setHeader('set-cookie', gate.setCookie(isHttps(req)));
        signedInByQuery = true;
        // Take the token out of the address bar (and history, and screenshots of the wall).
        if (route.kind === 'static' && (method === 'GET' || method === 'HEAD')) {
          res.writeHead(302, { location: withoutToken(path, search), 'cache-control': 'no-store', 'content-length': '0' });
          res.end();
          return;
        }
      }

      if (route.kind === 'static') {
        if (next) return next();
        return sendError(req, res, 'not-found');
      }
      const signedIn = !gate || signedInByQuery || gate.cookieMatches(req.headers.cookie);
      if (route.kind === 'healthz') return health(req, res, signedIn);
      if (!signedIn) return sendError(req, res, 'dashboard-token-required', apiHeaders);
      switch (route.kind) {
        case 'realtime':
          return await realtime(req, res, route.websiteId, route.query, route.filters);
        case 'exact':
          return await exact(req, res, route.websiteId, route.request, route.filters);
        case 'period':
          return await period(req, res, route.websiteId, route.request, route.filters);
        case 'websites':
          return await websites(req, res);
        case 'invalid-parameter':
          return sendError(req, res, 'invalid-parameter', apiHeaders);
        case 'invalid-website-id':
          return sendError(req, res, 'invalid-website-id', apiHeaders);
        case 'method-not-allowed':
          return sendError(req, res, 'method-not-allowed', { ...apiHeaders, allow: ALLOWED_METHODS });
        case 'not-found':
          return sendError(req, res, 'not-found', apiHeaders);
      }
    } catch {
      log('internal error while answering a request');
      if (!res.headersSent) sendError(req, res, 'upstream-error', apiHeaders);
      else res.destroy();
    }
  };
}
