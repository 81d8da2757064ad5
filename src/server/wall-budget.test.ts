import { afterEach, expect, test } from 'vitest';
import { planPolling, siteSlot, msUntilFirstSlot, type PollSlots, type UpstreamBudget } from '../api/poll-plan.ts';
import { msUntilNextPoll, POLL_SPREAD } from '../api/poll-schedule.ts';
import { createBudget } from './budget.ts';
import { loadConfig } from './config.ts';
import { ProxyError } from './proxy-error.ts';
import { startProxy, type TestProxy } from './testing/start-proxy.ts';
import type { Upstream } from './upstream.ts';

// A wall of 30 sites on Umami Cloud's default budget (40 calls / 15 s), played for 20 minutes
// on a simulated clock through the real proxy (cache, coalescing, client limit): the screens
// poll as the browser does (poll-plan.ts, poll-schedule.ts), and a stand-in Umami counts every
// call against the same budget rules the real upstream applies. Nothing may be refused.

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 11, 5, 21, 0, 7, 300);
const LATENCY_MS = 80;

const ids = Array.from({ length: 30 }, (_, i) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`);

let proxy: TestProxy | null = null;
afterEach(async () => {
  await proxy?.close();
  proxy = null;
});

type Screen = { share: number };
type Poll = { at: number; screen: Screen; site: string; path: string; exact: boolean };

const OVERVIEW_ROUTES = ['active', 'stats', 'metrics/expanded?type=path'];
const DASHBOARD_ROUTES = ['stats', 'active', ...['path', 'referrer', 'country', 'event'].map((t) => `metrics/expanded?type=${t}`)];

test.each([
  ['the overview (online now, stats, top page)', OVERVIEW_ROUTES, 2],
  ['a combined dashboard (every exact route)', DASHBOARD_ROUTES, 1],
  ['the overview on three TVs', OVERVIEW_ROUTES, 3],
])('30 sites, %s: the budget is never exceeded and nothing is refused', async (_name, routes, screenCount) => {
  let now = T0;
  const clock = () => now;
  const config = loadConfig({ UMAMI_API_KEY: 'api_test_key_0123456789' });
  const umamiBudget = createBudget(config.budget, clock);
  const calls: number[] = [];
  const call = (priority: 'high' | 'low') => {
    if (!umamiBudget.take(priority)) throw new ProxyError('rate-limited', umamiBudget.waitMs(priority), true);
    calls.push(now);
    return Buffer.from(JSON.stringify({ visitors: 1, pageviews: 1 }));
  };
  const upstream: Upstream = {
    mode: 'cloud',
    realtime: async () => call('high'),
    exact: async () => call('low'),
    period: async () => call('low'),
    websites: async () => (call('high'), ids.map((id, i) => ({ id, name: `Site ${i + 1}`, domain: `s${i + 1}.example` }))),
  };
  proxy = await startProxy({ UMAMI_API_KEY: 'api_test_key_0123456789' }, { upstream, now: clock });

  // What the browser learns from the site list, and the plan it makes from it.
  const list = JSON.parse((await proxy.request('/api/websites')).body) as { data: unknown[]; budget: UpstreamBudget };
  expect(list.budget).toEqual({ limit: 40, windowMs: 15_000 });
  const plan = planPolling({ sites: ids.length, exactRoutes: routes.length, intervalMs: 10_000, exactIntervalMs: 30_000, budget: list.budget });
  expect(plan.stretched).toBe(true);
  const slots: PollSlots = { siteIds: ids, spreadMs: POLL_SPREAD * 10_000, exactSpreadMs: POLL_SPREAD * 30_000 };

  // Each screen's polls, as pollingOptions and useSiteSlots schedule them: the first at the site's slot.
  const screens: Screen[] = Array.from({ length: screenCount }, (_, i) => ({ share: (i * 0.37) % POLL_SPREAD }));
  const queue: Poll[] = [];
  const offsetOf = (screen: Screen, site: string, exact: boolean) => {
    const interval = exact ? plan.exactIntervalMs : plan.intervalMs;
    const slot = siteSlot(slots, site, interval, exact ? 'exact' : 'realtime')!;
    return { interval, offset: slot.offsetMs + screen.share * slot.spreadMs };
  };
  for (const screen of screens) {
    for (const site of ids) {
      for (const [path, exact] of [[`/api/realtime/${site}?timezone=UTC`, false] as const, ...routes.map((r) => [`/api/websites/${site}/${r}`, true] as const)]) {
        const { interval } = offsetOf(screen, site, exact);
        const slot = siteSlot(slots, site, interval, exact ? 'exact' : 'realtime')!;
        queue.push({ at: T0 + msUntilFirstSlot(slot.offsetMs, interval, T0), screen, site, path, exact });
      }
    }
  }

  const failures: string[] = [];
  while (queue.length > 0) {
    queue.sort((a, b) => a.at - b.at);
    const poll = queue.shift()!;
    if (poll.at > T0 + 20 * MINUTE) break;
    now = poll.at;
    const response = await proxy.request(poll.path);
    if (response.status !== 200 || response.headers['x-pulseboard-stale-age'] !== undefined) failures.push(`${poll.path} at +${now - T0} ms: ${response.status}`);
    now += LATENCY_MS;
    const { interval, offset } = offsetOf(poll.screen, poll.site, poll.exact);
    queue.push({ ...poll, at: now + msUntilNextPoll(interval, now, offset) });
  }

  expect(failures).toEqual([]);
  // Every sliding window of the budget, checked at each call.
  let most = 0;
  for (let i = 0, j = 0; i < calls.length; i++) {
    while (calls[j]! <= calls[i]! - config.budget.windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  expect(most).toBeLessThanOrEqual(plan.capacity + 1);
  expect(most).toBeLessThanOrEqual(config.budget.limit);
  // And the wall really polls: every site, every route, at about the planned pace.
  const expectedCalls = ((20 * MINUTE) / plan.intervalMs + (routes.length * 20 * MINUTE) / plan.exactIntervalMs) * ids.length;
  expect(calls.length).toBeGreaterThan(expectedCalls * 0.9);
});
