import { createContext, useContext } from 'react';
import type { Compare } from './options';
import type { CombinedSite } from './api/combine-sites';
import type { PollSlots } from './api/poll-plan';

export type Dashboard = {
  websiteId: string;
  timezone: string;
  lang: string;
  intervalMs: number;
  exactIntervalMs: number;
  compare: Compare;
  /** The wall's filters as the proxy takes them (`country=eq.DE&…`, '' for the whole site): every route gets them. */
  filter: string;
  /** `?combine`: the sites (two or more) summed into this one dashboard; `websiteId` is the first. */
  combined?: readonly CombinedSite[] | null;
  /** A wall stretched to the upstream budget spreads its sites' polls (poll-plan.ts); null: the shared slot. */
  slots?: PollSlots | null;
};

export const DashboardContext = createContext<Dashboard | null>(null);

export function useDashboard(): Dashboard {
  const value = useContext(DashboardContext);
  if (!value) throw new Error('useDashboard must be used inside <DashboardContext>');
  return value;
}
