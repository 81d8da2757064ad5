import { createContext, useContext } from 'react';
import type { Compare } from './options';

export type Dashboard = {
  websiteId: string;
  timezone: string;
  lang: string;
  intervalMs: number;
  exactIntervalMs: number;
  compare: Compare;
};

export const DashboardContext = createContext<Dashboard | null>(null);

export function useDashboard(): Dashboard {
  const value = useContext(DashboardContext);
  if (!value) throw new Error('useDashboard must be used inside <DashboardContext>');
  return value;
}
