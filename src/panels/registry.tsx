import type { ComponentType } from 'react';
import type { PanelId } from '../options';
import { EventFeedPanel } from './event-feed/event-feed-panel';
import { SeriesChartPanel } from './series-chart/series-chart-panel';
import { COUNTRIES_LIST, PAGES_LIST, REFERRERS_LIST } from './top-list/top-list-configs';
import { TopListPanel, type TopListConfig } from './top-list/top-list-panel';
import { TodayPanel } from './today/today-panel';
import { TotalsPanel } from './totals/totals-panel';
import { WorldMapPanel } from './world-map/world-map-panel';

function topList(config: TopListConfig): ComponentType {
  const TopList = () => <TopListPanel config={config} />;
  TopList.displayName = `TopList(${config.id})`;
  return TopList;
}

/** Which component draws each panel id of `?panels=`. */
export const PANELS: Partial<Record<PanelId, ComponentType>> = {
  totals: TotalsPanel,
  today: TodayPanel,
  chart: SeriesChartPanel,
  map: WorldMapPanel,
  pages: topList(PAGES_LIST),
  referrers: topList(REFERRERS_LIST),
  countries: topList(COUNTRIES_LIST),
  events: EventFeedPanel,
};
