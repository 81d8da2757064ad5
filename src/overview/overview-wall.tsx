import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import { useCallback, useMemo, useState, type CSSProperties } from 'react';
import { activeQueryOptions } from '../api/exact';
import { realtimeQueryOptions } from '../api/realtime';
import { pickFigure } from '../api/use-exact';
import { useSiteSlots } from '../api/use-site-slots';
import { DashboardContext, useDashboard, type Dashboard } from '../dashboard-context';
import { exactOnline, sampleOnline } from '../panels/totals/totals-data';
import { orderByOnline, siteDashboardUrl, tileGrid, type TileGrid } from './overview-data';
import { SiteTile } from './site-tile';
import './overview.css';

export type WallSite = { id: string; name: string; domain: string };

const dataOf = <T,>(results: UseQueryResult<T>[]) => results.map((r) => r.data);

/** Each site's online-now figure as its tile shows it (exact, or the sample while the exact route fails): the sort key. */
function useOnlineNow(ids: readonly string[]): (number | undefined)[] {
  const { timezone, intervalMs, exactIntervalMs, filter } = useDashboard();
  const live = useSiteSlots(ids, 'realtime');
  const exact = useSiteSlots(ids, 'exact');
  const samples = useQueries({
    queries: ids.map((id, i) => ({ ...realtimeQueryOptions(id, { timezone, intervalMs, filter, slot: live.slots[i] }), enabled: live.started[i] ?? true, select: sampleOnline })),
    combine: dataOf<number>,
  });
  const combine = useCallback(
    (results: UseQueryResult<number>[]) => results.map((r, i) => pickFigure(r, samples[i], 2 * exactIntervalMs)?.value),
    [samples, exactIntervalMs],
  );
  return useQueries({
    queries: ids.map((id, i) => ({ ...activeQueryOptions(id, exactIntervalMs, filter, exact.slots[i]), enabled: exact.started[i] ?? true, select: exactOnline })),
    combine,
  });
}

/** The grid for `count` tiles in the element the ref is on, kept current as the screen resizes. */
function useTileGrid(count: number): [(element: HTMLElement | null) => (() => void) | undefined, TileGrid] {
  const [size, setSize] = useState({ width: 0, height: 0 });
  const ref = useCallback((element: HTMLElement | null) => {
    if (!element) return undefined;
    const observer = new ResizeObserver(() => setSize({ width: element.clientWidth, height: element.clientHeight }));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, useMemo(() => tileGrid(count, size.width, size.height), [count, size.width, size.height])];
}

/**
 * Every site on one screen: a tile each, most visitors online first, in a grid sized so that
 * 1 to 30 tiles fill the screen without scrolling. Inside a DashboardContext for the wall (its
 * intervals and poll slots); each tile gets its own site's.
 */
export function OverviewWall({ sites, base, search }: { sites: readonly WallSite[]; base: string; search: string }) {
  const wall = useDashboard();
  const ids = useMemo(() => sites.map((s) => s.id), [sites]);
  const online = useOnlineNow(ids);
  const ordered = useMemo(() => orderByOnline(sites, online), [sites, online]);
  const contexts = useMemo(() => new Map<string, Dashboard>(sites.map((s) => [s.id, { ...wall, websiteId: s.id, combined: null }])), [sites, wall]);
  const [ref, grid] = useTileGrid(sites.length);

  return (
    <main ref={ref} data-testid="overview" data-columns={grid.columns} data-rows={grid.rows} className="pb-overview" style={{ '--pb-tile-columns': grid.columns, '--pb-tile-rows': grid.rows } as CSSProperties}>
      {ordered.map((site) => (
        <DashboardContext key={site.id} value={contexts.get(site.id)!}>
          <SiteTile name={site.name} domain={site.domain} href={siteDashboardUrl(base, search, site.id)} />
        </DashboardContext>
      ))}
    </main>
  );
}
