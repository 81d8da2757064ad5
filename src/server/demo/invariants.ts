import { isUuid, type UmamiRealtimeBody, type UmamiRealtimeEvent } from '../../shared/validate.ts';
import type { MetricType } from '../exact.ts';
import type { UmamiActiveBody, UmamiMetricRow, UmamiStatsBody } from './exact-body.ts';

// The identities every Umami 3.1 realtime body keeps (fixture README), as a checker that lists
// what is broken. Tests assert an empty list; it explains itself when something drifts.

export const BODY_KEYS = ['countries', 'urls', 'referrers', 'events', 'series', 'totals', 'timestamp'] as const;
export const EVENT_KEYS = [
  '__type',
  'sessionId',
  'eventName',
  'createdAt',
  'browser',
  'os',
  'device',
  'country',
  'urlPath',
  'referrerDomain',
  'hostname',
] as const;
export const TOTALS_KEYS = ['views', 'visitors', 'events', 'countries'] as const;

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function counts(keys: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of keys) out[key] = (out[key] ?? 0) + 1;
  return out;
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

function sameRowExceptType(a: UmamiRealtimeEvent, b: UmamiRealtimeEvent): boolean {
  return EVENT_KEYS.every((key) => key === '__type' || a[key] === b[key]);
}

export function realtimeInvariantViolations(body: UmamiRealtimeBody, rowLimit = 100): string[] {
  const problems: string[] = [];
  const problem = (text: string) => problems.push(text);

  if (Object.keys(body).join() !== BODY_KEYS.join()) problem(`top-level keys ${Object.keys(body).join()}`);
  if (Object.keys(body.totals).join() !== TOTALS_KEYS.join()) problem(`totals keys ${Object.keys(body.totals).join()}`);
  if (Object.keys(body.series).join() !== 'views,visitors') problem(`series keys ${Object.keys(body.series).join()}`);

  const raw = body.events.filter((event) => event.__type !== 'session');
  if (raw.length > rowLimit) problem(`${raw.length} raw rows, more than ${rowLimit}`);

  body.events.forEach((event, i) => {
    if (Object.keys(event).join() !== EVENT_KEYS.join()) problem(`event ${i} keys ${Object.keys(event).join()}`);
    if (!ISO_MS.test(event.createdAt)) problem(`event ${i} createdAt ${event.createdAt}`);
    if (!isUuid(event.sessionId) || event.sessionId !== event.sessionId.toLowerCase()) problem(`event ${i} sessionId ${event.sessionId}`);
    const previous = body.events[i - 1];
    if (previous && previous.createdAt < event.createdAt) problem(`event ${i} is newer than the one before it`);
    if (event.__type !== 'session' && (event.__type === 'event') !== (event.eventName !== null)) {
      problem(`event ${i} has __type ${event.__type} and eventName ${event.eventName}`);
    }
    if (event.__type === 'event' && event.referrerDomain !== null) problem(`custom event ${i} has a referrer`);
  });

  // One session row per distinct session among the raw rows, right after that session's oldest raw row.
  const oldestRaw = new Map<string, UmamiRealtimeEvent>();
  for (const event of raw) oldestRaw.set(event.sessionId, event);
  const sessionRows = body.events.filter((event) => event.__type === 'session');
  if (sessionRows.length !== oldestRaw.size) problem(`${sessionRows.length} session rows for ${oldestRaw.size} sessions`);
  body.events.forEach((event, i) => {
    if (event.__type !== 'session') return;
    const before = body.events[i - 1];
    if (!before || before.__type === 'session' || before !== oldestRaw.get(event.sessionId) || !sameRowExceptType(before, event)) {
      problem(`session row ${i} does not copy and follow its session's oldest row`);
    }
  });

  const countryBySession = new Map(raw.map((event) => [event.sessionId, event.country]));
  const countries = counts([...countryBySession.values()].filter((c): c is string => c !== null));
  if (!sameCounts(body.countries, countries)) problem('countries are not sessions per country among the capped rows');
  if (!sameCounts(body.urls, counts(raw.map((event) => event.urlPath)))) problem('urls are not counted over the capped rows');
  const referrers = counts(raw.map((event) => event.referrerDomain).filter((r): r is string => r !== null));
  if (!sameCounts(body.referrers, referrers)) problem('referrers are not counted over the capped rows');

  const { views, visitors } = body.series;
  if (views.map((p) => p.x).join() !== visitors.map((p) => p.x).join()) problem('views and visitors have different x');
  views.forEach((point, i) => {
    const previous = views[i - 1];
    if (previous && previous.x >= point.x) problem(`series x not ascending at ${i}`);
    if (!(point.y > 0)) problem(`series has an empty bucket ${point.x}`);
    const visitorsHere = visitors[i]?.y ?? 0;
    if (!(visitorsHere > 0 && visitorsHere <= point.y)) problem(`visitors ${visitorsHere} vs views ${point.y} at ${point.x}`);
  });

  const sum = (points: readonly { y: number }[]) => points.reduce((total, p) => total + p.y, 0);
  if (body.totals.views !== sum(views)) problem('totals.views is not the sum of series.views');
  if (body.totals.visitors !== sum(visitors)) problem('totals.visitors is not the sum of series.visitors');
  const eventRows = raw.filter((event) => event.eventName !== null).length;
  if (body.totals.events !== eventRows) problem('totals.events is not the capped rows with an eventName');
  if (body.totals.countries !== Object.keys(body.countries).length) problem('totals.countries is not the number of countries');
  return problems;
}

export type ExactAnswers = {
  stats: UmamiStatsBody;
  metrics: Record<MetricType, UmamiMetricRow[]>;
  active: UmamiActiveBody;
};

const NUMERIC_STRING = /^\d+$/;
const METRIC_KEYS = ['name', 'pageviews', 'visitors', 'visits', 'bounces', 'totaltime'];

/**
 * What must hold between one site's realtime body (the sample) and its exact answers (the truth)
 * at the same instant, on Umami as in the demo: the sample never exceeds the truth where it
 * counts the same rows, and the only exact figure the realtime body has (views) agrees.
 */
export function exactInvariantViolations(realtime: UmamiRealtimeBody, exact: ExactAnswers, ownDomain: string): string[] {
  const problems: string[] = [];
  const problem = (text: string) => problems.push(text);
  const { stats, metrics, active } = exact;
  const views = (rows: readonly UmamiMetricRow[]) => rows.reduce((sum, row) => sum + Number(row.pageviews), 0);

  if (Object.keys(stats).join() !== 'pageviews,visitors,visits,bounces,totaltime,comparison') problem(`stats keys ${Object.keys(stats).join()}`);
  if (stats.pageviews !== realtime.totals.views) problem(`stats.pageviews ${stats.pageviews} vs realtime totals.views ${realtime.totals.views}`);
  if (views(metrics.path) !== stats.pageviews) problem(`path pageviews sum to ${views(metrics.path)}, stats say ${stats.pageviews}`);
  if (stats.visitors > realtime.totals.visitors) problem('exact visitors exceed the sum of per-minute visitors');
  const busiestMinute = Math.max(0, ...realtime.series.visitors.map((p) => p.y));
  if (stats.visitors < busiestMinute) problem('exact visitors are fewer than one minute’s visitors');
  if (stats.bounces > stats.visitors) problem('more bounces than visitors');

  for (const [type, rows] of Object.entries(metrics)) {
    rows.forEach((row, i) => {
      if (Object.keys(row).join() !== METRIC_KEYS.join()) problem(`${type} row ${i} keys ${Object.keys(row).join()}`);
      if (!NUMERIC_STRING.test(row.pageviews) || !NUMERIC_STRING.test(row.totaltime)) problem(`${type} row ${i} pageviews/totaltime are not numeric strings`);
      if (typeof row.visitors !== 'number' || typeof row.visits !== 'number' || typeof row.bounces !== 'number') problem(`${type} row ${i} counts are not numbers`);
      if (row.name === '') problem(`${type} row ${i} has an empty name`);
      const previous = rows[i - 1];
      if (previous && (previous.visitors < row.visitors || (previous.visitors === row.visitors && previous.visits < row.visits))) {
        problem(`${type} rows are not ordered by visitors, then visits, at ${i}`);
      }
      if (row.visitors > stats.visitors && type !== 'event') problem(`${type} row ${row.name} has more visitors than the site`);
    });
  }
  if (metrics.referrer.some((row) => row.name === ownDomain)) problem('the referrer list names the site’s own domain');
  if (views(metrics.referrer) > stats.pageviews) problem('referrer pageviews exceed all pageviews');
  if (views(metrics.country) > stats.pageviews) problem('country pageviews exceed all pageviews');

  // The exact list counts page views: a country the sample has only from custom events need not be in it.
  const exactCountries = new Set(metrics.country.map((row) => row.name));
  const viewedCountries = new Set(realtime.events.filter((event) => event.__type === 'pageview').map((event) => event.country));
  for (const country of Object.keys(realtime.countries)) {
    if (viewedCountries.has(country) && !exactCountries.has(country)) problem(`sampled country ${country} is not in the exact list`);
  }
  const eventsByName = new Map(metrics.event.map((row) => [row.name, Number(row.pageviews)]));
  const sampledEvents = new Map<string, number>();
  for (const event of realtime.events) if (event.__type === 'event' && event.eventName) sampledEvents.set(event.eventName, (sampledEvents.get(event.eventName) ?? 0) + 1);
  for (const [name, count] of sampledEvents) if (count > (eventsByName.get(name) ?? 0)) problem(`sampled event ${name} ${count} exceeds its exact count`);

  if (!Number.isInteger(active.visitors) || active.visitors < 0) problem(`active visitors ${active.visitors}`);
  return problems;
}
