import { useQueries } from '@tanstack/react-query';
import { exactQueriesOptions } from '../api/exact';
import { historyQueriesOptions } from '../api/history';
import { realtimeQueryOptions } from '../api/realtime';
import type { Compare } from '../options';

// Only rotation needs this: combine to a constant so the component never has anything to draw.
const nothing = () => null;

type Props = { sites: string[]; timezone: string; intervalMs: number; exactIntervalMs: number; compare: Compare; filter: string };

/**
 * Keeps every rotated site's queries observed, with the same queryOptions the panels use, so
 * each one keeps polling in the background and a switch shows fresh data at once.
 */
export function KeepSitesWarm({ sites, timezone, intervalMs, exactIntervalMs, compare, filter }: Props) {
  useQueries({
    queries: sites.flatMap((id) => [
      realtimeQueryOptions(id, { timezone, intervalMs, filter }),
      ...exactQueriesOptions(id, exactIntervalMs, filter),
      ...historyQueriesOptions(id, timezone, compare, filter),
    ]),
    combine: nothing,
  });
  return null;
}
