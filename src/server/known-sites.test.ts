import { expect, test } from 'vitest';
import { KNOWN_SITES_REFRESH_MS, REJECTED_FOR_MS, UNLISTED_PROBES, UNLISTED_PROBES_PER_CLIENT, WEBSITES_PAGE_SIZE, createKnownSites } from './known-sites.ts';
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

const ATTACKER = '198.51.100.7';
const VIEWER = '203.0.113.9';
/** Spends the attacker's allowance for asking Umami about unlisted ids. */
async function spendProbes(known: ReturnType<typeof setup>['known'], client = ATTACKER) {
  for (let i = 0; i < UNLISTED_PROBES_PER_CLIENT; i++) await known.allows(site(10_000 + i).id, client);
}

test("concurrent first questions share one list call; past its allowance a client's unlisted ids are refused without another", async () => {
  const { known, calls } = setup(async () => [site(1)]);
  await spendProbes(known);
  expect(await Promise.all([known.allows(site(1).id, ATTACKER), known.allows(site(2).id, ATTACKER), known.allows(site(3).id, ATTACKER)])).toEqual([true, false, false]);
  for (let i = 4; i < 100; i++) expect(await known.allows(site(i).id, ATTACKER)).toBe(false);
  expect(calls()).toBe(1);
});

test("a site the list leaves out (a team's) is asked about within the allowance and served once Umami answers for it", async () => {
  const { known } = setup(async () => [site(1)]);
  const team = site(500).id;
  await spendProbes(known);
  // The attacker's ids used their own allowance, not the viewer's.
  expect(await known.allows(team, VIEWER)).toBe(true);
  known.confirm(team);
  for (let i = 0; i < 10; i++) expect(await known.allows(team, ATTACKER)).toBe(true);
});

test('an id Umami called unknown is refused without asking again, for REJECTED_FOR_MS', async () => {
  const { clock, known } = setup(async () => [site(1)]);
  const madeUp = site(777).id;
  expect(await known.allows(madeUp, VIEWER)).toBe(true);
  known.reject(madeUp);
  clock.now += KNOWN_SITES_REFRESH_MS; // a fresh allowance, but the answer is remembered
  expect(await known.allows(madeUp, VIEWER)).toBe(false);
  clock.now += REJECTED_FOR_MS;
  expect(await known.allows(madeUp, VIEWER)).toBe(true);
});

test('all clients together ask Umami about at most UNLISTED_PROBES unlisted ids per period', async () => {
  const { clock, known } = setup(async () => [site(1)]);
  let allowed = 0;
  for (let c = 0; c < 100; c++) {
    for (let i = 0; i < 5; i++) if (await known.allows(site(c * 10 + i + 2).id, `10.0.${c}.1`)) allowed++;
  }
  expect(allowed).toBe(UNLISTED_PROBES);
  clock.now += KNOWN_SITES_REFRESH_MS;
  expect(await known.allows(site(9999).id, VIEWER)).toBe(true);
});

test('a list fetched by the /api/websites route counts as the refresh', async () => {
  const { clock, known, calls } = setup(async () => [site(1), site(2)]);
  known.update([site(1)]);
  await spendProbes(known);
  clock.now += KNOWN_SITES_REFRESH_MS - 1;
  expect(await known.allows(site(2).id, ATTACKER)).toBe(false);
  expect(calls()).toBe(0);
  clock.now += 1;
  expect(await known.allows(site(2).id, ATTACKER)).toBe(true);
  expect(calls()).toBe(1);
});

test('without a list (Umami refuses it) every id is let through, and the list is asked again once a minute, not per id', async () => {
  const { clock, known, calls } = setup(() => Promise.reject(new Error('500')));
  for (let i = 0; i < 20; i++) expect(await known.allows(site(i).id, ATTACKER)).toBe(true);
  expect(calls()).toBe(1);
  clock.now += KNOWN_SITES_REFRESH_MS;
  await known.allows(site(99).id, ATTACKER);
  expect(calls()).toBe(2);
});

test('a failed refresh keeps the last list', async () => {
  let fail = false;
  const { clock, known } = setup(async () => {
    if (fail) throw new Error('down');
    return [site(1)];
  });
  await spendProbes(known);
  expect(await known.allows(site(2).id, ATTACKER)).toBe(false);
  fail = true;
  clock.now += KNOWN_SITES_REFRESH_MS;
  await spendProbes(known);
  expect([await known.allows(site(1).id, ATTACKER), await known.allows(site(2).id, ATTACKER)]).toEqual([true, false]);
});

test('a full page may not be the whole list: it refuses nothing', async () => {
  const { known } = setup(async () => Array.from({ length: WEBSITES_PAGE_SIZE }, (_, i) => site(i)));
  await spendProbes(known);
  expect(await known.allows(site(WEBSITES_PAGE_SIZE + 1).id, ATTACKER)).toBe(true);
});
