import type { ComponentType } from 'react';
import type { PanelId } from '../options';
import { EventFeedPanel } from './event-feed/event-feed-panel';
import { CountriesPanel } from './top-list/countries-panel';
import { PagesPanel } from './top-list/pages-panel';
import { ReferrersPanel } from './top-list/referrers-panel';
import { SeriesChartPanel } from './series-chart/series-chart-panel';
import { TotalsPanel } from './totals/totals-panel';
import { WorldMapPanel } from './world-map/world-map-panel';

/** Which component draws each panel id of `?panels=`. */
export const PANELS: Partial<Record<PanelId, ComponentType>> = {
  totals: TotalsPanel,
  chart: SeriesChartPanel,
  map: WorldMapPanel,
  pages: PagesPanel,
  referrers: ReferrersPanel,
  countries: CountriesPanel,
  events: EventFeedPanel,
};
