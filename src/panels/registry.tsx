import { lazy, Suspense, type ComponentType } from 'react';
import { Panel, Skeleton } from '../components/panel';
import type { PanelId } from '../options';
import type { TopListId } from './top-list/top-list-configs';
import { TotalsPanel } from './totals/totals-panel';
import { WorldMapPanel } from './world-map/world-map-panel';

type Frame = { title: string; testId: string };

/** The panel's frame and a skeleton while its code loads. */
function Loading({ title, testId }: Frame) {
  return (
    <Panel title={title} testId={testId}>
      <Skeleton className="h-full w-full" />
    </Panel>
  );
}

/** A panel in its own chunk, fetched when the layout mounts it: its frame shows until the code arrives. */
function lazyPanel(load: () => Promise<ComponentType>, frame: Frame): ComponentType {
  const Lazy = lazy(() => load().then((component) => ({ default: component })));
  const LazyPanel = () => (
    <Suspense fallback={<Loading {...frame} />}>
      <Lazy />
    </Suspense>
  );
  LazyPanel.displayName = `Lazy(${frame.testId})`;
  return LazyPanel;
}

const topList = (id: TopListId, frame: Frame) =>
  lazyPanel(() => import('./top-list/top-list-configs').then(({ TopList }) => () => <TopList id={id} />), frame);

// The totals render from the entry chunk; the other panels load beside the first poll (decision 0005).
/** Which component draws each panel id of `?panels=`. */
export const PANELS: Partial<Record<PanelId, ComponentType>> = {
  totals: TotalsPanel,
  today: lazyPanel(() => import('./today/today-panel').then((m) => m.TodayPanel), { title: 'Today so far', testId: 'today' }),
  // The chart's panel and view (Recharts' drawing code) are one chunk: the totals never wait for it.
  chart: lazyPanel(() => import('./series-chart/series-chart-panel').then((m) => m.SeriesChartPanel), { title: 'Views per minute', testId: 'series-chart' }),
  map: WorldMapPanel,
  pages: topList('pages', { title: 'Pages', testId: 'top-pages' }),
  referrers: topList('referrers', { title: 'Referrers', testId: 'top-referrers' }),
  countries: topList('countries', { title: 'Countries', testId: 'top-countries' }),
  events: lazyPanel(() => import('./event-feed/event-feed-panel').then((m) => m.EventFeedPanel), { title: 'Live activity', testId: 'event-feed' }),
};
