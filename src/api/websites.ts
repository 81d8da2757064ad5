import { queryOptions } from '@tanstack/react-query';
import { ApiError, fetchJson, messageFor } from './client';
import { MODE_HEADER } from './errors';
import type { UpstreamBudget } from './poll-plan';
import type { Website } from './websites-schema';

export type WebsitesResult = {
  websites: Website[];
  /** Upstream mode the proxy reports: in `demo` a fresh start goes straight to a dashboard. */
  mode: string | null;
  /** The proxy's upstream budget; null from a proxy that does not say. */
  budget: UpstreamBudget | null;
};

export async function fetchWebsites(signal?: AbortSignal): Promise<WebsitesResult> {
  // The schema (and zod) load beside the request, keeping the first chunk small.
  const [{ body, headers }, { websitesResponseSchema }] = await Promise.all([
    fetchJson('/api/websites', { signal }),
    import('./websites-schema'),
  ]);
  const result = websitesResponseSchema.safeParse(body);
  if (!result.success) throw new ApiError(200, 'malformed', messageFor('malformed'));
  return { websites: result.data.data, mode: headers.get(MODE_HEADER), budget: result.data.budget ?? null };
}

export function websitesQueryOptions() {
  return queryOptions({
    queryKey: ['websites'] as const,
    queryFn: ({ signal }) => fetchWebsites(signal),
    staleTime: 5 * 60_000,
    retry: 1,
    // A TV that powers on while Umami is down must get there by itself: no one will click.
    refetchInterval: (query) => (query.state.status === 'error' ? 10_000 : 5 * 60_000),
    refetchIntervalInBackground: true,
  });
}
