import { expect, test } from 'vitest';
import { KNOWN_SITES_REFRESH_MS, WEBSITES_PAGE_SIZE, createKnownSites } from './known-sites.ts';
import type { WebsiteSummary } from './websites.ts';

const site = (n: number): WebsiteSummary => ({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, name: '', domain: '' });

function setup(sites: () => Promise<WebsiteSummary[]>) {
  const clock = { now: 0 };
  let calls = 0;
  const known = createKnownSites(
    () => {
      calls++;
      return sites();
    },
    { now: () => clock.now },
  );
  return { clock, known, calls: () => calls };
}

test('concurrent first questions share one list call; then unknown ids are refused without another', async () => {
  const { known, calls } = setup(async () => [site(1)]);
  expect(await Promise.all([known.allows(site(1).id), known.allows(site(2).id), known.allows(site(3).id)])).toEqual([true, false, false]);
  for (let i = 4; i < 100; i++) expect(await known.allows(site(i).id)).toBe(false);
  expect(calls()).toBe(1);
});

test('a list fetched by the /api/websites route counts as the refresh', async () => {
  const { clock, known, calls } = setup(async () => [site(1), site(2)]);
  known.update([site(1)]);
  clock.now += KNOWN_SITES_REFRESH_MS - 1;
  expect(await known.allows(site(2).id)).toBe(false);
  expect(calls()).toBe(0);
  clock.now += 1;
  expect(await known.allows(site(2).id)).toBe(true);
  expect(calls()).toBe(1);
});

test('without a list (Umami refuses it) every id is let through, and the list is asked again once a minute, not per id', async () => {
  const { clock, known, calls } = setup(() => Promise.reject(new Error('500')));
  for (let i = 0; i < 20; i++) expect(await known.allows(site(i).id)).toBe(true);
  expect(calls()).toBe(1);
  clock.now += KNOWN_SITES_REFRESH_MS;
  await known.allows(site(99).id);
  expect(calls()).toBe(2);
});

test('a failed refresh keeps the last list', async () => {
  let fail = false;
  const { clock, known } = setup(async () => {
    if (fail) throw new Error('down');
    return [site(1)];
  });
  expect(await known.allows(site(2).id)).toBe(false);
  fail = true;
  clock.now += KNOWN_SITES_REFRESH_MS;
  expect([await known.allows(site(1).id), await known.allows(site(2).id)]).toEqual([true, false]);
});

test('a full page may not be the whole list: it refuses nothing', async () => {
  const { known } = setup(async () => Array.from({ length: WEBSITES_PAGE_SIZE }, (_, i) => site(i)));
  expect(await known.allows(site(WEBSITES_PAGE_SIZE + 1).id)).toBe(true);
});
