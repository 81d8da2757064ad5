// A busy website at any instant, in Umami 3.1's exact realtime shape: the benchmark's load.
//
// It extends the recorded realtime-busy.json: the same host, browsers, systems, devices,
// referrers and custom event names, but a row every 2.5 s (about 720 rows in the 30 minute
// window), sessions of 1–2 rows from 66 places, so the newest 100 rows hold ~62 sessions in
// 60+ countries. The body goes through the demo source's Umami model (buildRealtimeBody), which
// keeps every quirk: the 100-row cap for lists and totals.events, the synthetic session rows,
// omitted empty minutes, the timezone's bucket labels.
//
// One deliberate excess: the busy size asks for 200 urls. Umami 3.1 counts urls over
// the 100 capped rows only, so it can never send more than 100; the extra keys (count 1) are a
// stress margin for the top lists, and the one invariant this body breaks.
//
// Rows are a pure function of their time slot, so a row keeps its identity from poll to poll
// and each poll (5 or 10 s later) brings 2–4 new rows, plus a session row for each session
// that starts with them: 6–7 new feed rows per 10 s poll. The data changes on every update.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildRealtimeBody, windowStart, type UmamiRealtimeBody } from '../../src/server/demo/realtime-body.ts';
import { realtimeInvariantViolations } from '../../src/server/demo/invariants.ts';
import type { DemoRow, DemoSession } from '../../src/server/demo/traffic.ts';

const RECORDED = JSON.parse(
  readFileSync(new URL('../../src/test/fixtures/umami-3.1/realtime-busy.json', import.meta.url), 'utf8'),
) as UmamiRealtimeBody;

export const BUSY_SIZE = { events: 100, seriesBuckets: 30, countries: 60, urls: 200 } as const;

const SLOT_MS = 2_500;
/** 8 slots share 5 sessions: 1.6 rows a session. */
const SLOTS_PER_CYCLE = 8;
const SESSIONS_PER_CYCLE = 5;

const HOST = RECORDED.events[0]?.hostname ?? 'shop.example.com';
const VISITORS = unique(RECORDED.events.map((e) => `${e.browser}|${e.os}|${e.device}`)).map((key) => {
  const [browser = 'chrome', os = 'Windows 10', device = 'desktop'] = key.split('|');
  return { browser, os, device };
});
const REFERRERS = unique(RECORDED.events.map((e) => e.referrerDomain));
const EVENT_NAMES = unique(RECORDED.events.map((e) => e.eventName)).filter((n): n is string => n !== null);
// 65 countries and one visitor with no geo; 62 consecutive sessions always cover 60+ countries.
const COUNTRIES: readonly (string | null)[] = [
  ...'US DE GB IN FR CA BR JP NL AU ES IT PL CN KR SE MX CH TR ID AT BE UA SG VN AR DK NO PT CZ TW PH FI IE RO CO ZA NG IL NZ TH CL MY PK AE EG SA BD GR HU KE EE IS MA PE HR SK BG RS LT LV SI LU KZ'.split(
    ' ',
  ),
  null,
];
const RECORDED_URLS = Object.keys(RECORDED.urls);
const SECTIONS = ['/products', '/docs', '/blog', '/help', '/compare', '/integrations'];
/** 300 paths: the recorded ones, then plausible deeper pages. */
const URL_POOL = [...RECORDED_URLS, ...Array.from({ length: 300 - RECORDED_URLS.length }, (_, i) => `${SECTIONS[i % SECTIONS.length]}/item-${i + 1}`)];

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** A well-mixed 32-bit hash of integers (no state, so a slot always looks the same). */
function mix(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const v of values) {
    h = Math.imul(h ^ (v | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

function pick<T>(list: readonly T[], hash: number): T {
  return list[hash % list.length] as T;
}

function sessionUuid(n: number): string {
  const hex = createHash('sha1').update(`pulseboard-bench-session-${n}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const sessionOf = (slot: number) => Math.floor((slot * SESSIONS_PER_CYCLE) / SLOTS_PER_CYCLE);

function rowAt(slot: number, firstInSession: boolean): DemoRow {
  const h = mix(slot, 1);
  const isEvent = h % 5 === 0;
  return {
    t: slot * SLOT_MS + (mix(slot, 2) % 1_000),
    eventName: isEvent ? pick(EVENT_NAMES, mix(slot, 3)) : null,
    urlPath: pick(URL_POOL, mix(slot, 4)),
    // Custom events carry no referrer; later views come from the site itself.
    referrerDomain: isEvent ? null : firstInSession ? pick(REFERRERS, mix(slot, 5)) : HOST,
  };
}

function sessionsAt(now: number): DemoSession[] {
  const first = Math.floor(windowStart(now) / SLOT_MS) - 1;
  const last = Math.floor(now / SLOT_MS);
  const sessions = new Map<number, DemoSession>();
  for (let slot = first; slot <= last; slot += 1) {
    const n = sessionOf(slot);
    let session = sessions.get(n);
    const firstInSession = sessionOf(slot - 1) !== n;
    if (!session) {
      const visitor = pick(VISITORS, mix(n, 7));
      session = { id: sessionUuid(n), hostname: HOST, ...visitor, country: pick(COUNTRIES, n), rows: [] };
      sessions.set(n, session);
    }
    session.rows.push(rowAt(slot, firstInSession));
  }
  return [...sessions.values()];
}

/** The realtime body Umami would answer at `now` for the busy site (plus the url padding). */
export function busyRealtime(now: number, timezone: string | null): UmamiRealtimeBody {
  const body = buildRealtimeBody(sessionsAt(now), now, { timezone });
  const urls = { ...body.urls };
  for (const path of URL_POOL) {
    if (Object.keys(urls).length >= BUSY_SIZE.urls) break;
    urls[path] ??= 1;
  }
  return { ...body, urls };
}

/** Everything that would make this body not a busy Umami 3.1 answer; empty when all is well. */
export function busyProblems(body: UmamiRealtimeBody): string[] {
  const problems = realtimeInvariantViolations(body).filter((p) => !p.startsWith('urls are not counted'));
  const size = {
    events: body.events.filter((e) => e.__type !== 'session').length,
    seriesBuckets: body.series.views.length,
    countries: Object.keys(body.countries).length,
    urls: Object.keys(body.urls).length,
  };
  for (const [key, min] of Object.entries(BUSY_SIZE)) {
    const actual = size[key as keyof typeof size];
    if (actual < min) problems.push(`${key}: ${actual} < ${min}`);
  }
  return problems;
}
