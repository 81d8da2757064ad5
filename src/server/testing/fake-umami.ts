import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A fake Umami 3.1 on 127.0.0.1 for the proxy's tests. It answers like the real server did
// when the fixtures were recorded (src/test/fixtures/umami-3.1/README.md), records every
// request, and lets a test take over any answer with `override`.

const FIXTURES = new URL('../../test/fixtures/umami-3.1/', import.meta.url);
export const fixture = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');

export const BUSY = '23119484-709c-44bf-994c-92f109bda03b';
export const EMPTY = '95b7680c-9158-4b84-b4ea-7ccc08cc94ea';
/** The recorded realtime answers; a test compares what the proxy passed through with these. */
export const BODIES = {
  busy: fixture('realtime-busy.json'),
  busyNoTimezone: fixture('realtime-busy-no-timezone.json'),
  busyHour: fixture('realtime-busy-unit-hour.json'),
  empty: fixture('realtime-empty.json'),
  unknown: fixture('realtime-404-or-other.json'),
  unauthorized: fixture('realtime-401.json'),
  websites: fixture('websites-list.json'),
};
const aggregate = (name: string) => fixture(`aggregates/${name}`);
/** The exact routes' recorded answers (aggregates/README.md): busy site, empty site, Umami's 400. */
export const EXACT_BODIES = {
  busyStats: aggregate('agg-busy-stats.json'),
  busyActive: aggregate('agg-busy-active.json'),
  busyMetrics: {
    path: aggregate('agg-busy-metrics-expanded-path.json'),
    referrer: aggregate('agg-busy-metrics-expanded-referrer.json'),
    country: aggregate('agg-busy-metrics-expanded-country.json'),
    event: aggregate('agg-busy-metrics-expanded-event.json'),
  } as Record<string, string>,
  emptyStats: aggregate('agg-empty-stats.json'),
  emptyActive: aggregate('agg-empty-active.json'),
  emptyMetrics: aggregate('agg-empty-metrics-expanded-path.json'),
  /** `pageviews?unit=minute` over the realtime window (agg-busy-pageviews-minute.json). */
  busyPageviews: aggregate('agg-busy-pageviews-minute.json'),
  emptyPageviews: '{"pageviews":[],"sessions":[]}',
  badType: aggregate('agg-error-metrics-bad-type.json'),
  noDates: aggregate('agg-error-stats-no-dates.json'),
};
const login = JSON.parse(fixture('login-response.json')) as { token: string; user: unknown };
const share = JSON.parse(fixture('share-response.json')) as { websiteId: string; token: string };

export type Recorded = { method: string; url: string; headers: IncomingHttpHeaders; body: string };

/** Return true when the override answered; false lets the fake answer as Umami would. */
export type Override = (request: Recorded, res: ServerResponse) => boolean | Promise<boolean>;

export type FakeUmamiOptions = {
  /** Path before the route names: `/api` (self-hosted), `/v1` (Cloud), `/umami/api` (base path). */
  prefix?: string;
  username?: string;
  password?: string;
  apiKey?: string;
  shareSlug?: string;
  /** Delay before each answer, to make concurrent calls overlap. */
  latencyMs?: number | (() => number);
};

export type FakeUmami = {
  url: string;
  requests: Recorded[];
  /** Tokens issued by login / share lookups so far. */
  issued: { login: string[]; share: string[] };
  /** Makes every issued token invalid, as if Umami had restarted with a new secret. */
  revokeTokens(): void;
  override(handler: Override | null): void;
  close(): Promise<void>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function json(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'cache-control': 'no-cache' });
  res.end(body);
}

export async function startFakeUmami(options: FakeUmamiOptions = {}): Promise<FakeUmami> {
  const prefix = options.prefix ?? '/api';
  const requests: Recorded[] = [];
  const issued = { login: [] as string[], share: [] as string[] };
  const valid = new Set<string>();
  let override: Override | null = null;

  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    const recorded: Recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
    requests.push(recorded);
    const latency = typeof options.latencyMs === 'function' ? options.latencyMs() : (options.latencyMs ?? 0);
    if (latency > 0) await sleep(latency);
    if (override && (await override(recorded, res))) return;

    const url = new URL(recorded.url, 'http://fake');
    const route = url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : null;
    const bearer = req.headers.authorization?.split(' ')[1];
    const shareToken = req.headers['x-umami-share-token'];
    const shareContext = req.headers['x-umami-share-context'];
    const byLogin = bearer !== undefined && valid.has(bearer) && issued.login.includes(bearer);
    const byKey = options.apiKey !== undefined && req.headers['x-umami-api-key'] === options.apiKey;
    const byShare = typeof shareToken === 'string' && valid.has(shareToken) && typeof shareContext === 'string' && shareContext !== '';

    if (route === '/auth/login' && req.method === 'POST') {
      const credentials = JSON.parse(body || '{}') as { username?: string; password?: string };
      if (credentials.username !== options.username || credentials.password !== options.password) {
        return json(res, 401, '{"error":{"message":"Unauthorized","code":"incorrect-username-password","status":401}}');
      }
      const token = `login-token-${issued.login.length + 1}`;
      issued.login.push(token);
      valid.add(token);
      return json(res, 200, JSON.stringify({ ...login, token }));
    }
    const shareMatch = route === null ? null : /^\/share\/([^/]+)$/.exec(route);
    if (shareMatch && req.method === 'GET') {
      if (shareMatch[1] !== options.shareSlug) return json(res, 404, '{"error":{"message":"Not Found","code":"not-found","status":404}}');
      const token = `share-token-${issued.share.length + 1}`;
      issued.share.push(token);
      valid.add(token);
      return json(res, 200, JSON.stringify({ ...share, token }));
    }
    if (route === '/websites' && req.method === 'GET') {
      if (byLogin || byKey) return json(res, 200, BODIES.websites);
      if (byShare) {
        res.writeHead(500);
        return res.end();
      }
      return json(res, 401, BODIES.unauthorized);
    }
    const realtime = route === null ? null : /^\/realtime\/([^/]+)$/.exec(route);
    if (realtime && req.method === 'GET') {
      const id = realtime[1] ?? '';
      if (!(byLogin || byKey || (byShare && id === share.websiteId))) return json(res, 401, BODIES.unauthorized);
      const timezone = url.searchParams.get('timezone');
      if (timezone !== null && timezone !== 'utc' && !timezoneKnown(timezone)) {
        res.writeHead(500);
        return res.end();
      }
      if (id === BUSY) {
        if (url.searchParams.get('unit') === 'hour') return json(res, 200, BODIES.busyHour);
        return json(res, 200, timezone === null ? BODIES.busyNoTimezone : BODIES.busy);
      }
      return json(res, 200, id === EMPTY ? BODIES.empty : BODIES.unknown);
    }
    const exact = route === null ? null : /^\/websites\/([^/]+)\/(stats|active|metrics\/expanded|pageviews)$/.exec(route);
    if (exact && req.method === 'GET') {
      const [, id = '', name] = exact;
      if (!(byLogin || byKey || (byShare && id === share.websiteId))) return json(res, 401, BODIES.unauthorized);
      const busy = id === BUSY;
      if (name === 'active') return json(res, 200, busy ? EXACT_BODIES.busyActive : EXACT_BODIES.emptyActive);
      const dated = /^\d+$/.test(url.searchParams.get('startAt') ?? '') && /^\d+$/.test(url.searchParams.get('endAt') ?? '');
      if (!dated) return json(res, 400, EXACT_BODIES.noDates);
      if (name === 'stats') return json(res, 200, busy ? EXACT_BODIES.busyStats : EXACT_BODIES.emptyStats);
      if (name === 'pageviews') return json(res, 200, busy ? EXACT_BODIES.busyPageviews : EXACT_BODIES.emptyPageviews);
      const rows = EXACT_BODIES.busyMetrics[url.searchParams.get('type') ?? ''];
      if (rows === undefined) return json(res, 400, EXACT_BODIES.badType);
      return json(res, 200, busy ? rows : EXACT_BODIES.emptyMetrics);
    }
    json(res, 404, '{"error":{"message":"Not Found","code":"not-found","status":404}}');
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    issued,
    revokeTokens: () => valid.clear(),
    override: (handler) => {
      override = handler;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function timezoneKnown(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
