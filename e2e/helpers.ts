import { expect, type Page } from '@playwright/test';
import { createAppServer, listen } from '../src/server/app-server.ts';
import { loadConfig } from '../src/server/config.ts';
import { allowedHostsFrom } from '../src/server/host-check.ts';
import { CLIENT_DIR, NO_UPSTREAM, UPSTREAM_URL } from './servers.ts';
import type { ExactRoute, ExactStep, PeriodScript, Step } from './fixture-upstream.ts';

/** Scripts what the fake Umami answers for one website: each realtime call takes the next step. */
export async function scenario(websiteId: string, steps: Step[]): Promise<void> {
  const response = await fetch(`${UPSTREAM_URL}/__scenario/${websiteId}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ steps }),
  });
  expect(response.ok).toBe(true);
}

/**
 * The same for the exact routes (stats, metrics/expanded, active), or for one of them; with
 * `period`, for their day windows instead (today, yesterday, lastweek or 'all'; pageviews too).
 */
export async function exactScenario(websiteId: string, steps: ExactStep[], route?: ExactRoute, period?: PeriodScript): Promise<void> {
  const response = await fetch(`${UPSTREAM_URL}/__exact/${websiteId}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ steps, route, period }),
  });
  expect(response.ok).toBe(true);
}

export type UpstreamRequest = { method: string; url: string; headers: Record<string, string | string[] | undefined> };

export async function upstreamRequests(): Promise<UpstreamRequest[]> {
  return (await (await fetch(`${UPSTREAM_URL}/__requests`)).json()) as UpstreamRequest[];
}

/** A fresh random v4-shaped UUID, so parallel tests script different websites. */
export function websiteId(): string {
  return crypto.randomUUID();
}

export async function totals(page: Page) {
  const text = (id: string) => page.getByTestId(id).textContent();
  return {
    views: await text('total-views'),
    visitors: await text('total-visitors'),
    events: await text('total-events'),
    countries: await text('total-countries'),
  };
}

/** A top list's rows as [key, value], once it shows any: a list may wait for its own route after the totals. */
export async function topRows(page: Page, panel: string) {
  const rows = page.getByTestId(panel).getByTestId('top-row');
  await expect(rows.first()).toBeVisible();
  return rows.evaluateAll((elements) =>
    elements.map((e) => [e.getAttribute('data-key'), Number(e.getAttribute('data-value'))] as const),
  );
}

/**
 * Starts the built app (the production server of `npm start` on a free port, the real proxy)
 * with its own server environment, for a test that needs a configuration the shared servers do
 * not have.
 */
export async function startApp(env: Record<string, string>): Promise<{ url: string; close: () => Promise<void> }> {
  const app = createAppServer({
    config: loadConfig({ ...NO_UPSTREAM, ...env }),
    staticDir: CLIENT_DIR,
    allowedHosts: allowedHostsFrom(env.ALLOWED_HOSTS, '127.0.0.1'),
    deps: { log: () => {} },
  });
  const { port } = await listen(app.server, 0, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}`, close: async () => void (await app.shutdown(1_000)) };
}
