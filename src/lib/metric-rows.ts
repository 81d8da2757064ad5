import type { MetricRow } from '../api/exact-schemas';

/**
 * Umami's metric rows as `{ name: value }`, the shape the lists and the map take; rows without a
 * name are added up under `unnamed`, or left out when it is null.
 */
export function countsByName(rows: readonly MetricRow[], field: 'pageviews' | 'visitors', unnamed: string | null): Record<string, number> {
  const counts: Record<string, number> = Object.create(null);
  for (const row of rows) {
    const key = row.name ?? unnamed;
    if (key !== null) counts[key] = (counts[key] ?? 0) + row[field];
  }
  return counts;
}
