import { lazy, Suspense, type ComponentType } from 'react';
import { Panel, Skeleton } from '../components/panel';
import type { PanelId } from '../options';
import type { TopListId } from './top-list/top-list-configs';
import { TotalsPanel } from './totals/totals-panel';
import { WorldMapPanel } from './world-map/world-map-panel';

// The totals render from the entry chunk; the other panels load beside the first poll (decision 0005).
const LazyTopList = lazy(() => import('./top-list/top-list-configs').then((m) => ({ default: m.TopList })));
// The chart's panel and view (Recharts' drawing code) are one chunk: the totals never wait for it.
const SeriesChartPanel = lazy(() => import('./series-chart/series-chart-panel').then((m) => ({ default: m.SeriesChartPanel })));
const TodayPanel = lazy(() => import('./today/today-panel').then((m) => ({ default: m.TodayPanel })));
const EventFeedPanel = lazy(() => import('./event-feed/event-feed-panel').then((m) => ({ default: m.EventFeedPanel })));

const LIST_FRAMES: Record<TopListId, { title: string; testId: string }> = {
  pages: { title: 'Pages', testId: 'top-pages' },
  referrers: { title: 'Referrers', testId: 'top-referrers' },
  countries: { title: 'Countries', testId: 'top-countries' },
};

/** The panel's frame and a skeleton while its code loads. */
function Loading({ title, testId }: { title: string; testId: string }) {
  return (
    <Panel title={title} testId={testId}>
      <Skeleton className="h-full w-full" />
    </Panel>
  );
}

function topList(id: TopListId): ComponentType {
  const TopList = () => (
    <Suspense fallback={<Loading {...LIST_FRAMES[id]} />}>
      <LazyTopList id={id} />
    </Suspense>
  );
  TopList.displayName = `TopList(${id})`;
  return TopList;
}

function EventFeed() {
  return (
    <Suspense fallback={<Loading title="Live activity" testId="event-feed" />}>
      <EventFeedPanel />
    </Suspense>
  );
}

function Today() {
  return (
    <Suspense fallback={<Loading title="Today so far" testId="today" />}>
      <TodayPanel />
    </Suspense>
  );
}

function SeriesChart() {
  return (
    <Suspense fallback={<Loading title="Views per minute" testId="series-chart" />}>
      <SeriesChartPanel />
    </Suspense>
  );
}

/** Which component draws each panel id of `?panels=`. */
export const PANELS: Partial<Record<PanelId, ComponentType>> = {
  totals: TotalsPanel,
  today: Today,
  chart: SeriesChart,
  map: WorldMapPanel,
  pages: topList('pages'),
  referrers: topList('referrers'),
  countries: topList('countries'),
  events: EventFeed,
};
