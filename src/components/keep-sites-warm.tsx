import { useQueries } from '@tanstack/react-query';
import { realtimeQueryOptions } from '../api/realtime';

// Only rotation needs this: combine to a constant so the component never has anything to draw.
const nothing = () => null;

/**
 * Keeps every rotated site's realtime query observed, with the same queryOptions the panels
 * use, so each one keeps polling in the background and a switch shows fresh data at once.
 */
export function KeepSitesWarm({ sites, timezone, intervalMs }: { sites: string[]; timezone: string; intervalMs: number }) {
  useQueries({ queries: sites.map((id) => realtimeQueryOptions(id, { timezone, intervalMs })), combine: nothing });
  return null;
}
