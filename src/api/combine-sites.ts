import { isolate } from '../lib/isolate';
import type { MetricType } from './exact';
import type { Active, MetricRow, Stats } from './exact-schemas';
import type { RealtimeResult } from './realtime';
import type { Counts, RealtimeEvent } from './realtime-schema';

// Several sites as one dashboard (`?combine`): each site's answers summed into the shape one
// site's answer has, so every panel reads them unchanged. Views and events add up exactly;
// visitors add up per site (a person on two sites counts twice): the panels say "sum of sites".

export type CombinedSite = { id: string; name: string };
export type SiteAnswer<T> = { site: CombinedSite; data: T };

/** A page or an event is a different thing on each site: its name carries the site's, each isolated (a U+202E in one must not reverse the other). */
export function siteLabel(site: CombinedSite, name: string): string {
  return `${isolate(site.name)} · ${isolate(name)}`;
}

/** Null (a count Umami sent unreadable) stays null: one unreadable total costs that total, not a wrong sum. */
function sum(values: readonly (number | null)[]): number | null {
  let total = 0;
  for (const value of values) {
    if (value === null) return null;
    total += value;
  }
  return Math.min(total, Number.MAX_SAFE_INTEGER);
}

/** Null (a list Umami sent unreadable) stays null: the panel says so rather than list the other sites alone. */
function sumCounts(maps: readonly (Counts | null)[], keyOf: (key: string, index: number) => string = (key) => key): Counts | null {
  if (maps.includes(null)) return null;
  const counts = new Map<string, number>();
  maps.forEach((map, index) => {
    if (map === null) return;
    for (const [key, value] of map) {
      const name = keyOf(key, index);
      counts.set(name, Math.min((counts.get(name) ?? 0) + value, Number.MAX_SAFE_INTEGER));
    }
  });
  return counts;
}

type Point = { x: string; y: number };

/** Sums points by bucket label (the zone is the same for every site), in time order. */
function sumSeries(series: readonly (readonly Point[])[]): Point[] {
  const byX = new Map<string, number>();
  for (const points of series) for (const { x, y } of points) byX.set(x, (byX.get(x) ?? 0) + y);
  return [...byX].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([x, y]) => ({ x, y }));
}

/** Every site's feed in one, newest first, each row naming its site; ids stay unique across sites. */
function mergeFeeds(answers: readonly SiteAnswer<RealtimeResult>[]): RealtimeEvent[] {
  const events = answers.flatMap(({ site, data }) => data.data.events.map((event) => ({ ...event, id: `${site.id}|${event.id}`, site: site.name })));
  return events.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The realtime answers of several sites as one: sums, one feed, the oldest and stalest state. */
export function combineRealtime(answers: readonly SiteAnswer<RealtimeResult>[]): RealtimeResult | undefined {
  const first = answers[0];
  if (!first) return undefined;
  const results = answers.map((a) => a.data);
  const countries = sumCounts(results.map((r) => r.data.countries));
  const staleAges = results.map((r) => r.upstreamStaleAge).filter((age): age is number => age !== null);
  return {
    data: {
      countries,
      urls: sumCounts(
        results.map((r) => r.data.urls),
        (path, i) => siteLabel(answers[i]!.site, path),
      ),
      referrers: sumCounts(results.map((r) => r.data.referrers)),
      events: mergeFeeds(answers),
      series: {
        views: sumSeries(results.map((r) => r.data.series.views)),
        visitors: sumSeries(results.map((r) => r.data.series.visitors)),
      },
      totals: {
        views: sum(results.map((r) => r.data.totals.views)),
        visitors: sum(results.map((r) => r.data.totals.visitors)),
        events: sum(results.map((r) => r.data.totals.events)),
        // Distinct countries across sites, not a sum: a country shared by two sites is one.
        countries: countries === null ? null : [...countries].filter(([, n]) => n > 0).length,
      },
      timestamp: Math.max(...results.map((r) => r.data.timestamp)),
    },
    timezone: first.data.timezone,
    // The oldest answer and the stalest proxy copy: "updated" and "stale" never flatter.
    receivedAt: Math.min(...results.map((r) => r.receivedAt)),
    upstreamStaleAge: staleAges.length > 0 ? Math.max(...staleAges) : null,
    staleReason: results.find((r) => r.staleReason !== null)?.staleReason ?? null,
    mode: first.data.mode,
  };
}

export function sumStats(answers: readonly SiteAnswer<Stats>[]): Stats {
  return {
    pageviews: sum(answers.map((a) => a.data.pageviews)),
    visitors: sum(answers.map((a) => a.data.visitors)),
  };
}

export function sumActive(answers: readonly SiteAnswer<Active>[]): Active {
  return { visitors: sum(answers.map((a) => a.data.visitors)) ?? 0 };
}

/** Rows of one metric from several sites: pages and events named per site, referrers and countries added up. */
export function combineMetrics(type: MetricType, answers: readonly SiteAnswer<MetricRow[]>[]): MetricRow[] {
  const perSite = type === 'path' || type === 'event';
  const byName = new Map<string | null, MetricRow>();
  for (const { site, data } of answers) {
    for (const row of data) {
      const name = perSite && row.name !== null ? siteLabel(site, row.name) : row.name;
      const seen = byName.get(name);
      byName.set(name, seen ? { name, pageviews: sum([seen.pageviews, row.pageviews]) ?? 0, visitors: sum([seen.visitors, row.visitors]) ?? 0 } : { ...row, name });
    }
  }
  return [...byName.values()];
}
