import type { ExactRequest, MetricType } from '../exact.ts';
import { windowStart } from './realtime-body.ts';
import { MINUTE_MS, type DemoRow, type DemoSession } from './traffic.ts';

// The answers of Umami 3.1's exact routes, computed from the same sessions as the realtime body
// but over every row of the window (src/queries/sql in Umami; fixture README in aggregates/):
// stats and path/referrer/country count pageviews only, event counts custom events only, every
// figure is grouped per (name, session, visit) first, rows are ordered by visitors then visits.

/** Umami's "N Online": distinct sessions with any row in the last 5 minutes. */
export const ACTIVE_MS = 5 * MINUTE_MS;

export type UmamiStats = { pageviews: number; visitors: number; visits: number; bounces: number; totaltime: number };
export type UmamiStatsBody = UmamiStats & { comparison: UmamiStats };
/** Postgres sums arrive as numeric strings: `pageviews` and `totaltime`. */
export type UmamiMetricRow = { name: string; pageviews: string; visitors: number; visits: number; bounces: number; totaltime: string };
export type UmamiActiveBody = { visitors: number };
export type UmamiExactBody = UmamiStatsBody | UmamiMetricRow[] | UmamiActiveBody;

type Group = { count: number; first: number; last: number };

/** `count(*)`, min and max time per (name, session); a demo session is one visit. */
function groupRows(sessions: Iterable<DemoSession>, from: number, to: number, nameOf: (row: DemoRow, session: DemoSession) => string | null) {
  const byName = new Map<string, Map<string, Group>>();
  for (const session of sessions) {
    for (const row of session.rows) {
      if (row.t < from || row.t > to) continue;
      const name = nameOf(row, session);
      // `where name != ''`: in SQL a null name fails that test too.
      if (name === null || name === '') continue;
      let perSession = byName.get(name);
      if (!perSession) byName.set(name, (perSession = new Map()));
      const group = perSession.get(session.id);
      if (group) {
        group.count += 1;
        group.last = Math.max(group.last, row.t);
        group.first = Math.min(group.first, row.t);
      } else perSession.set(session.id, { count: 1, first: row.t, last: row.t });
    }
  }
  return byName;
}

function summarise(groups: Iterable<Group>): UmamiStats {
  let pageviews = 0;
  let visitors = 0;
  let bounces = 0;
  let totaltime = 0;
  for (const group of groups) {
    pageviews += group.count;
    visitors += 1;
    if (group.count === 1) bounces += 1;
    // floor(extract(epoch from (max - min))) per group.
    totaltime += Math.floor((group.last - group.first) / 1000);
  }
  return { pageviews, visitors, visits: visitors, bounces, totaltime };
}

const isPageview = (row: DemoRow) => row.eventName === null;

/** Umami's stats over [from, to] (both included), from every row of `sessions`. */
export function stats(sessions: readonly DemoSession[], from: number, to: number): UmamiStats {
  const groups = groupRows(sessions, from, to, (row) => (isPageview(row) ? 'all' : null)).get('all');
  return summarise(groups?.values() ?? []);
}

const NAME_OF: Record<MetricType, (row: DemoRow, session: DemoSession) => string | null> = {
  path: (row) => (isPageview(row) ? row.urlPath : null),
  // Umami leaves out the site's own domain (and empty referrers) here, unlike the realtime list.
  referrer: (row, session) => (isPageview(row) && row.referrerDomain !== session.hostname.replace(/^www\./, '') ? row.referrerDomain : null),
  country: (row, session) => (isPageview(row) ? session.country : null),
  event: (row) => row.eventName,
};

/** Umami's expanded metrics over [from, to], from every row of `sessions`. */
export function metrics(sessions: readonly DemoSession[], type: MetricType, from: number, to: number): UmamiMetricRow[] {
  const rows = [...groupRows(sessions, from, to, NAME_OF[type])].map(([name, groups]) => {
    const { pageviews, visitors, visits, bounces, totaltime } = summarise(groups.values());
    return { name, pageviews: String(pageviews), visitors, visits, bounces, totaltime: String(totaltime) };
  });
  // `order by visitors desc, visits desc`; the name breaks ties so polls never reshuffle.
  return rows.sort((a, b) => b.visitors - a.visitors || b.visits - a.visits || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Umami's `compare=prev`: the window moved back by its length in whole minutes. */
export function previousWindow(now: number): { from: number; to: number } {
  const from = windowStart(now);
  const shift = Math.floor((now - from) / MINUTE_MS) * MINUTE_MS;
  return { from: from - shift, to: now - shift };
}

export function buildExactBody(sessions: readonly DemoSession[], now: number, request: ExactRequest): UmamiExactBody {
  if (request.route === 'active') {
    const online = new Set<string>();
    for (const session of sessions) if (session.rows.some((row) => row.t >= now - ACTIVE_MS && row.t <= now)) online.add(session.id);
    return { visitors: online.size };
  }
  const from = windowStart(now);
  if (request.route === 'metrics') return metrics(sessions, request.type, from, now);
  const previous = previousWindow(now);
  return { ...stats(sessions, from, now), comparison: stats(sessions, previous.from, previous.to) };
}
