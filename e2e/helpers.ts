import { expect, type Page } from '@playwright/test';
import { UPSTREAM_URL } from './servers.ts';
import type { Step } from './fixture-upstream.ts';

/** Scripts what the fake Umami answers for one website: each realtime call takes the next step. */
export async function scenario(websiteId: string, steps: Step[]): Promise<void> {
  const response = await fetch(`${UPSTREAM_URL}/__scenario/${websiteId}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ steps }),
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
