import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { exactScenario, upstreamRequests, websiteId } from './helpers.ts';
import { FIXTURE_URL, SITES } from './servers.ts';

// The exact routes end to end through the built app's proxy and the fixture upstream: the
// recorded aggregates come back unchanged, and a scripted refusal reaches the browser as an
// error code it can fall back on (issue 18).

const aggregate = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../src/test/fixtures/umami-3.1/aggregates/${name}`, import.meta.url), 'utf8'));

const api = (id: string, route: string) => `${FIXTURE_URL}/api/websites/${id}/${route}`;

test('the exact site: realtime is the recorded sample, the exact routes the recorded truth', async ({ request }) => {
  const realtime = (await (await request.get(`${FIXTURE_URL}/api/realtime/${SITES.exact}?timezone=Europe/Berlin`)).json()) as { totals: unknown };
  expect(realtime.totals).toEqual({ views: 228, visitors: 82, events: 0, countries: 3 });

  const stats = await request.get(api(SITES.exact, 'stats'));
  expect(stats.status()).toBe(200);
  expect(stats.headers()['x-pulseboard-mode']).toBe('login');
  expect(await stats.json()).toEqual(aggregate('agg-busy-stats.json'));
  expect(await (await request.get(api(SITES.exact, 'active'))).json()).toEqual({ visitors: 4 });
  for (const type of ['path', 'referrer', 'country', 'event']) {
    const response = await request.get(api(SITES.exact, `metrics/expanded?type=${type}&limit=500`));
    expect(await response.json()).toEqual(aggregate(`agg-busy-metrics-expanded-${type}.json`));
  }
});

test('the empty site answers zeros; the busy site answers like an Umami without these routes', async ({ request }) => {
  expect(await (await request.get(api(SITES.empty, 'stats'))).json()).toEqual(aggregate('agg-empty-stats.json'));
  expect(await (await request.get(api(SITES.empty, 'metrics/expanded?type=event'))).json()).toEqual([]);
  const busy = await request.get(api(SITES.busy, 'active'));
  expect([busy.status(), ((await busy.json()) as { error: { code: string } }).error.code]).toEqual([501, 'upstream-unsupported']);
});

test('a scripted refusal reaches the browser as an error code, and the route recovers after it', async ({ request }) => {
  const id = websiteId();
  await exactScenario(id, ['400', 'recorded'], 'metrics');
  const refused = await request.get(api(id, 'metrics/expanded?type=country'));
  expect([refused.status(), ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([501, 'upstream-unsupported']);
  // Only the scripted route fails: the others of the same site follow the default (404 here).
  expect((await request.get(api(id, 'stats'))).status()).toBe(501);
  await expect
    .poll(async () => (await request.get(api(id, 'metrics/expanded?type=country'))).status(), { intervals: [500] })
    .toBe(200);
  const health = (await (await request.get(`${FIXTURE_URL}/healthz`)).json()) as { sources: Record<string, { lastSuccess: string | null }> };
  expect(Object.keys(health.sources)).toEqual(['realtime', 'stats', 'metrics', 'active', 'websites', 'period-stats', 'period-metrics', 'pageviews']);
  expect(health.sources.metrics?.lastSuccess).not.toBeNull();
});

test('the proxy sets the window: the client’s dates never reach Umami', async ({ request }) => {
  const id = websiteId();
  await exactScenario(id, ['recorded']);
  const before = Date.now();
  await request.get(api(id, 'stats?startAt=0&endAt=1&timezone=Asia/Tokyo'));
  const sent = (await upstreamRequests()).filter((r) => r.url.startsWith(`/api/websites/${id}/stats`));
  expect(sent).toHaveLength(1);
  const params = new URL(sent[0]?.url ?? '', 'http://x').searchParams;
  expect([...params.keys()].sort()).toEqual(['endAt', 'startAt']);
  expect(Number(params.get('startAt'))).toBe(Math.floor(Number(params.get('endAt')) / 60_000) * 60_000 - 30 * 60_000);
  expect(Number(params.get('endAt'))).toBeGreaterThanOrEqual(before - 1000);
});
