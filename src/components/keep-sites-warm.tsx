import { useQueries } from '@tanstack/react-query';
import { exactQueriesOptions } from '../api/exact';
import { realtimeQueryOptions } from '../api/realtime';
import { useSiteSlots } from '../api/use-site-slots';
import { useDashboard } from '../dashboard-context';

// Only rotation needs this: combine to a constant so the component never has anything to draw.
const nothing = () => null;

/**
 * Keeps every rotated site's live and exact queries observed, with the same queryOptions (and, on
 * a wall stretched to the upstream budget, the same slots) the panels use, so each one keeps
 * polling in the background and a switch shows fresh data at once. Today's figures are left to
 * the site on screen: five more calls a site a minute would stretch every rotation.
 */
export function KeepSitesWarm({ sites }: { sites: readonly string[] }) {
  const { timezone, intervalMs, exactIntervalMs, filter } = useDashboard();
  const live = useSiteSlots(sites, 'realtime');
  const exact = useSiteSlots(sites, 'exact');
  useQueries({
    queries: sites.flatMap((id, i) => [
      { ...realtimeQueryOptions(id, { timezone, intervalMs, filter, slot: live.slots[i] }), enabled: live.started[i] ?? true },
      ...exactQueriesOptions(id, exactIntervalMs, filter, exact.slots[i]).map((options) => ({ ...options, enabled: exact.started[i] ?? true })),
    ]),
    combine: nothing,
  });
  return null;
}
