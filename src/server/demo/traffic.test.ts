import { expect, test } from 'vitest';
import { COUNTRY_WEIGHTS, DEMO_SITES, type DemoSite } from './catalog.ts';
import { arrivalRate, dailyFactor, dayLevel, diurnalFactor, MINUTE_MS, SESSION_SPAN_MINUTES, sessionsForMinute } from './traffic.ts';

const SEED = 7;
const NOV_26_MINUTE = Math.floor(Date.parse('2026-11-26T00:00:00Z') / MINUTE_MS);

function siteNamed(name: string): DemoSite {
  const site = DEMO_SITES.find((s) => s.name === name);
  if (!site) throw new Error(`no site ${name}`);
  return site;
}

/** Sessions starting in each 30-minute block over `days` days. */
function sessionsPerHalfHour(site: DemoSite, days: number): number[] {
  const blocks: number[] = [];
  for (let block = 0; block < days * 48; block += 1) {
    let total = 0;
    for (let m = 0; m < 30; m += 1) total += sessionsForMinute(SEED, site, NOV_26_MINUTE + block * 30 + m).length;
    blocks.push(total);
  }
  return blocks;
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

test('a minute gives the same sessions every time it is generated', () => {
  for (const site of DEMO_SITES) {
    const minute = NOV_26_MINUTE + 900;
    expect(sessionsForMinute(SEED, site, minute)).toEqual(sessionsForMinute(SEED, site, minute));
  }
});

test('seeds, sites and minutes each change the traffic', () => {
  const shop = siteNamed('Demo Shop');
  const docs = siteNamed('Docs Hub');
  const minutes = Array.from({ length: 20 }, (_, i) => NOV_26_MINUTE + 900 + i);
  const ids = (seed: number, site: DemoSite) => minutes.flatMap((m) => sessionsForMinute(seed, site, m).map((s) => s.id));
  expect(ids(SEED, shop).length).toBeGreaterThan(0);
  expect(ids(SEED, shop)).not.toEqual(ids(SEED + 1, shop));
  expect(ids(SEED, shop)).not.toEqual(ids(SEED, docs));
  expect(new Set(ids(SEED, shop)).size).toBe(ids(SEED, shop).length);
});

test('every row of a session lies within its start minute and the session span, in order', () => {
  for (const site of DEMO_SITES) {
    for (let minute = NOV_26_MINUTE; minute < NOV_26_MINUTE + 240; minute += 1) {
      for (const session of sessionsForMinute(SEED, site, minute)) {
        const first = session.rows[0];
        expect(first?.eventName).toBeNull();
        expect(first?.t).toBeGreaterThanOrEqual(minute * MINUTE_MS);
        expect(first?.t).toBeLessThan((minute + 1) * MINUTE_MS);
        session.rows.forEach((row, i) => {
          expect(row.t).toBeLessThan((minute + SESSION_SPAN_MINUTES) * MINUTE_MS);
          expect(row.t).toBeGreaterThanOrEqual(session.rows[i - 1]?.t ?? row.t);
          expect(Number.isInteger(row.t)).toBe(true);
        });
      }
    }
  }
});

test('referrers: external or direct on entry, the own domain after, none on custom events', () => {
  for (const site of DEMO_SITES) {
    for (let minute = NOV_26_MINUTE; minute < NOV_26_MINUTE + 240; minute += 1) {
      for (const session of sessionsForMinute(SEED, site, minute)) {
        expect(session.hostname).toBe(site.domain);
        const [entry, ...rest] = session.rows;
        expect(entry?.referrerDomain).not.toBe(site.domain);
        for (const row of rest) expect(row.referrerDomain).toBe(row.eventName === null ? site.domain : null);
        for (const row of session.rows) expect(site.pages.has(row.urlPath)).toBe(true);
      }
    }
  }
});

test.each(DEMO_SITES.map((site) => [site.name, site] as const))('%s: every link leads to a known page', (_name, site) => {
  for (const entry of site.entries.items) expect(site.pages.has(entry)).toBe(true);
  for (const page of site.pages.values()) {
    for (const next of page.next.items) expect(site.pages.has(next)).toBe(true);
  }
});

test('countries: 40+ weighted codes, a share with no country', () => {
  const codes = COUNTRY_WEIGHTS.map(([code]) => code);
  expect(codes.filter((c) => c !== null).length).toBeGreaterThanOrEqual(40);
  expect(codes).toContain(null);
  expect(new Set(codes).size).toBe(codes.length);
  for (const code of codes) if (code !== null) expect(code).toMatch(/^[A-Z]{2}$/);
});

test.each([
  ['Demo Shop', 50, 130],
  ['Docs Hub', 8, 25],
  ['Field Notes', 1, 8],
  ['Harbor News', 160, 420],
  ['Northwind App', 28, 75],
  ['Summit Conf', 12, 40],
  ['Pine Street Bakery', 0.8, 4.5],
])('%s averages between %d and %d sessions per 30 minutes', (name, low, high) => {
  const blocks = sessionsPerHalfHour(siteNamed(name), 2);
  expect(mean(blocks)).toBeGreaterThanOrEqual(low);
  expect(mean(blocks)).toBeLessThanOrEqual(high);
});

test('the busy shop is busier in the afternoon than at night (UTC)', () => {
  const blocks = sessionsPerHalfHour(siteNamed('Demo Shop'), 3);
  const byHour = (hour: number) => mean(blocks.filter((_, i) => Math.floor(((i * 30) % 1440) / 60) === hour));
  expect(byHour(15)).toBeGreaterThan(byHour(3) * 1.5);
});

test('the arrival rate is smooth: no minute-to-minute jumps', () => {
  const shop = siteNamed('Demo Shop');
  for (let m = NOV_26_MINUTE; m < NOV_26_MINUTE + 1440; m += 1) {
    const ratio = arrivalRate(SEED, shop, m + 1) / arrivalRate(SEED, shop, m);
    expect(ratio).toBeGreaterThan(0.9);
    expect(ratio).toBeLessThan(1.1);
  }
});

test.each([
  [15 * 60, 1.45],
  [3 * 60, 0.35],
  [-21 * 60, 0.35],
])('diurnalFactor at minute %d of the day is %d', (minute, expected) => {
  expect(diurnalFactor(minute)).toBeCloseTo(expected, 5);
});

test('the daily curve averages 1, so sessionsPerMinute stays the mean of a day', () => {
  const day = Array.from({ length: 1440 }, (_, m) => diurnalFactor(m));
  expect(mean(day)).toBeCloseTo(1, 6);
  expect(Math.min(...day) * 4).toBeLessThan(Math.max(...day));
});

test('every weekend day is quieter than every weekday, and no two days have the same level', () => {
  const shop = siteNamed('Demo Shop');
  const first = NOV_26_MINUTE / 1440;
  const days = Array.from({ length: 28 }, (_, i) => ({ weekday: new Date((first + i) * 86_400_000).getUTCDay(), level: dayLevel(SEED, shop, first + i) }));
  const weekend = days.filter((d) => d.weekday === 0 || d.weekday === 6).map((d) => d.level);
  const weekdays = days.filter((d) => d.weekday > 0 && d.weekday < 6).map((d) => d.level);
  expect(Math.max(...weekend)).toBeLessThan(Math.min(...weekdays));
  expect(new Set(days.map((d) => d.level)).size).toBe(days.length);
  // Eased from noon to noon: midnight is halfway between two days' levels, with no step.
  const midnight = (first + 1) * 1440;
  expect(dailyFactor(SEED, shop, midnight)).toBeCloseTo((dayLevel(SEED, shop, first) + dayLevel(SEED, shop, first + 1)) / 2, 9);
  expect(dailyFactor(SEED, shop, midnight - 720)).toBeCloseTo(dayLevel(SEED, shop, first), 9);
});

test('sessions visit several pages, sometimes fire events, and use varied devices', () => {
  const shop = siteNamed('Demo Shop');
  const sessions = Array.from({ length: 600 }, (_, i) => sessionsForMinute(SEED, shop, NOV_26_MINUTE + i)).flat();
  const pageviews = sessions.map((s) => s.rows.filter((r) => r.eventName === null).length);
  const eventNames = new Set(sessions.flatMap((s) => s.rows.map((r) => r.eventName)).filter((n) => n !== null));
  expect(mean(pageviews)).toBeGreaterThan(2);
  expect(Math.max(...pageviews)).toBeGreaterThan(5);
  expect(eventNames).toEqual(new Set(['add-to-cart', 'purchase', 'newsletter-subscribe', 'outbound-link-click', 'contact-form-submit']));
  expect(new Set(sessions.map((s) => s.browser)).size).toBeGreaterThanOrEqual(7);
  expect(new Set(sessions.map((s) => s.device))).toEqual(new Set(['desktop', 'laptop', 'mobile', 'tablet']));
  expect(new Set(sessions.map((s) => s.country)).size).toBeGreaterThanOrEqual(30);
  expect(sessions.some((s) => s.country === null)).toBe(true);
  expect(sessions.some((s) => s.rows[0]?.referrerDomain === null)).toBe(true);
});
