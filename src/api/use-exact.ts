import { useQueries, useQuery, type UseQueryOptions, type UseQueryResult } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useDashboard } from '../dashboard-context';
import { combineMetrics, sumActive, sumStats, type CombinedSite, type SiteAnswer } from './combine-sites';
import { activeQueryOptions, metricsQueryOptions, statsQueryOptions, type MetricType } from './exact';
import type { Active, MetricRow, Stats } from './exact-schemas';
import type { PollSlot } from './poll-schedule';
import type { RealtimeResult } from './realtime';
import { useRealtime } from './use-realtime';
import { useSiteSlots } from './use-site-slots';

// Hooks for Umami's exact routes, sliced with `select` like `useRealtime` (keep it stable).
// With `?combine` each reads every site's query and hands `select` their sum.

export type ExactState<T> = Pick<UseQueryResult<T>, 'data' | 'dataUpdatedAt' | 'errorUpdatedAt'>;

/** Its last error is newer than its last answer. Not `error`: TanStack Query clears it when a query without data fetches again. */
export const isFailing = (exact: ExactState<unknown>) => exact.errorUpdatedAt > exact.dataUpdatedAt;

const NO_SITES: readonly CombinedSite[] = [];
const NOTHING: ExactState<never> = { data: undefined, dataUpdatedAt: 0, errorUpdatedAt: 0 };

/**
 * Several sites' states of one route as one: their sum once every site has answered, as old as
 * the oldest answer; failing (with the newest error) while any site fails.
 */
export function combineExactStates<D, T>(
  sites: readonly CombinedSite[],
  results: readonly ExactState<D>[],
  merge: (answers: SiteAnswer<D>[]) => D,
  select: (data: D) => T,
): ExactState<T> {
  const answers = results.flatMap((r, i) => (r.data !== undefined && sites[i] ? [{ site: sites[i], data: r.data }] : []));
  const failing = results.filter(isFailing);
  const complete = answers.length === results.length && results.length > 0;
  return {
    data: complete ? select(merge(answers)) : undefined,
    dataUpdatedAt: complete ? Math.min(...results.map((r) => r.dataUpdatedAt)) : 0,
    errorUpdatedAt: failing.length > 0 ? Math.max(...failing.map((r) => r.errorUpdatedAt)) : 0,
  };
}

/** One exact route's query for the dashboard's site, or for every combined site summed with `merge`. */
function useExact<D, T, K extends readonly unknown[]>(
  optionsFor: (websiteId: string, intervalMs: number, filter: string, slot: PollSlot | undefined) => UseQueryOptions<D, Error, D, K>, merge: (answers: SiteAnswer<D>[]) => D, select: (data: D) => T): ExactState<T> {
  const { websiteId, exactIntervalMs, combined, filter } = useDashboard();
  const sites = combined ?? NO_SITES;
  const ids = useMemo(() => (combined ? combined.map((s) => s.id) : [websiteId]), [combined, websiteId]);
  const { slots, started } = useSiteSlots(ids, 'exact');
  const single = useQuery({ ...optionsFor(websiteId, exactIntervalMs, filter, slots[0]), select, enabled: !combined && (started[0] ?? true) });
  const combine = useCallback(
    (results: UseQueryResult<D>[]) => (combined ? combineExactStates(combined, results, merge, select) : NOTHING),
    [combined, merge, select],
  );
  const merged = useQueries({
    queries: sites.map((site, i) => ({ ...optionsFor(site.id, exactIntervalMs, filter, slots[i]), enabled: started[i] ?? true })),
    combine,
  });
  return combined ? merged : single;
}

const mergeMetrics: Record<MetricType, (answers: SiteAnswer<MetricRow[]>[]) => MetricRow[]> = {
  path: (answers) => combineMetrics('path', answers),
  referrer: (answers) => combineMetrics('referrer', answers),
  country: (answers) => combineMetrics('country', answers),
  event: (answers) => combineMetrics('event', answers),
};

export function useStats<T>(select: (stats: Stats) => T) {
  return useExact(statsQueryOptions, sumStats, select);
}

export function useMetrics<T>(type: MetricType, select: (rows: MetricRow[]) => T) {
  const optionsFor = useCallback(
    (id: string, intervalMs: number, filter: string, slot: PollSlot | undefined) => metricsQueryOptions(id, type, intervalMs, filter, slot),
    [type],
  );
  return useExact(optionsFor, mergeMetrics[type], select);
}

export function useActive<T>(select: (active: Active) => T) {
  return useExact(activeQueryOptions, sumActive, select);
}

/** A figure and where it comes from: Umami's exact route, or the realtime answer's sample. */
export type Figure<T> = { value: T; sample: boolean };


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
