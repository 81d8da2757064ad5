import type { MetricRow } from '../api/exact-schemas';
import type { Counts } from '../api/realtime-schema';

/**
 * Umami's metric rows as Counts, what the lists and the map take; rows without a name are
 * added up under `unnamed`, or left out when it is null.
 */
export function countsByName(rows: readonly MetricRow[], field: 'pageviews' | 'visitors', unnamed: string | null): Counts {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = row.name ?? unnamed;
    if (key !== null) counts.set(key, (counts.get(key) ?? 0) + row[field]);
  }
  return counts;
}
