import { afterEach, expect, test, vi } from 'vitest';
import { fetchWebsites } from './websites';

afterEach(() => vi.unstubAllGlobals());

const site = { id: '23119484-709c-44bf-994c-92f109bda03b', name: 'Shop', domain: 'shop.example' };

test.each([
  ['the proxy’s budget', { limit: 40, windowMs: 15_000 }, { limit: 40, windowMs: 15_000 }],
  ['no budget (an older proxy)', undefined, null],
  ['an unreadable budget: no budget, the list still loads', { limit: 'many', windowMs: -1 }, null],
  ['a budget of zero calls is unreadable', { limit: 0, windowMs: 15_000 }, null],
])('%s', async (_name, budget, expected) => {
  vi.stubGlobal('fetch', vi.fn(async () => Response.json({ data: [site], count: 1, ...(budget !== undefined && { budget }) })));
  const result = await fetchWebsites();
  expect(result.websites).toEqual([site]);
  expect(result.budget).toEqual(expected);
});
