import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useDashboard } from '../dashboard-context';
import { activeQueryOptions, metricsQueryOptions, statsQueryOptions, type MetricType } from './exact';
import type { Active, MetricRow, Stats } from './exact-schemas';
import type { RealtimeResult } from './realtime';
import { useRealtime } from './use-realtime';

// Hooks for Umami's exact routes, sliced with `select` like `useRealtime` (keep it stable).

export function useStats<T>(select: (stats: Stats) => T) {
  const { websiteId, exactIntervalMs, filter } = useDashboard();
  return useQuery({ ...statsQueryOptions(websiteId, exactIntervalMs, filter), select });
}

export function useMetrics<T>(type: MetricType, select: (rows: MetricRow[]) => T) {
  const { websiteId, exactIntervalMs, filter } = useDashboard();
  return useQuery({ ...metricsQueryOptions(websiteId, type, exactIntervalMs, filter), select });
}

export function useActive<T>(select: (active: Active) => T) {
  const { websiteId, exactIntervalMs, filter } = useDashboard();
  return useQuery({ ...activeQueryOptions(websiteId, exactIntervalMs, filter), select });
}

/** A figure and where it comes from: Umami's exact route, or the realtime answer's sample. */
export type Figure<T> = { value: T; sample: boolean };

type ExactState<T> = Pick<UseQueryResult<T>, 'data' | 'dataUpdatedAt' | 'errorUpdatedAt'>;

/** Its last error is newer than its last answer. Not `error`: TanStack Query clears it when a query without data fetches again. */
const isFailing = (exact: ExactState<unknown>) => exact.errorUpdatedAt > exact.dataUpdatedAt;

/**
 * The exact figure while it is there and recent; once its route fails (refused, missing, down)
 * and what it had is older than `maxAgeMs`, the realtime sample instead, until it answers again.
 * Nothing (a skeleton) while the first exact answer is on its way.
 */
export function pickFigure<T>(exact: ExactState<T>, sample: T | undefined, maxAgeMs: number): Figure<T> | undefined {
  const failing = isFailing(exact);
  if (exact.data !== undefined && (!failing || exact.errorUpdatedAt - exact.dataUpdatedAt <= maxAgeMs)) {
    return { value: exact.data, sample: false };
  }
  if (failing && sample !== undefined) return { value: sample, sample: true };
  return undefined;
}

const noSample = () => undefined;

/** `exact`'s figure, or the realtime answer's (`selectSample`) when the exact route fails. */
export function useFigure<T>(exact: ExactState<T>, selectSample: (result: RealtimeResult) => T): Figure<T> | undefined {
  const { exactIntervalMs } = useDashboard();
  // The sample is read only while the exact route fails: otherwise a poll would redraw the panel for nothing.
  const sample = useRealtime<T | undefined>(isFailing(exact) ? selectSample : noSample);
  return pickFigure(exact, sample, 2 * exactIntervalMs);
}
