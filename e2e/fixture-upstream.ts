// A fake Umami 3.1 on 127.0.0.1 for the e2e suite: it replays the responses recorded from a
// real Umami (src/test/fixtures/umami-3.1), moved forward to the current time, and plays
// scripted failures per website so tests running in parallel do not disturb each other.
//
//   PUT /__scenario/:websiteId  {"steps": ["busy", "401"]}  each realtime call takes the next
//                                                            step; the last one repeats
//   PUT /__exact/:websiteId     {"steps": ["400", "recorded"], "route": "metrics"}
//                               the same for the exact routes (stats, metrics/expanded, active);
//                               without "route", for all three
//   PUT /__exact/:websiteId     {"steps": ["500"], "route": "stats", "period": "yesterday"}
//                               the same for the day windows (issue 19) of stats, metrics and
//                               pageviews: "period" is today, yesterday, lastweek or "all";
//                               a script without "period" never touches them
//   step "purchase": the busy answer plus one `purchase` custom event, made at the first such
//                    answer and repeated unchanged by every later one (as Umami repeats a row)
//   step "silent":   the busy answer as if its traffic had stopped 10 minutes earlier
//   step "spike":    the busy answer with 100 more page views in the current minute
//   step "huge":     the busy answer with ten-digit counts; as an exact step, the recorded exact
//                    and day answers with every count × HUGE_FACTOR
//   step "vast":     the busy answer with 1e308 for every count (beyond what a double holds exactly)
//   GET /__requests                                          what this server received
//   DELETE /__requests                                       forget it
//
// Exact routes by default: SITES.exact answers the aggregates recorded beside its realtime
// answer, SITES.empty the empty site's, any other site 404 (an Umami without these routes), so
// the recorded realtime numbers of every other test stay what the page shows. The day windows
// the same way, with the numbers below (PERIOD_STATS, PERIOD_EVENTS, periodPageviews).
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PERIOD_DAYS, startOfDay, type PastPeriod, type Period } from '../src/shared/zoned-time.ts';
import { SECRETS, SITES, UPSTREAM_PORT } from './servers.ts';

const FIXTURES = new URL('../src/test/fixtures/umami-3.1/', import.meta.url);
const load = (name: string): unknown => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'));
const aggregate = (name: string): unknown => load(`aggregates/${name}`);

type RawEvent = { createdAt: string; urlPath: string } & Record<string, unknown>;
type RawRealtime = {
  countries: Record<string, number>;
  urls: Record<string, number>;
  referrers: Record<string, number>;
  events: RawEvent[];
  series: { views: { x: string; y: number }[]; visitors: { x: string; y: number }[] };
  totals: Record<string, number>;
  timestamp: number;
};

const busy = load('realtime-busy.json') as RawRealtime;
const exactRealtime = aggregate('agg-busy-realtime.json') as RawRealtime;
const EXACT = {
  recorded: {
    stats: aggregate('agg-busy-stats.json'),
    active: aggregate('agg-busy-active.json'),
    metrics: {
      path: aggregate('agg-busy-metrics-expanded-path.json'),
      referrer: aggregate('agg-busy-metrics-expanded-referrer.json'),
      country: aggregate('agg-busy-metrics-expanded-country.json'),
      event: aggregate('agg-busy-metrics-expanded-event.json'),
    } as Record<string, unknown>,
  },
  empty: { stats: aggregate('agg-empty-stats.json'), active: aggregate('agg-empty-active.json'), metrics: aggregate('agg-empty-metrics-expanded-path.json') },
  badRequest: aggregate('agg-error-metrics-bad-type.json'),
  noDates: aggregate('agg-error-stats-no-dates.json'),
};
const recordedPageviews = aggregate('agg-busy-pageviews-minute.json') as { pageviews: Point[]; sessions: Point[] };
type Point = { x: string; y: number };
const empty = load('realtime-empty.json') as RawRealtime;
const unauthorized = load('realtime-401.json');
const websites = load('websites-list.json');
const login = load('login-response.json') as { token: string; user: unknown };

export const STEPS = ['busy', 'exact', 'empty', 'xss', 'huge', 'vast', 'purchase', 'silent', 'spike', '401', '404', '429', '500', 'timeout', 'malformed', 'garbage', 'down'] as const;
export type Step = (typeof STEPS)[number];

export const EXACT_ROUTES = ['stats', 'metrics', 'active', 'pageviews'] as const;
export type ExactRoute = (typeof EXACT_ROUTES)[number];
export const EXACT_STEPS = ['recorded', 'huge', 'empty', '400', '401', '404', '429', '500', 'timeout', 'malformed'] as const;
export type ExactStep = (typeof EXACT_STEPS)[number];
/** Which day windows a script applies to. */
export type PeriodScript = Period | 'all';

type DayStats = { pageviews: number; visitors: number; visits: number; bounces: number; totaltime: number };

/**
 * The `recorded` answer of `stats?startAt&endAt&timezone` over each day window: today +20 %
 * against yesterday in views, visitors and events, −20 % views / −25 % visitors / −30 % events
 * against last week. `comparison` (Umami's previous window) is the day before's, unused by the app.
 */
export const PERIOD_STATS: Record<Period, DayStats> = {
  today: { pageviews: 1200, visitors: 300, visits: 330, bounces: 120, totaltime: 48_000 },
  yesterday: { pageviews: 1000, visitors: 250, visits: 275, bounces: 100, totaltime: 40_000 },
  lastweek: { pageviews: 1500, visitors: 400, visits: 440, bounces: 160, totaltime: 64_000 },
};

/** The `recorded` custom events per day window, as `[name, count, visitors]`: 42, 35 and 60 in all. */
export const PERIOD_EVENTS: Record<Period, ReadonlyArray<readonly [string, number, number]>> = {
  today: [['signup-click', 30, 21], ['purchase', 12, 9]],
  yesterday: [['signup-click', 25, 18], ['purchase', 10, 8]],
  lastweek: [['signup-click', 40, 30], ['purchase', 15, 12], ['newsletter-subscribe', 5, 5]],
};
export const periodEventTotal = (period: Period) => PERIOD_EVENTS[period].reduce((sum, [, count]) => sum + count, 0);

/** What the "huge" steps multiply every count by: 4 → 493,827,156, 228 → 28,148,147,892. */
export const HUGE_FACTOR = 123_456_789;

/** `body` with every count (a number, or a numeric string as Umami sends some) × HUGE_FACTOR; names and labels stay. */
function huge(body: unknown, key = ''): unknown {
  if (key === 'name' || key === 'x') return body;
  if (typeof body === 'number') return body * HUGE_FACTOR;
  if (typeof body === 'string' && /^\d+$/.test(body)) return String(Number(body) * HUGE_FACTOR);
  if (Array.isArray(body)) return body.map((item) => huge(item));
  if (body !== null && typeof body === 'object') return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, huge(v, k)]));
  return body;
}

/** The busy answer with every list count and series point replaced by `count(n)`, and these totals. */
function withCounts(data: RawRealtime, count: (n: number) => number, totals: RawRealtime['totals']): RawRealtime {
  const counts = (map: Record<string, number>) => Object.fromEntries(Object.entries(map).map(([key, n]) => [key, count(n)]));
  const series = (points: RawRealtime['series']['views']) => points.map((p) => ({ ...p, y: count(p.y) }));
  return {
    ...data,
    urls: counts(data.urls),
    referrers: counts(data.referrers),
    countries: counts(data.countries),
    series: { views: series(data.series.views), visitors: series(data.series.visitors) },
    totals,
  };
}

/** Last week's ghost line is the recording doubled, so a test can tell it from yesterday's. */
export const LASTWEEK_PAGEVIEWS_FACTOR = 2;

// realtime-busy.json was recorded with timezone=Europe/Berlin, UTC+1 in November.
const BERLIN_OFFSET_MS = 60 * 60 * 1000;
const MINUTE = 60_000;

function wallClock(ms: number, timeZone: string): string {
  // sv-SE formats as "2026-11-26 12:25:00", Umami's shape for a non-utc timezone.
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(ms));
}

/**
 * The busy recording as if it had been recorded at `recordedAt` and asked for at `now`: like a
 * real Umami, the same rows keep the same times on every poll while the answer's time moves on.
 * Both recordings were made with timezone=Europe/Berlin in winter (UTC+1).
 */
export function busyAt(recordedAt: number, now: number, timezone: string | null, recording: RawRealtime = busy): RawRealtime {
  // Events keep their distance to the recording's time (none lands in the future); buckets move
  // by whole minutes so the last one is the recording's minute.
  const shift = recordedAt - recording.timestamp;
  const minuteShift = Math.floor(recordedAt / MINUTE) * MINUTE - Math.floor(recording.timestamp / MINUTE) * MINUTE;
  const bucket = (x: string) => {
    const instant = Date.parse(`${x.replace(' ', 'T')}Z`) - BERLIN_OFFSET_MS + minuteShift;
    return !timezone || timezone === 'utc' ? new Date(instant).toISOString().replace('.000Z', 'Z') : wallClock(instant, timezone);
  };
  return {
    ...recording,
    events: recording.events.map((e) => ({ ...e, createdAt: new Date(Date.parse(e.createdAt) + shift).toISOString() })),
    series: {
      views: recording.series.views.map((p) => ({ x: bucket(p.x), y: p.y })),
      visitors: recording.series.visitors.map((p) => ({ x: bucket(p.x), y: p.y })),
    },
    timestamp: now,
  };
}

/**
 * agg-busy-pageviews-minute.json (31 Berlin-time minute slots from 18:11, 18:30 missing) moved
 * to a window starting at `startAt` and labelled as Umami labels it in `timezone`.
 */
export function periodPageviews(startAt: number, timezone: string, period: PastPeriod): { pageviews: Point[]; sessions: Point[] } {
  const first = Date.parse('2026-12-05T18:11:00Z');
  const factor = period === 'lastweek' ? LASTWEEK_PAGEVIEWS_FACTOR : 1;
  const move = (points: Point[]) =>
    points.map((p) => {
      const instant = startAt + (Date.parse(`${p.x.replace(' ', 'T')}Z`) - first);
      const x = timezone === 'utc' ? new Date(instant).toISOString().replace('.000Z', 'Z') : wallClock(instant, timezone);
      return { x, y: p.y * factor };
    });
  return { pageviews: move(recordedPageviews.pageviews), sessions: move(recordedPageviews.sessions) };
}

/** The day window a request names: today, yesterday or last week in its zone; null for the realtime window. */
function periodOf(url: URL, route: ExactRoute, now: number): Period | null {
  const timezone = url.searchParams.get('timezone');
  const startAt = Number(url.searchParams.get('startAt'));
  if (timezone === null || route === 'active') return null;
  // The ghost window starts half an hour before now, n days back; a day window at a midnight.
  const days = Math.round(((route === 'pageviews' ? now : startOfDay(now, timezone)) - startAt) / 86_400_000);
  return (Object.keys(PERIOD_DAYS) as Period[]).find((period) => PERIOD_DAYS[period] === days) ?? null;
}

function timezoneKnown(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const XSS_PATH = '/<img src=x onerror=alert(1)>';
/** Umami's label for the minute of `ms` in the requested zone (fixtures README). */
function minuteLabel(ms: number, timezone: string | null): string {
  const minute = Math.floor(ms / MINUTE) * MINUTE;
  return !timezone || timezone === 'utc' ? new Date(minute).toISOString().replace('.000Z', 'Z') : wallClock(minute, timezone);
}

/** How long the "silent" step's traffic has been quiet. */
export const SILENT_FOR_MS = 10 * MINUTE;

type Logged = { method: string; url: string; headers: IncomingMessage['headers'] };

export function startFixtureUpstream({
  port = 0,
  username,
  password,
  token,
}: {
  port?: number;
  username: string;
  password: string;
  token: string;
}) {
  const scenarios = new Map<string, Step[]>();
  /** Keyed `websiteId:route`, or `websiteId:*` for all three exact routes; day windows add `:period` (or `:all`). */
  const exactScenarios = new Map<string, ExactStep[]>();
  // Each website's recording is anchored at its first busy answer: its rows then keep their
  // times across polls, and a test on a fresh website id sees exactly the recorded numbers.
  const anchors = new Map<string, number>();
  const anchor = (id: string) => {
    if (!anchors.has(id)) anchors.set(id, Date.now());
    return anchors.get(id)!;
  };
  const requests: Logged[] = [];
  /** When each website's scripted purchase happened: the same row on every answer after it. */
  const purchases = new Map<string, number>();

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'cache-control': 'no-cache' });
    res.end(JSON.stringify(body));
  };
  const authorized = (req: IncomingMessage) => req.headers.authorization?.split(' ')[1] === token;

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fixture');
    let body = '';
    for await (const chunk of req) body += String(chunk);

    if (url.pathname.startsWith('/__scenario/') && req.method === 'PUT') {
      const steps = (JSON.parse(body) as { steps: Step[] }).steps.filter((s) => STEPS.includes(s));
      scenarios.set(url.pathname.slice('/__scenario/'.length), steps);
      return json(res, 200, { ok: true });
    }
    if (url.pathname.startsWith('/__exact/') && req.method === 'PUT') {
      const script = JSON.parse(body) as { steps: ExactStep[]; route?: ExactRoute; period?: PeriodScript };
      const route = script.route && EXACT_ROUTES.includes(script.route) ? script.route : '*';
      const period = script.period === 'all' || (script.period && script.period in PERIOD_DAYS) ? `:${script.period}` : '';
      exactScenarios.set(`${url.pathname.slice('/__exact/'.length)}:${route}${period}`, script.steps.filter((s) => EXACT_STEPS.includes(s)));
      return json(res, 200, { ok: true });
    }
    if (url.pathname === '/__requests') {
      if (req.method === 'DELETE') requests.length = 0;
      return json(res, 200, requests);
    }
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });

    if (url.pathname === '/api/auth/login' && req.method === 'POST') {
      const credentials = JSON.parse(body || '{}') as { username?: string; password?: string };
      if (credentials.username === username && credentials.password === password) return json(res, 200, { ...login, token });
      return json(res, 401, { error: { message: 'Unauthorized', code: 'incorrect-username-password', status: 401 } });
    }
    if (url.pathname === '/api/websites' && req.method === 'GET') {
      return authorized(req) ? json(res, 200, websites) : json(res, 401, unauthorized);
    }
    const exact = /^\/api\/websites\/([^/]+)\/(stats|active|metrics\/expanded|pageviews)$/.exec(url.pathname);
    if (exact && req.method === 'GET') {
      if (!authorized(req)) return json(res, 401, unauthorized);
      const id = decodeURIComponent(exact[1] ?? '');
      const route: ExactRoute = exact[2] === 'metrics/expanded' ? 'metrics' : (exact[2] as ExactRoute);
      const timezone = url.searchParams.get('timezone');
      if (timezone !== null && !timezoneKnown(timezone)) {
        res.writeHead(500); // Umami: PostgreSQL does not know the zone, empty body
        return res.end();
      }
      const period = periodOf(url, route, Date.now());
      const keys = period
        ? [`${id}:${route}:${period}`, `${id}:${route}:all`, `${id}:*:${period}`, `${id}:*:all`]
        : [`${id}:${route}`, `${id}:*`];
      const steps = keys.map((key) => exactScenarios.get(key)).find((s) => s !== undefined);
      const fallback: ExactStep = id === SITES.exact ? 'recorded' : id === SITES.empty ? 'empty' : '404';
      const step: ExactStep = steps && steps.length > 0 ? (steps.length > 1 ? steps.shift()! : steps[0]!) : fallback;
      if (period) return answerPeriod(res, url, route, period, step);
      // Pageviews outside the ghost windows: not something the proxy asks for.
      return route === 'pageviews' ? json(res, 400, EXACT.badRequest) : answerExact(res, url, route, step);
    }
    const match = /^\/api\/realtime\/([^/]+)$/.exec(url.pathname);
    if (match && req.method === 'GET') {
      if (!authorized(req)) return json(res, 401, unauthorized);
      const id = decodeURIComponent(match[1] ?? '');
      if (!/^[0-9a-f-]{36}$/i.test(id)) {
        res.writeHead(500); // Umami: Prisma cannot parse the id, empty body
        return res.end();
      }
      const steps = scenarios.get(id);
      const fallback: Step = id === SITES.busy ? 'busy' : id === SITES.exact ? 'exact' : 'empty';
      const step: Step = steps && steps.length > 0 ? (steps.length > 1 ? steps.shift()! : steps[0]!) : fallback;
      const timezone = url.searchParams.get('timezone');
      switch (step) {
        case 'busy':
          return json(res, 200, busyAt(anchor(id), Date.now(), timezone));
        case 'exact':
          return json(res, 200, busyAt(anchor(id), Date.now(), timezone, exactRealtime));
        case 'empty':
          return json(res, 200, { ...empty, timestamp: Date.now() });
        case 'purchase': {
          const data = busyAt(anchor(id), Date.now(), timezone);
          if (!purchases.has(id)) purchases.set(id, Date.now());
          const first = data.events[0]!;
          const purchase = { ...first, __type: 'event', eventName: 'purchase', urlPath: '/checkout', referrerDomain: null, createdAt: new Date(purchases.get(id)!).toISOString() };
          return json(res, 200, { ...data, events: [purchase, ...data.events], totals: { ...data.totals, events: (data.totals.events ?? 0) + 1 } });
        }
        case 'silent':
          return json(res, 200, busyAt(anchor(id) - SILENT_FOR_MS, Date.now(), timezone));
        case 'spike': {
          const data = busyAt(anchor(id), Date.now(), timezone);
          const x = minuteLabel(Date.now(), timezone);
          const views = [...data.series.views.filter((p) => p.x !== x), { x, y: (data.series.views.find((p) => p.x === x)?.y ?? 0) + 100 }];
          return json(res, 200, { ...data, series: { ...data.series, views }, totals: { ...data.totals, views: (data.totals.views ?? 0) + 100 } });
        }
        case 'xss': {
          const data = busyAt(anchor(id), Date.now(), timezone);
          return json(res, 200, {
            ...data,
            urls: { ...data.urls, [XSS_PATH]: 99 },
            events: [{ ...data.events[0], urlPath: XSS_PATH, createdAt: new Date().toISOString() }, ...data.events],
          });
        }
        case 'huge':
          // Ten-digit counts everywhere a number is shown, as a site with a vast audience would send.
          return json(res, 200, withCounts(busyAt(anchor(id), Date.now(), timezone), (n) => n * HUGE_FACTOR, { views: 9_876_543_210, visitors: 1_234_567_890, events: 987_654_321, countries: 123 }));
        case 'vast':
          return json(res, 200, withCounts(busyAt(anchor(id), Date.now(), timezone), () => 1e308, { views: 1e308, visitors: 1e308, events: 1e308, countries: 1e308 }));
        case '401':
        case '404':
        case '429':
        case '500':
        case 'timeout':
          return answerFailure(res, step);
        case 'malformed':
          return json(res, 200, { countries: 'none', totals: { views: 'many' } });
        case 'garbage':
          res.writeHead(200, { 'content-type': 'text/html' });
          return res.end('<html><body>Bad gateway</body></html>');
        case 'down':
          return req.socket.destroy();
      }
    }
    json(res, 404, { error: { message: 'Not found', code: 'not-found', status: 404 } });
  });

  /** Umami 3.1's failures, the same for every route. */
  function answerFailure(res: ServerResponse, step: '401' | '404' | '429' | '500' | 'timeout') {
    switch (step) {
      case '401':
        return json(res, 401, unauthorized);
      case '404':
        return json(res, 404, { error: { message: 'Not found', code: 'not-found', status: 404 } });
      case '429':
        res.setHeader('retry-after', '30');
        return json(res, 429, { error: { message: 'Too many requests', code: 'rate-limited', status: 429 } });
      case '500':
        res.writeHead(500);
        return res.end();
      case 'timeout':
        return; // never answer: the proxy's timeout must fire
    }
  }

  /** Umami 3.1's answers for the exact routes (aggregates README), or the scripted failure. */
  function answerExact(res: ServerResponse, url: URL, route: Exclude<ExactRoute, 'pageviews'>, step: ExactStep) {
    const dated = /^\d+$/.test(url.searchParams.get('startAt') ?? '') && /^\d+$/.test(url.searchParams.get('endAt') ?? '');
    if (route !== 'active' && !dated) return json(res, 400, EXACT.noDates);
    const type = url.searchParams.get('type') ?? '';
    if (route === 'metrics' && !(type in EXACT.recorded.metrics)) return json(res, 400, EXACT.badRequest);
    switch (step) {
      case 'recorded':
        return json(res, 200, route === 'metrics' ? EXACT.recorded.metrics[type] : EXACT.recorded[route]);
      case 'huge':
        return json(res, 200, huge(route === 'metrics' ? EXACT.recorded.metrics[type] : EXACT.recorded[route]));
      case 'empty':
        return json(res, 200, EXACT.empty[route]);
      case '400':
        return json(res, 400, EXACT.badRequest);
      case '401':
      case '404':
      case '429':
      case '500':
      case 'timeout':
        return answerFailure(res, step);
      case 'malformed':
        return json(res, 200, route === 'metrics' ? { rows: 'none' } : ['not', 'an', 'object']);
    }
  }

  /** The day windows: the documented numbers per period, or the scripted failure. */
  function answerPeriod(res: ServerResponse, url: URL, route: ExactRoute, period: Period, step: ExactStep) {
    const type = url.searchParams.get('type') ?? '';
    if (route === 'metrics' && !(type in EXACT.recorded.metrics)) return json(res, 400, EXACT.badRequest);
    const answer = (status: number, body: unknown) => json(res, status, step === 'huge' && status === 200 ? huge(body) : body);
    switch (step) {
      case 'recorded':
      case 'huge': {
        if (route === 'stats') {
          const previous: Period = period === 'today' ? 'yesterday' : 'lastweek';
          return answer(200, { ...PERIOD_STATS[period], comparison: PERIOD_STATS[previous] });
        }
        if (route === 'metrics') {
          // Only custom events are recorded per day; other types answer as the empty site.
          if (type !== 'event') return json(res, 200, []);
          const rows = PERIOD_EVENTS[period].map(([name, count, visitors]) => ({
            name,
            pageviews: String(count),
            visitors,
            visits: visitors,
            bounces: 0,
            totaltime: String(count * 20),
          }));
          return answer(200, rows);
        }
        if (period === 'today') return json(res, 400, EXACT.badRequest);
        return answer(200, periodPageviews(Number(url.searchParams.get('startAt')), url.searchParams.get('timezone') ?? 'utc', period));
      }
      case 'empty':
        return json(res, 200, route === 'pageviews' ? { pageviews: [], sessions: [] } : route === 'metrics' ? EXACT.empty.metrics : EXACT.empty.stats);
      case '400':
        return json(res, 400, EXACT.badRequest);
      case '401':
      case '404':
      case '429':
      case '500':
      case 'timeout':
        return answerFailure(res, step);
      case 'malformed':
        return json(res, 200, route === 'metrics' ? { rows: 'none' } : ['not', 'an', 'object']);
    }
  }

  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${actual}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

// `tsx e2e/fixture-upstream.ts` (Playwright's webServer) runs it until the runner stops it.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { url, close } = await startFixtureUpstream({ port: UPSTREAM_PORT, ...SECRETS });
  console.log(`fixture upstream on ${url}`);
  const stop = () => void close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
