import { describe, expect, test } from 'vitest';
import { periodWindow, shiftedRealtimeWindow, wallClockAt, type Period } from '../../shared/zoned-time.ts';
import type { PeriodRequest } from '../period.ts';
import { DEMO_SITES, type DemoSite } from './catalog.ts';
import { metrics, stats } from './exact-body.ts';
import { BLOCKS_PER_SITE, createHistory, type UmamiPageviewsBody } from './history.ts';
import { createDemoSource, type UmamiMetricRow, type UmamiStatsBody } from './index.ts';
import { MINUTE_MS, SESSION_SPAN_MINUTES, sessionsForMinute, type DemoSession } from './traffic.ts';

const SEED = 11;
const SHOP = DEMO_SITES.find((site) => site.name === 'Demo Shop') as DemoSite;
const DOCS = DEMO_SITES.find((site) => site.name === 'Docs Hub') as DemoSite;
/** A Saturday afternoon in Berlin. */
const NOW = Date.parse('2026-12-05T15:37:21.500Z');

/** Every session that can have a row in [from, to], generated the slow way. */
function allSessions(site: DemoSite, from: number, to: number): DemoSession[] {
  const sessions: DemoSession[] = [];
  for (let m = Math.floor(from / MINUTE_MS) - SESSION_SPAN_MINUTES + 1; m <= Math.floor(to / MINUTE_MS); m += 1) sessions.push(...sessionsForMinute(SEED, site, m));
  return sessions;
}

const statsRequest = (period: Period, timezone = 'Europe/Berlin'): PeriodRequest => ({ route: 'stats', period, timezone });
const eventsRequest = (period: Period, timezone = 'Europe/Berlin'): PeriodRequest => ({ route: 'metrics', type: 'event', period, timezone });

describe('the day windows count exactly what Umami would count over the same rows', () => {
  test.each<[Period, string, number]>([
    ['today', 'Europe/Berlin', NOW],
    ['yesterday', 'America/New_York', NOW],
    ['lastweek', 'Asia/Kathmandu', NOW],
    // Right after midnight: a window shorter than a session, every row counted one by one.
    ['today', 'Europe/Berlin', Date.parse('2026-12-05T23:04:10Z')],
    // Berlin's 25-hour day.
    ['today', 'Europe/Berlin', Date.parse('2026-10-25T22:50:00Z')],
  ])('%s in %s', (period, timezone, now) => {
    const history = createHistory(SEED, DEMO_SITES.length);
    const { startAt, endAt } = periodWindow(period, now, timezone);
    const shift = Math.floor((endAt - startAt) / MINUTE_MS) * MINUTE_MS;
    const body = history.body(SHOP, statsRequest(period, timezone), now) as UmamiStatsBody;
    expect(body).toEqual({
      ...stats(allSessions(SHOP, startAt, endAt), startAt, endAt),
      comparison: stats(allSessions(SHOP, startAt - shift, endAt - shift), startAt - shift, endAt - shift),
    });
    expect(history.body(SHOP, eventsRequest(period, timezone), now)).toEqual(metrics(allSessions(SHOP, startAt, endAt), 'event', startAt, endAt));
  });

  test('kept blocks give the same answer as a fresh source, minute after minute', () => {
    const warm = createHistory(SEED, DEMO_SITES.length);
    for (let minute = 0; minute < 20; minute += 3) {
      const now = NOW + minute * MINUTE_MS;
      expect(warm.body(SHOP, statsRequest('today'), now)).toEqual(createHistory(SEED, DEMO_SITES.length).body(SHOP, statsRequest('today'), now));
    }
  });
});

describe('a believable history', () => {
  const dayTotals = (site: DemoSite, days: number) => {
    const history = createHistory(SEED, DEMO_SITES.length);
    // At 23:59 UTC, yesterday's window is (all but a minute of) a whole day.
    const end = Date.parse('2026-12-06T23:59:00Z');
    return Array.from({ length: days }, (_, i) => {
      const now = end - i * 86_400_000;
      const body = history.body(site, statsRequest('yesterday', 'UTC'), now) as UmamiStatsBody;
      return { weekday: new Date(now - 86_400_000).getUTCDay(), views: body.pageviews, visitors: body.visitors };
    });
  };

  test('weekends are quieter than weekdays, and no two days are the same', () => {
    const days = dayTotals(SHOP, 14);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const weekend = days.filter((d) => d.weekday === 0 || d.weekday === 6).map((d) => d.views);
    const weekdays = days.filter((d) => d.weekday > 0 && d.weekday < 6).map((d) => d.views);
    expect(mean(weekend)).toBeLessThan(mean(weekdays) * 0.9);
    expect(new Set(days.map((d) => d.views)).size).toBe(days.length);
    // Still the same site: every day within a factor of two of the others.
    expect(Math.max(...days.map((d) => d.views))).toBeLessThan(2 * Math.min(...days.map((d) => d.views)));
  }, 30_000);

  test('today, yesterday and last week differ, and each is a plausible fraction of a day', () => {
    const source = createDemoSource({ seed: SEED, now: () => NOW });
    const views = (['today', 'yesterday', 'lastweek'] as const).map((period) => (source.period(SHOP.id, statsRequest(period)) as UmamiStatsBody).pageviews);
    expect(new Set(views).size).toBe(3);
    // 16:37 in Berlin: most of a day's traffic, at a few pages per visit and ~3 visits a minute.
    for (const v of views) {
      expect(v).toBeGreaterThan(500);
      expect(v).toBeLessThan(20_000);
    }
  });

  test('deterministic under the seed; another seed gives other numbers', () => {
    const at = (seed: number) => createDemoSource({ seed, now: () => NOW }).period(DOCS.id, statsRequest('yesterday'));
    expect(at(3)).toEqual(at(3));
    expect(at(3)).not.toEqual(at(4));
  });

  test('events: Umami’s row shape, counts as strings, most visitors first', () => {
    const rows = createDemoSource({ seed: SEED, now: () => NOW }).period(SHOP.id, eventsRequest('today')) as UmamiMetricRow[];
    expect(rows.length).toBeGreaterThan(2);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['name', 'pageviews', 'visitors', 'visits', 'bounces', 'totaltime']);
      expect(row.pageviews).toMatch(/^\d+$/);
      expect(Number(row.pageviews)).toBeGreaterThanOrEqual(row.visitors);
    }
    expect(rows.map((r) => r.visitors)).toEqual([...rows.map((r) => r.visitors)].sort((a, b) => b - a));
  });

  test('unknown sites have no history', () => {
    expect(createDemoSource().period('00000000-0000-4000-8000-000000000000', statsRequest('today'))).toBeUndefined();
  });
});

describe('the shifted half hour (ghost line)', () => {
  const ghost = (period: 'yesterday' | 'lastweek', now: number, timezone = 'Europe/Berlin') =>
    createDemoSource({ seed: SEED, now: () => now }).period(SHOP.id, { route: 'pageviews', period, timezone }) as UmamiPageviewsBody;

  test('is what the live chart showed at the same time yesterday', () => {
    const yesterday = NOW - 86_400_000; // no clock change between the two days
    const live = createDemoSource({ seed: SEED, now: () => yesterday }).realtime(SHOP.id, { timezone: 'Europe/Berlin' });
    const body = ghost('yesterday', NOW);
    // The live answer stops at its instant; the ghost window runs to the end of that minute.
    expect(body.pageviews.slice(0, -1)).toEqual(live?.series.views.slice(0, -1));
    expect(body.sessions.slice(0, -1)).toEqual(live?.series.visitors.slice(0, -1));
    expect(body.pageviews.at(-1)?.x).toBe(live?.series.views.at(-1)?.x);
    expect(body.pageviews.at(-1)?.y).toBeGreaterThanOrEqual(live?.series.views.at(-1)?.y ?? 0);
  });

  test('31 minutes labelled in local wall-clock time, seven days back for last week', () => {
    const body = ghost('lastweek', NOW, 'America/New_York');
    const { startAt } = shiftedRealtimeWindow(7, NOW, 'America/New_York');
    const first = wallClockAt(startAt, 'America/New_York');
    const pad = (n: number) => String(n).padStart(2, '0');
    const label = (m: number) => {
      const w = wallClockAt(startAt + m * MINUTE_MS, 'America/New_York');
      return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:00`;
    };
    expect(first.day).toBe(28);
    const slots = Array.from({ length: 31 }, (_, m) => label(m));
    expect(body.pageviews.length).toBeGreaterThan(20);
    for (const point of body.pageviews) expect(slots).toContain(point.x);
    expect(body.sessions.map((p) => p.x)).toEqual(body.pageviews.map((p) => p.x));
    for (const [i, point] of body.sessions.entries()) expect(point.y).toBeLessThanOrEqual(body.pageviews[i]?.y ?? 0);
  });
});

describe('cost', () => {
  test('a cold whole day for the busiest site is quick, the next minute’s answer quicker still', () => {
    const history = createHistory(SEED, DEMO_SITES.length);
    // 23:58 in Berlin: today's window and its comparison are two whole days of traffic.
    const late = Date.parse('2026-12-05T22:58:30Z');
    let started = performance.now();
    history.body(SHOP, statsRequest('today'), late);
    const cold = performance.now() - started;
    started = performance.now();
    history.body(SHOP, statsRequest('today'), late + MINUTE_MS);
    const warm = performance.now() - started;
    expect(cold).toBeLessThan(1500);
    expect(warm).toBeLessThan(50);
  });

  test('kept blocks are bounded per site', () => {
    const history = createHistory(SEED, 1);
    for (let day = 0; day < 12; day += 1) history.body(DOCS, statsRequest('today', 'UTC'), Date.parse('2026-11-20T23:50:00Z') + day * 86_400_000);
    expect(history.cachedBlocks).toBeLessThanOrEqual(BLOCKS_PER_SITE);
    expect(history.cachedBlocks).toBeGreaterThan(BLOCKS_PER_SITE / 2);
  }, 30_000);
});
