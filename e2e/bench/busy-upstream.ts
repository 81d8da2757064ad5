// A fake Umami 3.1 for the benchmark, on 127.0.0.1: login, the recorded website list, and the
// busy website's realtime answer generated for the moment of each call (busy-realtime.ts), so
// every poll carries new data, with exact routes (stats, metrics/expanded, active, pageviews)
// shaped like Umami's from that answer. Other websites answer Umami's empty bodies.
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { busyRealtime } from './busy-realtime.ts';

const FIXTURES = new URL('../../src/test/fixtures/umami-3.1/', import.meta.url);
const load = (name: string): unknown => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'));

export const BUSY_SITE = '23119484-709c-44bf-994c-92f109bda03b';

export type BusyUpstream = { url: string; realtimeCalls: () => number; close: () => Promise<void> };

export function startBusyUpstream({ username, password, token }: { username: string; password: string; token: string }): Promise<BusyUpstream> {
  const websites = load('websites-list.json');
  const empty = load('realtime-empty.json') as Record<string, unknown>;
  const login = load('login-response.json') as Record<string, unknown>;
  const unauthorized = load('realtime-401.json');
  let calls = 0;

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'cache-control': 'no-cache' });
    res.end(JSON.stringify(body));
  };

  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    const url = new URL(req.url ?? '/', 'http://upstream');
    const authorized = req.headers.authorization?.split(' ')[1] === token;

    if (url.pathname === '/api/auth/login' && req.method === 'POST') {
      const sent = JSON.parse(body || '{}') as { username?: string; password?: string };
      if (sent.username === username && sent.password === password) return json(res, 200, { ...login, token });
      return json(res, 401, { error: { message: 'Unauthorized', code: 'incorrect-username-password', status: 401 } });
    }
    if (!authorized) return json(res, 401, unauthorized);
    if (url.pathname === '/api/websites') return json(res, 200, websites);
    const exact = /^\/api\/websites\/([0-9a-f-]{36})\/(stats|active|metrics\/expanded)$/.exec(url.pathname);
    if (exact) return json(res, 200, exactAnswer(exact[1] === BUSY_SITE, exact[2] ?? '', url.searchParams.get('type')));
    // An earlier day's minutes for the chart's faint line: this moment's series stands in for them.
    const pageviews = /^\/api\/websites\/([0-9a-f-]{36})\/pageviews$/.exec(url.pathname);
    if (pageviews) {
      const series = pageviews[1] === BUSY_SITE ? busyRealtime(Date.now(), url.searchParams.get('timezone')).series : { views: [], visitors: [] };
      return json(res, 200, { pageviews: series.views, sessions: series.visitors });
    }
    const match = /^\/api\/realtime\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (match) {
      calls += 1;
      return match[1] === BUSY_SITE
        ? json(res, 200, busyRealtime(Date.now(), url.searchParams.get('timezone')))
        : json(res, 200, { ...empty, timestamp: Date.now() });
    }
    json(res, 404, { error: { message: 'Not found', code: 'not-found', status: 404 } });
  });

  // Made once a second: the page asks five exact routes at once, and a real Umami answers them on its own machine.
  let shaped: { second: number; answer: ReturnType<typeof busyRealtime> } | null = null;
  const busyNow = () => {
    const second = Math.floor(Date.now() / 1000);
    if (shaped?.second !== second) shaped = { second, answer: busyRealtime(Date.now(), null) };
    return shaped.answer;
  };

  /** Umami's exact answers, shaped from the busy answer of this moment (or empty). */
  function exactAnswer(busy: boolean, route: string, type: string | null): unknown {
    const answer = busy ? busyNow() : null;
    const sessions = new Set(answer?.events.map((e) => e.sessionId));
    if (route === 'stats') return { pageviews: answer?.totals.views ?? 0, visitors: sessions.size, visits: sessions.size, bounces: 0, totaltime: 0 };
    if (route === 'active') return { visitors: Math.min(sessions.size, 9) };
    const row = (name: string, n: number) => ({ name, pageviews: String(n), visitors: Math.max(1, Math.round(n / 3)), visits: 1, bounces: 0, totaltime: '0' });
    if (!answer) return [];
    if (type === 'event') {
      const events = new Map<string, number>();
      for (const e of answer.events) if (e.eventName) events.set(e.eventName, (events.get(e.eventName) ?? 0) + 1);
      return [...events].map(([name, n]) => row(name, n));
    }
    const counts = type === 'path' ? answer.urls : type === 'referrer' ? answer.referrers : answer.countries;
    return Object.entries(counts).map(([name, n]) => row(name, n));
  }

  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        realtimeCalls: () => calls,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
