import type { Active, MetricRow, Stats } from '../../api/exact-schemas';
import type { RealtimeResult } from '../../api/realtime';

// Each total twice: Umami's exact figure, and the realtime answer's stand-in for when the exact
// route fails. The stand-ins count the latest 100 events only, so they are shown as a sample.

/** Umami's "online": distinct sessions with activity in the last 5 minutes. */
export const ONLINE_WINDOW_MS = 5 * 60_000;

function distinctSessions(events: RealtimeResult['data']['events'], since = -Infinity): number {
  const sessions = new Set<string>();
  for (const event of events) if (event.sessionId !== '' && event.createdAt >= since) sessions.add(event.sessionId);
  return sessions.size;
}

export const exactOnline = (active: Active) => active.visitors;
export const sampleOnline = ({ data }: RealtimeResult) => distinctSessions(data.events, data.timestamp - ONLINE_WINDOW_MS);

export const exactVisitors = (stats: Stats) => stats.visitors;
// Not `totals.visitors`: Umami adds up distinct visitors per minute, which counts a person once a minute.
export const sampleVisitors = ({ data }: RealtimeResult) => distinctSessions(data.events);

/** Custom events: each event name's row counts its events in `pageviews`. */
export const exactEvents = (rows: MetricRow[]) => rows.reduce((sum, row) => sum + row.pageviews, 0);
export const sampleEvents = ({ data }: RealtimeResult) => data.totals.events;

/** Distinct countries; visitors Umami could not place are no country. */
export const exactCountries = (rows: MetricRow[]) => rows.filter((row) => row.name !== null && row.visitors > 0).length;
export const sampleCountries = ({ data }: RealtimeResult) => data.totals.countries;

export const views = ({ data }: RealtimeResult) => data.totals.views;
