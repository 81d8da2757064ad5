import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { ApiError, messageFor } from '../api/client';
import { exactQueriesOptions } from '../api/exact';
import { realtimeQueryOptions, type RealtimeResult } from '../api/realtime';
import { DashboardContext, type Dashboard } from '../dashboard-context';

/**
 * The dashboard most component tests render: the busy fixture's site, in Berlin, in English.
 * Its long interval keeps the query from polling during a test: the data is seeded instead.
 */
export const TEST_DASHBOARD: Dashboard = {
  websiteId: '23119484-709c-44bf-994c-92f109bda03b',
  timezone: 'Europe/Berlin',
  lang: 'en',
  intervalMs: 3_600_000,
  exactIntervalMs: 3_600_000,
  compare: 'yesterday',
  filter: '',
};

/** The key of a dashboard's realtime query, to seed or update its answer. */
export function realtimeKey(dashboard: Dashboard = TEST_DASHBOARD) {
  return realtimeQueryOptions(dashboard.websiteId, dashboard).queryKey;
}

/**
 * Puts every exact route's query in the state a refusing Umami leaves it in (an older Umami
 * without the routes), so panels show the realtime sample at once.
 */
export function refuseExactRoutes(client: QueryClient, { websiteId, exactIntervalMs }: Dashboard = TEST_DASHBOARD): void {
  const error = new ApiError(501, 'upstream-unsupported', messageFor('upstream-unsupported'));
  for (const { queryKey } of exactQueriesOptions(websiteId, exactIntervalMs)) {
    client.getQueryCache().build(client, { queryKey }).setState({ status: 'error', error, errorUpdatedAt: Date.now(), fetchFailureCount: 1 });
  }
}

type Options = {
  dashboard?: Dashboard;
  client?: QueryClient;
  /** The realtime answer already in the cache when `ui` mounts. */
  seed?: RealtimeResult;
  /** Umami's exact routes already refused: the panels show the realtime sample. */
  exactRefused?: boolean;
};

type Rendered = Omit<RenderResult, 'rerender'> & {
  client: QueryClient;
  /** Renders new content, or the same on another dashboard, with the same query client. */
  rerender: (ui: ReactNode, dashboard?: Dashboard) => void;
};

/** Renders `ui` as the app does: inside a query client and a dashboard. */
export function renderInDashboard(ui: ReactNode, { dashboard = TEST_DASHBOARD, client = new QueryClient(), seed, exactRefused = false }: Options = {}): Rendered {
  if (seed) client.setQueryData(realtimeKey(dashboard), seed);
  if (exactRefused) refuseExactRoutes(client, dashboard);
  const wrap = (content: ReactNode, value: Dashboard) => (
    <QueryClientProvider client={client}>
      <DashboardContext value={value}>{content}</DashboardContext>
    </QueryClientProvider>
  );
  const view = render(wrap(ui, dashboard));
  return { ...view, client, rerender: (next, value = dashboard) => view.rerender(wrap(next, value)) };
}
