import { lazy, Suspense } from 'react';
import type { RealtimeResult } from '../../api/queries';
import { useRealtime } from '../../api/use-realtime';
import { EmptyState, Panel, Skeleton } from '../../components/panel';
import { useDashboard } from '../../dashboard-context';
import { countUnlocatedSessions } from './unlocated-sessions';

// The map code (react-simple-maps, d3-geo, topojson, the code table) is its own chunk, and
// the TopoJSON a static asset it fetches: neither delays the rest of the dashboard.
const WorldMapView = lazy(() => import('./world-map-view').then((m) => ({ default: m.WorldMapView })));

// Module-level so it runs once per new answer; structural sharing keeps the result's identity
// while the countries do not change, so the map does not re-render on such a poll.
const selectCountries = ({ data }: RealtimeResult) => ({
  countries: data.countries,
  unlocatedSessions: countUnlocatedSessions(data.events),
});

export function WorldMapPanel() {
  const { lang } = useDashboard();
  const { data: slice } = useRealtime(selectCountries);
  const isEmpty = slice !== undefined && slice.unlocatedSessions === 0 && !Object.values(slice.countries).some((n) => n > 0);

  return (
    <Panel title="Visitors by country" testId="world-map">
      {slice === undefined ? (
        <Skeleton className="h-full w-full" />
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
