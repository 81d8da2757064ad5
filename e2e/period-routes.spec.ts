import { expect, test, type APIRequestContext } from '@playwright/test';
import { PERIOD_EVENTS, PERIOD_STATS, LASTWEEK_PAGEVIEWS_FACTOR, periodEventTotal } from './fixture-upstream.ts';
import { exactScenario, upstreamRequests, websiteId } from './helpers.ts';
import { FIXTURE_URL, SITES } from './servers.ts';

// The period routes (issue 19) end to end: the built app's proxy in front of the fixture
// upstream. The proxy alone sets each window (local midnight in the asked zone); the fixture's
// documented per-day numbers come back unchanged.

const api = (id: string, route: string) => `${FIXTURE_URL}/api/websites/${id}/${route}`;
const codeOf = async (response: Awaited<ReturnType<APIRequestContext['get']>>) => ((await response.json()) as { error: { code: string } }).error.code;

/** "2026-12-05 00:00" style local date and time of an instant, read independently of the app's code. */
function local(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
const localDate = (ms: number, timeZone: string) => local(ms, timeZone).slice(0, 10);
/** The same local date and time `days` calendar days earlier, by the calendar alone. */
function daysEarlier(label: string, days: number): string {
  const [y, m, d] = label.slice(0, 10).split('-').map(Number);
  return `${new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) - days)).toISOString().slice(0, 10)}${label.slice(10)}`;
}

test('the exact site: each day window answers its documented numbers', async ({ request }) => {
  for (const period of ['today', 'yesterday', 'lastweek'] as const) {
    const response = await request.get(api(SITES.exact, `stats?period=${period}&timezone=Europe/Berlin`));
    expect(response.status()).toBe(200);
    expect(response.headers()['x-pulseboard-mode']).toBe('login');
    expect(await response.json()).toMatchObject(PERIOD_STATS[period]);
    const events = (await (await request.get(api(SITES.exact, `metrics/expanded?type=event&period=${period}&timezone=Europe/Berlin`))).json()) as Array<{ name: string; pageviews: string }>;
    expect(events.map((row) => [row.name, Number(row.pageviews)])).toEqual(PERIOD_EVENTS[period].map(([name, count]) => [name, count]));
  }
  // What the today strip will show: +20 % against yesterday, −20 % views against last week.
  expect(PERIOD_STATS.today.pageviews / PERIOD_STATS.yesterday.pageviews).toBe(1.2);
  expect(periodEventTotal('today') / periodEventTotal('yesterday')).toBe(1.2);
  expect(PERIOD_STATS.today.pageviews / PERIOD_STATS.lastweek.pageviews).toBe(0.8);
});

test('the proxy sends local midnight and the same local time, in the asked zone', async ({ request }) => {
  const id = websiteId();
  await exactScenario(id, ['recorded'], undefined, 'all');
  const zone = 'America/New_York';
  const before = Date.now();
  for (const period of ['today', 'yesterday', 'lastweek']) {
    expect((await request.get(api(id, `stats?period=${period}&timezone=america/new_york&startAt=0&endAt=1`))).status()).toBe(200);
  }
  const after = Date.now();
  const sent = (await upstreamRequests()).filter((r) => r.url.startsWith(`/api/websites/${id}/stats`)).map((r) => new URL(r.url, 'http://x').searchParams);
  expect(sent).toHaveLength(3);
  for (const [i, daysBack] of [0, 1, 7].entries()) {
    const params = sent[i]!;
    expect([...params.keys()].sort()).toEqual(['endAt', 'startAt', 'timezone']);
    expect(params.get('timezone')).toBe(zone);
    const startAt = Number(params.get('startAt'));
    const endAt = Number(params.get('endAt'));
    // From midnight of the local day `daysBack` days ago to now's local time (to the minute) on that day.
    expect(local(startAt, zone)).toBe(daysEarlier(`${localDate(before, zone)} 00:00`, daysBack));
    const nows = [before, after].map((t) => daysEarlier(local(t, zone), daysBack));
    expect(nows).toContain(local(endAt, zone));
    expect(endAt % 60_000).toBe(0);
  }
});

test('pageviews: the recorded minutes, relabelled to the same half hour a day and a week back', async ({ request }) => {
  const zone = 'Europe/Berlin';
  const before = Date.now();
  const yesterday = (await (await request.get(api(SITES.exact, `pageviews?period=yesterday&timezone=${zone}`))).json()) as { pageviews: Array<{ x: string; y: number }> };
  const lastweek = (await (await request.get(api(SITES.exact, `pageviews?period=lastweek&timezone=${zone}`))).json()) as { pageviews: Array<{ x: string; y: number }> };
  // The first slot is the live chart's first minute (30 minutes before the current one), n days earlier.
  const firstSlots = [0, 60_000].map((lag) => `${local(Math.floor(before / 60_000) * 60_000 - 30 * 60_000 + lag, zone)}:00`);
  expect(firstSlots.map((label) => daysEarlier(label, 1))).toContain(yesterday.pageviews[0]?.x);
  expect(firstSlots.map((label) => daysEarlier(label, 7))).toContain(lastweek.pageviews[0]?.x);
  // The recording has 30 of the 31 minutes (one without views), as Umami leaves empty minutes out.
  expect(yesterday.pageviews).toHaveLength(30);
  expect(lastweek.pageviews.map((p) => p.y)).toEqual(yesterday.pageviews.map((p) => p.y * LASTWEEK_PAGEVIEWS_FACTOR));
});

test('a scripted failure of one day window reaches the browser as an error code; the other windows still answer', async ({ request }) => {
  const id = websiteId();
  await exactScenario(id, ['recorded'], undefined, 'all');
  await exactScenario(id, ['500'], 'stats', 'yesterday');
  const failed = await request.get(api(id, 'stats?period=yesterday&timezone=UTC'));
  expect([failed.status(), await codeOf(failed)]).toEqual([502, 'upstream-error']);
  expect(await (await request.get(api(id, 'stats?period=today&timezone=UTC'))).json()).toMatchObject(PERIOD_STATS.today);
  const health = (await (await request.get(`${FIXTURE_URL}/healthz`)).json()) as { ok: boolean; sources: Record<string, { ok: boolean }> };
  expect(Object.keys(health.sources)).toEqual(['realtime', 'stats', 'metrics', 'active', 'websites', 'period-stats', 'period-metrics', 'pageviews']);
});

test('an Umami without these answers, and bad parameters', async ({ request }) => {
  const id = websiteId();
  for (const route of ['stats?period=today&timezone=UTC', 'metrics/expanded?type=event&period=lastweek&timezone=UTC', 'pageviews?period=yesterday&timezone=UTC']) {
    const response = await request.get(api(id, route));
    expect([response.status(), await codeOf(response)]).toEqual([501, 'upstream-unsupported']);
  }
  for (const route of ['stats?period=today', 'stats?period=tomorrow&timezone=UTC', 'pageviews?period=today&timezone=UTC', 'metrics/expanded?type=path&period=today&timezone=UTC']) {
    const response = await request.get(api(SITES.exact, route));
    expect([response.status(), await codeOf(response)]).toEqual([400, 'invalid-parameter']);
  }
});
