import { expect, type Page } from '@playwright/test';
import { NO_UPSTREAM, UPSTREAM_URL } from './servers.ts';
import type { ExactRoute, ExactStep, Step } from './fixture-upstream.ts';

/** Scripts what the fake Umami answers for one website: each realtime call takes the next step. */
export async function scenario(websiteId: string, steps: Step[]): Promise<void> {
  const response = await fetch(`${UPSTREAM_URL}/__scenario/${websiteId}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ steps }),
  });
  expect(response.ok).toBe(true);
}

/** The same for the exact routes (stats, metrics/expanded, active), or for one of them. */
export async function exactScenario(websiteId: string, steps: ExactStep[], route?: ExactRoute): Promise<void> {
  const response = await fetch(`${UPSTREAM_URL}/__exact/${websiteId}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ steps, route }),
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

/**
 * Starts the built app (`vite preview` on a free port, the real proxy) with its own server
 * environment, for a test that needs a configuration the shared servers do not have.
 */
export async function startApp(env: Record<string, string>): Promise<{ url: string; close: () => Promise<void> }> {
  const { preview } = await import('vite');
  const saved = Object.fromEntries(Object.keys(env).concat(Object.keys(NO_UPSTREAM)).map((key) => [key, process.env[key]]));
  // The proxy reads its environment when it starts.
  Object.assign(process.env, NO_UPSTREAM, env);
  try {
    const server = await preview({ logLevel: 'silent', preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
    const { port } = server.httpServer.address() as { port: number };
    return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
