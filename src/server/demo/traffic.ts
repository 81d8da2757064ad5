import { COUNTRIES, type DemoSite } from './catalog.ts';
import { hashInts, intBetween, mulberry32, poisson, uuidFrom, type Rng } from './random.ts';

// Traffic is a pure function of (seed, site, minute): the sessions that start in minute m and
// all their rows are drawn from one generator seeded with exactly those three numbers. A past
// minute therefore yields the same rows on every poll; the clock only decides which of them are
// already visible (createdAt <= now).

export const MINUTE_MS = 60_000;

/** Every row of a session that starts in minute m lies in [m, m + SESSION_SPAN_MINUTES). */
export const SESSION_SPAN_MINUTES = 10;

const MAX_PAGES = 12;

export type DemoRow = {
  /** Unix ms. */
  t: number;
  /** null for a pageview, the custom event's name otherwise. */
  eventName: string | null;
  urlPath: string;
  /** The entry referrer on the first view, the site's own domain after, null for events. */
  referrerDomain: string | null;
};

export type DemoSession = {
  id: string;
  hostname: string;
  browser: string;
  os: string;
  device: string;
  country: string | null;
  /** Ascending by `t`. */
  rows: DemoRow[];
};

/**
 * The daily rhythm of an English-speaking, Europe-and-America heavy audience (UTC): a quiet
 * night around 03:00 and a broad day that peaks mid-afternoon. Ranges 0.35 … 1.45, mean 1.
 */
export function diurnalFactor(minute: number): number {
  const hourOfDay = (((minute % 1440) + 1440) % 1440) / 60;
  const angle = (2 * Math.PI * (hourOfDay - 15)) / 24;
  // The second harmonic narrows the night and widens the day.
  return 1 + 0.55 * Math.cos(angle) - 0.1 * Math.cos(2 * angle);
}

/** Monday … Sunday: weekends are quieter, as on most sites. */
const WEEKDAY_LEVELS = [1.04, 1.05, 1.04, 1.02, 0.96, 0.76, 0.78] as const;

/** One UTC day's level: its weekday's, times a seeded 0.92 … 1.08 so no two days look alike. */
export function dayLevel(seed: number, site: DemoSite, day: number): number {
  // Day 0 (1970-01-01) was a Thursday.
  const weekday = WEEKDAY_LEVELS[(((day + 3) % 7) + 7) % 7] ?? 1;
  return weekday * (0.92 + 0.16 * mulberry32(hashInts(seed, site.salt, 0x64617973, day))());
}

/** The day levels, eased from one noon (UTC) to the next so no midnight shows a step. */
export function dailyFactor(seed: number, site: DemoSite, minute: number): number {
  const sinceNoon = minute - 720;
  const day = Math.floor(sinceNoon / 1440);
  const fraction = (sinceNoon - day * 1440) / 1440;
  return dayLevel(seed, site, day) * (1 - fraction) + dayLevel(seed, site, day + 1) * fraction;
}

/** Slow random drift (0.75 … 1.25), interpolated between 10-minute knots so it never jumps. */
export function driftFactor(seed: number, site: DemoSite, minute: number): number {
  const slot = Math.floor(minute / 10);
  const knot = (s: number) => 0.75 + 0.5 * mulberry32(hashInts(seed, site.salt, 0x6e6f6973, s))();
  const fraction = (minute - slot * 10) / 10;
  return knot(slot) * (1 - fraction) + knot(slot + 1) * fraction;
}

/** Expected sessions starting in this minute. */
export function arrivalRate(seed: number, site: DemoSite, minute: number): number {
  return site.sessionsPerMinute * diurnalFactor(minute) * dailyFactor(seed, site, minute) * driftFactor(seed, site, minute);
}

/** Time on a page before the next click: mostly under a minute, sometimes a long read. */
function dwellMs(rng: Rng): number {
  const seconds = Math.min(240, 6 + -Math.log(1 - rng()) * 45);
  return Math.round(seconds * 1000);
}

function generateSession(rng: Rng, site: DemoSite, start: number, end: number): DemoSession {
  const visitor = site.visitors.pick(rng);
  const session: DemoSession = {
    id: uuidFrom(rng),
    hostname: site.domain,
    browser: visitor.browser,
    os: visitor.os,
    device: visitor.device,
    country: COUNTRIES.pick(rng),
    rows: [],
  };
  let path = site.entries.pick(rng);
  let t = start;
  let referrer = site.referrers.pick(rng);

  for (let page = 0; page < MAX_PAGES; page += 1) {
    session.rows.push({ t, eventName: null, urlPath: path, referrerDomain: referrer });
    const spec = site.pages.get(path);
    const nextT = t + dwellMs(rng);
    // Custom events happen while the visitor is on the page: after it loaded, before the next click.
    const pageEnd = Math.min(nextT, end);
    const events: DemoRow[] = [];
    for (const [eventName, chance] of spec?.events ?? []) {
      if (rng() >= chance) continue;
      const at = Math.min(pageEnd, t + 1500 + Math.floor(rng() * Math.max(1, pageEnd - t - 2000)));
      events.push({ t: at, eventName, urlPath: path, referrerDomain: null });
    }
    events.sort((a, b) => a.t - b.t);
    session.rows.push(...events);

    if (!spec || nextT > end || rng() >= site.continueChance) break;
    path = spec.next.pick(rng);
    t = nextT;
    referrer = site.domain;
  }
  return session;
}

/** All sessions that start in `minute` (a Unix minute index), in start order. */
export function sessionsForMinute(seed: number, site: DemoSite, minute: number): DemoSession[] {
  const rng = mulberry32(hashInts(seed, site.salt, minute));
  const count = poisson(rng, arrivalRate(seed, site, minute));
  const starts = Array.from({ length: count }, () => minute * MINUTE_MS + intBetween(rng, 0, MINUTE_MS - 1));
  starts.sort((a, b) => a - b);
  // The span counts from the start of the minute, so a reader knows which minutes can hold a row.
  const end = (minute + SESSION_SPAN_MINUTES) * MINUTE_MS - 1;
  return starts.map((start) => generateSession(rng, site, start, end));
}
