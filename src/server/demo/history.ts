import { periodRequestWindow, type PeriodRequest } from '../period.ts';
import type { Filter } from '../../shared/filters.ts';
import type { DemoSite } from './catalog.ts';
import type { UmamiMetricRow, UmamiStats, UmamiStatsBody } from './exact-body.ts';
import { filterSessions } from './filter-sessions.ts';
import { LruCache } from './lru-cache.ts';
import { createBucketLabeler } from './time-buckets.ts';
import { MINUTE_MS, SESSION_SPAN_MINUTES, sessionsForMinute, type DemoSession } from './traffic.ts';
import type { UmamiSeriesPoint } from '../../shared/validate.ts';

// The period routes (issue 19) from the demo's traffic: a whole local day of stats or events,
// and the live chart's half hour on an earlier day. Traffic is a pure function of (seed, site,
// minute), so a quarter hour of complete sessions is summed once and kept; only the sessions cut
// by a window's two ends are counted row by row on each answer.

type Filters = readonly Filter[];

/** Umami's GET /api/websites/:id/pageviews with unit=minute: pageview rows and distinct sessions per minute. */
export type UmamiPageviewsBody = { pageviews: UmamiSeriesPoint[]; sessions: UmamiSeriesPoint[] };
export type UmamiPeriodBody = UmamiStatsBody | UmamiMetricRow[] | UmamiPageviewsBody;

/** Minutes summed together; every zone's midnight (offsets are whole quarter hours) falls on a block edge. */
export const BLOCK_MINUTES = 15;
/** Blocks kept per site: ten days, enough for last week's window and its comparison. */
export const BLOCKS_PER_SITE = (10 * 24 * 60) / BLOCK_MINUTES;

// A tally is four numbers per group: pageviews (or event count), visitors, bounces, total time
// (s). Group 0 is the pageviews, group 1 + i the site's i-th custom event.
const FIELDS = 4;
type Tally = Float64Array;

type Groups = { slots: ReadonlyMap<string, number>; names: readonly string[] };

function eventGroups(site: DemoSite): Groups {
  const names = [...new Set([...site.pages.values()].flatMap((page) => page.events.map(([name]) => name)))].sort();
  return { names, slots: new Map(names.map((name, i) => [name, i + 1])) };
}

const add = (tally: Tally, index: number, value: number) => {
  tally[index] = (tally[index] ?? 0) + value;
};

/** One session's rows in [from, to], grouped per (name, session) as Umami's queries group them. */
function addSession(tally: Tally, slots: ReadonlyMap<string, number>, session: DemoSession, from: number, to: number) {
  const groups = new Map<number, { count: number; first: number; last: number }>();
  for (const row of session.rows) {
    if (row.t < from || row.t > to) continue;
    const slot = row.eventName === null ? 0 : slots.get(row.eventName);
    if (slot === undefined) continue;
    const group = groups.get(slot);
    if (group) {
      group.count += 1;
      group.last = Math.max(group.last, row.t);
      group.first = Math.min(group.first, row.t);
    } else groups.set(slot, { count: 1, first: row.t, last: row.t });
  }
  for (const [slot, { count, first, last }] of groups) {
    const base = slot * FIELDS;
    add(tally, base, count);
    add(tally, base + 1, 1);
    if (count === 1) add(tally, base + 2, 1);
    add(tally, base + 3, Math.floor((last - first) / 1000));
  }
}

function addTally(into: Tally, from: Tally) {
  for (let i = 0; i < into.length; i += 1) add(into, i, from[i] ?? 0);
}

function statsOf(tally: Tally, slot = 0): UmamiStats {
  const base = slot * FIELDS;
  const visitors = tally[base + 1] ?? 0;
  return { pageviews: tally[base] ?? 0, visitors, visits: visitors, bounces: tally[base + 2] ?? 0, totaltime: tally[base + 3] ?? 0 };
}

export type History = {
  /** `filters`: only the rows a filtered wall keeps, as Umami would count them. */
  body(site: DemoSite, request: PeriodRequest, now: number, filters?: Filters): UmamiPeriodBody;
  /** Blocks kept (tests). */
  readonly cachedBlocks: number;
};

export function createHistory(seed: number, siteCount: number): History {
  const blocks = new LruCache<string, Tally>(Math.max(1, siteCount) * BLOCKS_PER_SITE);
  const groupsBySite = new Map<string, Groups>();

  const groupsOf = (site: DemoSite) => {
    let groups = groupsBySite.get(site.id);
    if (!groups) groupsBySite.set(site.id, (groups = eventGroups(site)));
    return groups;
  };

  function block(site: DemoSite, groups: Groups, index: number): Tally {
    const key = `${site.id}:${index}`;
    let tally = blocks.get(key);
    if (!tally) {
      tally = new Float64Array((groups.names.length + 1) * FIELDS);
      for (let minute = index * BLOCK_MINUTES; minute < (index + 1) * BLOCK_MINUTES; minute += 1) {
        for (const session of sessionsForMinute(seed, site, minute)) addSession(tally, groups.slots, session, -Infinity, Infinity);
      }
      blocks.set(key, tally);
    }
    return tally;
  }

  /** A minute's sessions with only the rows a filtered wall's filters keep. */
  const sessionsOf = (site: DemoSite, minute: number, filters: Filters) =>
    filters.length === 0 ? sessionsForMinute(seed, site, minute) : filterSessions(sessionsForMinute(seed, site, minute), filters);

  /**
   * Every row in [from, to]: sessions wholly inside from kept blocks, those cut by an end row by
   * row. A filtered wall's rows are counted one by one (its blocks would be one per filter).
   */
  function tally(site: DemoSite, from: number, to: number, filters: Filters): Tally {
    const groups = groupsOf(site);
    const total = new Float64Array((groups.names.length + 1) * FIELDS);
    // A session starting in minute m has rows in [m, m + SESSION_SPAN) minutes.
    const first = Math.floor(from / MINUTE_MS) - SESSION_SPAN_MINUTES + 1;
    const last = Math.floor(to / MINUTE_MS);
    const insideFirst = Math.ceil(from / MINUTE_MS);
    const insideLast = Math.floor((to + 1) / MINUTE_MS) - SESSION_SPAN_MINUTES;
    for (let minute = first; minute <= last; minute += 1) {
      const inside = minute >= insideFirst && minute <= insideLast;
      if (filters.length === 0 && inside && minute % BLOCK_MINUTES === 0 && minute + BLOCK_MINUTES - 1 <= insideLast) {
        addTally(total, block(site, groups, minute / BLOCK_MINUTES));
        minute += BLOCK_MINUTES - 1;
        continue;
      }
      for (const session of sessionsOf(site, minute, filters)) {
        addSession(total, groups.slots, session, inside ? -Infinity : from, inside ? Infinity : to);
      }
    }
    return total;
  }

  function stats(site: DemoSite, from: number, to: number, filters: Filters): UmamiStatsBody {
    // Umami's compare=prev: the window moved back by its length in whole minutes.
    const shift = Math.floor((to - from) / MINUTE_MS) * MINUTE_MS;
    return { ...statsOf(tally(site, from, to, filters)), comparison: statsOf(tally(site, from - shift, to - shift, filters)) };
  }

  function events(site: DemoSite, from: number, to: number, filters: Filters): UmamiMetricRow[] {
    const total = tally(site, from, to, filters);
    const rows = groupsOf(site).names.flatMap((name, i) => {
      const { pageviews, visitors, visits, bounces, totaltime } = statsOf(total, i + 1);
      return pageviews > 0 ? [{ name, pageviews: String(pageviews), visitors, visits, bounces, totaltime: String(totaltime) }] : [];
    });
    // `order by visitors desc, visits desc`; the name breaks ties so polls never reshuffle.
    return rows.sort((a, b) => b.visitors - a.visitors || b.visits - a.visits || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  function pageviews(site: DemoSite, from: number, to: number, timezone: string, filters: Filters): UmamiPageviewsBody {
    const label = createBucketLabeler({ timezone, unit: 'minute' });
    const buckets = new Map<string, { views: number; sessions: Set<string> }>();
    for (let minute = Math.floor(from / MINUTE_MS) - SESSION_SPAN_MINUTES + 1; minute <= Math.floor(to / MINUTE_MS); minute += 1) {
      for (const session of sessionsOf(site, minute, filters)) {
        for (const row of session.rows) {
          if (row.eventName !== null || row.t < from || row.t > to) continue;
          const x = label(row.t);
          let bucket = buckets.get(x);
          if (!bucket) buckets.set(x, (bucket = { views: 0, sessions: new Set() }));
          bucket.views += 1;
          bucket.sessions.add(session.id);
        }
      }
    }
    // Minutes without a view are absent, and the rest in label order, as Umami's `group by 1 order by 1`.
    const xs = [...buckets.keys()].sort();
    return {
      pageviews: xs.map((x) => ({ x, y: buckets.get(x)?.views ?? 0 })),
      sessions: xs.map((x) => ({ x, y: buckets.get(x)?.sessions.size ?? 0 })),
    };
  }

  return {
    body(site, request, now, filters = []) {
      const { startAt, endAt } = periodRequestWindow(request, now);
      if (request.route === 'stats') return stats(site, startAt, endAt, filters);
      if (request.route === 'metrics') return events(site, startAt, endAt, filters);
      return pageviews(site, startAt, endAt, request.timezone, filters);
    },
    get cachedBlocks() {
      return blocks.size;
    },
  };
}
