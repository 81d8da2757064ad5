import { isUuid } from '../shared/validate.ts';
import { parseRetryAfter } from './backoff.ts';
import type { UpstreamConfig } from './config.ts';
import { createCredential } from './credential.ts';
import { METRICS_LIMIT, exactWindow, type ExactRequest } from './exact.ts';
import type { Priority } from './budget.ts';
import { periodTarget } from './period.ts';
import { ProxyError, type ProxyErrorCode } from './proxy-error.ts';
import type { Filters, RealtimeQuery } from './routes.ts';
import { umamiFilterParams } from '../shared/filters.ts';

const REALTIME_WINDOW_MS = 30 * 60_000;
import type { Log, Upstream } from './upstream.ts';
import { parseJsonArray, parseJsonObject, type UpstreamFetch, type UpstreamResponse } from './upstream-fetch.ts';
import { parseWebsites } from './websites.ts';
import { WEBSITES_PAGE_SIZE } from './known-sites.ts';

type UmamiConfig = Exclude<UpstreamConfig, { mode: 'demo' }>;

/**
 * Headers for one request, and (where the mode can) a way to get fresh ones after a 401; that
 * gives null when the credential was just obtained, so the 401 is about the request.
 */
type Signed = { headers: Record<string, string>; renew: (() => Promise<Signed | null>) | null };

/** Base URL + fixed segments + validated query: the client's path is never part of it. */
export function upstreamUrl(base: URL, segments: string[], query?: URLSearchParams): URL {
  const url = new URL(base.href);
  url.pathname = `${base.pathname.replace(/\/+$/, '')}/${segments.map(encodeURIComponent).join('/')}`;
  url.search = query?.toString() ?? '';
  url.hash = '';
  return url;
}

/**
 * Umami's status → the proxy's error; upstream bodies never pass through. For an exact route
 * (`optional`), 400 and 404 mean "not offered here": Umami answers a type it does not know with
 * 400, an older Umami has no such route (404), and an unknown website gets 401, never 404.
 */
export function checkStatus(response: UpstreamResponse, now: number, optional = false): UpstreamResponse {
  const { status } = response;
  if (status >= 200 && status < 300) return response;
  if (optional && (status === 400 || status === 404)) throw new ProxyError('upstream-unsupported');
  if (status === 401 || status === 403) throw new ProxyError('bad-credentials');
  if (status === 404) throw new ProxyError('unknown-website');
  if (status === 429) throw new ProxyError('rate-limited', parseRetryAfter(response.headers.get('retry-after'), now));
  throw new ProxyError('upstream-error');
}

/** A filtered wall's filters, in Umami's form, after the proxy's own parameters. */
function withFilters(params: URLSearchParams, filters: Filters): URLSearchParams {
  for (const [name, value] of umamiFilterParams(filters)) params.append(name, value);
  return params;
}

/** Umami ignores the window (fixtures README) but documents it: the proxy's own, never a client's. */
function realtimeParams({ timezone }: RealtimeQuery, filters: Filters, now: number): URLSearchParams {
  const params = new URLSearchParams({ startAt: String(now - REALTIME_WINDOW_MS), endAt: String(now) });
  if (timezone !== null) params.set('timezone', timezone);
  return withFilters(params, filters);
}

/** Path and query of an exact route: the window and the row limit come from the proxy alone. */
function exactTarget(websiteId: string, request: ExactRequest, now: number): { segments: string[]; query: URLSearchParams } {
  if (request.route === 'active') return { segments: ['websites', websiteId, 'active'], query: new URLSearchParams() };
  const { startAt, endAt } = exactWindow(now);
  const query = new URLSearchParams({ startAt: String(startAt), endAt: String(endAt) });
  if (request.route === 'stats') return { segments: ['websites', websiteId, 'stats'], query };
  query.set('type', request.type);
  query.set('limit', String(METRICS_LIMIT));
  return { segments: ['websites', websiteId, 'metrics', 'expanded'], query };
}

type Share = { websiteId: string; token: string };

export function createUmamiUpstream(
  config: UmamiConfig,
  { fetchUpstream, log, now = Date.now }: { fetchUpstream: UpstreamFetch; log: Log; now?: () => number },
): Upstream {
  const base = config.mode === 'share' ? config.apiBase : config.baseUrl;
  // Cloud paths have no /api prefix (https://api.umami.is/v1/realtime/:id).
  const api = (segments: string[], query?: URLSearchParams) =>
    upstreamUrl(base, config.mode === 'cloud' ? segments : ['api', ...segments], query);

  async function login(username: string, password: string): Promise<string> {
    const response = await fetchUpstream({ method: 'POST', url: api(['auth', 'login']), headers: {}, json: { username, password } });
    if (response.status === 401 || response.status === 403) {
      log(`login: Umami refused UMAMI_USERNAME/UMAMI_PASSWORD (status ${response.status})`);
      throw new ProxyError('bad-credentials');
    }
    if (response.status === 404) {
      log('login: Umami has no /api/auth/login here (status 404); check UMAMI_URL');
      throw new ProxyError('upstream-error');
    }
    const { token } = parseJsonObject(checkStatus(response, now()).body);
    if (typeof token !== 'string' || token === '') throw new ProxyError('upstream-malformed');
    log('login: signed in to Umami');
    return token;
  }

  async function fetchShare(slug: string): Promise<Share> {
    const response = await fetchUpstream({ method: 'GET', url: api(['share', slug]), headers: {} });
    if (response.status === 404 || response.status === 401 || response.status === 403) {
      log(`share: Umami does not accept the share link (status ${response.status}); check UMAMI_SHARE_URL`);
      throw new ProxyError('bad-credentials');
    }
    const { websiteId, token } = parseJsonObject(checkStatus(response, now()).body);
    if (typeof websiteId !== 'string' || !isUuid(websiteId) || typeof token !== 'string' || token === '') {
      throw new ProxyError('upstream-malformed');
    }
    log('share: got a share token from Umami');
    return { websiteId: websiteId.toLowerCase(), token };
  }

  let sign: () => Promise<Signed>;
  let shared: (() => Promise<Share>) | null = null;
  if (config.mode === 'cloud') {
    const signed: Signed = { headers: { 'x-umami-api-key': config.apiKey }, renew: null };
    sign = async () => signed;
  } else if (config.mode === 'apikey') {
    // Like @umami/api-client: the key both as x-umami-api-key and as a bearer token.
    const signed: Signed = { headers: { 'x-umami-api-key': config.apiKey, authorization: `Bearer ${config.apiKey}` }, renew: null };
    sign = async () => signed;
  } else if (config.mode === 'login') {
    const { username, password } = config;
    const token = createCredential(() => login(username, password), { now });
    const withToken = (value: string): Signed => ({
      headers: { authorization: `Bearer ${value}` },
      renew: async () => {
        const renewed = await token.renew(value);
        return renewed === null ? null : withToken(renewed);
      },
    });
    sign = async () => withToken(await token.get());
  } else {
    const { slug } = config;
    const credential = createCredential(() => fetchShare(slug), { now });
    // Umami 3.1 accepts a share token only together with a non-empty share context.
    const withShare = (value: Share): Signed => ({
      headers: { 'x-umami-share-token': value.token, 'x-umami-share-context': '1' },
      renew: async () => {
        const renewed = await credential.renew(value);
        return renewed === null ? null : withShare(renewed);
      },
    });
    sign = async () => withShare(await credential.get());
    shared = credential.get;
  }

  /**
   * A GET signed for the mode; one renewal and retry after a 401 where the mode can renew.
   * `refusedWhenFresh`: what a 401 means when it comes right after a successful login (first or
   * renewed). The credentials were just proven good, so Umami is refusing the thing asked for:
   * Umami 3.1 answers 401, not 404, for a website the account cannot see.
   */
  async function get(
    url: URL,
    { refusedWhenFresh = 'bad-credentials', priority = 'high', optional = false }: { refusedWhenFresh?: ProxyErrorCode; priority?: Priority; optional?: boolean } = {},
  ): Promise<UpstreamResponse> {
    let signed = await sign();
    let response = await fetchUpstream({ method: 'GET', url, headers: signed.headers, priority });
    if (response.status === 401 && signed.renew) {
      const renewed = await signed.renew();
      if (!renewed) {
        log(`upstream refused the request with credentials renewed moments ago (401): ${refusedWhenFresh}`);
        throw new ProxyError(refusedWhenFresh);
      }
      signed = renewed;
      response = await fetchUpstream({ method: 'GET', url, headers: signed.headers, priority });
      if (response.status === 401) {
        log(`upstream refused the request with fresh credentials (401): ${refusedWhenFresh}`);
        throw new ProxyError(refusedWhenFresh);
      }
    }
    if (response.status >= 300 && response.status < 400) log(`upstream answered a redirect (status ${response.status}); check the Umami URL`);
    else if (response.status >= 400) log(`upstream answered status ${response.status}`);
    return checkStatus(response, now(), optional);
  }

  const shareHost = config.mode === 'share' ? config.host : '';

  /** A share token is valid for its own website only. */
  async function checkShared(websiteId: string) {
    if (!shared) return;
    const { websiteId: allowed } = await shared();
    if (websiteId !== allowed) throw new ProxyError('unknown-website');
  }

  /** An exact or period route: low priority under the budget, 400/404 "not offered here"; its JSON checked. */
  async function optionalRoute(websiteId: string, { segments, query }: { segments: string[]; query: URLSearchParams }, isList: boolean, filters: Filters) {
    await checkShared(websiteId);
    withFilters(query, filters);
    // Fresh credentials and still 401: for a share link, a section the share leaves out.
    const refusedWhenFresh = shared ? 'upstream-unsupported' : 'unknown-website';
    const response = await get(api(segments, query), { refusedWhenFresh, priority: 'low', optional: true });
    if (isList) parseJsonArray(response.body);
    else parseJsonObject(response.body);
    return response.body;
  }

  return {
    mode: config.mode,
    async realtime(websiteId, query, filters) {
      await checkShared(websiteId);
      let response: UpstreamResponse;
      try {
        response = await get(api(['realtime', websiteId], realtimeParams(query, filters, now())), { refusedWhenFresh: 'unknown-website' });
      } catch (error) {
        // Umami answers an empty 500 for a zone its database does not know (an older PostgreSQL
        // than the browser's ICU). Without a zone it labels buckets in UTC, which the app reads.
        if (!(error instanceof ProxyError && error.code === 'upstream-error' && query.timezone)) throw error;
        log('upstream failed with a timezone (500); asking again without it');
        response = await get(api(['realtime', websiteId], realtimeParams({ timezone: null }, filters, now())), { refusedWhenFresh: 'unknown-website' });
      }
      parseJsonObject(response.body);
      return response.body;
    },
    async exact(websiteId, request, filters) {
      return optionalRoute(websiteId, exactTarget(websiteId, request, now()), request.route === 'metrics', filters);
    },
    async period(websiteId, request, filters) {
      return optionalRoute(websiteId, periodTarget(websiteId, request, now()), request.route === 'metrics', filters);
    },
    async websites() {
      if (shared) {
        // Umami answers /api/websites with a 500 for a share token: describe the one shared site.
        const { websiteId } = await shared();
        return [{ id: websiteId, name: 'Shared website', domain: shareHost }];
      }
      // Umami pages by 20; ask for more so the UMAMI_WEBSITE_IDS filter sees every site.
      const response = await get(api(['websites'], new URLSearchParams({ pageSize: String(WEBSITES_PAGE_SIZE) })));
      return parseWebsites(parseJsonObject(response.body));
    },
  };
}
