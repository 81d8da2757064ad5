import { lazy, Suspense, useEffect } from 'react';
import worldUrl from 'world-atlas/countries-110m.json?url';
import type { MetricRow } from '../../api/exact-schemas';
import type { RealtimeResult } from '../../api/realtime';
import { useFigure, useMetrics } from '../../api/use-exact';
import { EmptyState, Panel, Skeleton, UNREADABLE_LIST } from '../../components/panel';
import { SampleBadge } from '../../components/sample-badge';
import { countsByName } from '../../lib/metric-rows';
import { useDashboard } from '../../dashboard-context';
import { countUnlocatedSessions } from './unlocated-sessions';

// The map code (react-simple-maps, d3-geo, topojson, the code table) is its own chunk, and
// the TopoJSON a static asset it fetches: neither delays the rest of the dashboard.
const loadView = () => import('./world-map-view');
const WorldMapView = lazy(() => loadView().then((m) => ({ default: m.WorldMapView })));

/**
 * Starts the map chunk and the TopoJSON when the panel mounts, in parallel with the first
 * realtime request, instead of one after the other once the data is there. The preload is
 * the same request react-simple-maps' fetch makes, so the browser hands that fetch this answer.
 */
function preloadMap() {
  void loadView();
  if (document.head.querySelector(`link[rel="preload"][href="${worldUrl}"]`)) return;
  const link = document.createElement('link');
  Object.assign(link, { rel: 'preload', as: 'fetch', href: worldUrl, crossOrigin: 'anonymous' });
  document.head.append(link);
}

/** Umami's exact visitors per country; visitors it could not place are counted beside the map. */
export const selectExactCountries = (rows: MetricRow[]) => ({
  countries: countsByName(rows, 'visitors', null),
  unlocatedSessions: rows.reduce((sum, row) => sum + (row.name === null ? row.visitors : 0), 0),
});

/** The realtime answer's stand-in: countries of the latest 100 events only. */
export const selectSampleCountries = ({ data }: RealtimeResult) =>
  data.countries === null ? null : { countries: data.countries, unlocatedSessions: countUnlocatedSessions(data.events) };

export function WorldMapPanel() {
  const { lang, combined } = useDashboard();
  const figure = useFigure<ReturnType<typeof selectSampleCountries>>(useMetrics('country', selectExactCountries), selectSampleCountries);
  const slice = figure?.value;
  useEffect(preloadMap, []);
  const isEmpty = slice !== undefined && slice !== null && slice.unlocatedSessions === 0 && ![...slice.countries.values()].some((n) => n > 0);

  return (
    <Panel title="Visitors by country" testId="world-map" aside={
        figure?.sample ? (
          <SampleBadge label="sample · latest 100 events" />
        ) : (
          combined && (
            <span data-testid="sum-of-sites" className="pb-sample-badge" title="Visitors added up over the combined sites: someone who visited two of them counts twice.">
              sum of sites
            </span>
          )
        )
      }
    >
      {slice === undefined ? (
        <Skeleton className="h-full w-full" />
      ) : slice === null ? (
        <EmptyState>{UNREADABLE_LIST}</EmptyState>
      ) : isEmpty ? (
        <EmptyState>No visitors in the last 30 minutes</EmptyState>
      ) : (
        <Suspense fallback={<Skeleton className="h-full w-full" />}>
          <WorldMapView countries={slice.countries} unlocatedSessions={slice.unlocatedSessions} lang={lang} />
        </Suspense>
      )}
    </Panel>
  );
}
