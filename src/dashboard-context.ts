import { createContext, useContext } from 'react';
import type { Compare } from './options';

export type Dashboard = {
  websiteId: string;
  timezone: string;
  lang: string;
  intervalMs: number;
  exactIntervalMs: number;
  compare: Compare;
  /** The wall's filters as the proxy takes them (`country=eq.DE&…`, '' for the whole site): every route gets them. */
  filter: string;
};

export const DashboardContext = createContext<Dashboard | null>(null);

export function useDashboard(): Dashboard {
  const value = useContext(DashboardContext);
  if (!value) throw new Error('useDashboard must be used inside <DashboardContext>');
  return value;
}
