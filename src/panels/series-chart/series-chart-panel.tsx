import { lazy, Suspense, useCallback, useEffect, useMemo } from 'react';
import type { RealtimeResult } from '../../api/realtime';
import { useRealtime } from '../../api/use-realtime';
import { EmptyState, Panel, Skeleton } from '../../components/panel';
import { useDashboard } from '../../dashboard-context';
import { formatNumber } from '../../lib/format';
import { buildSeries, describeSeries } from './series-data';
import { SeriesLegend } from './series-legend';

// The chart view (with Recharts' drawing code) loads in its own chunk: the totals never wait for it.
const loadView = () => import('./series-chart-view');
const SeriesChartView = lazy(() => loadView().then((m) => ({ default: m.SeriesChartView })));

export function SeriesChartPanel() {
  const { timezone: displayTimezone, lang } = useDashboard();
  // The buckets are built inside `select`: it runs once per answer, and TanStack Query's
  // structural sharing then hands back the previous array when a poll changed nothing (the
  // usual case within a minute on a quiet site), so the chart is not redrawn at all.
  const selectPoints = useCallback(
    ({ data, timezone }: RealtimeResult) =>
      // The server's clock: the window Umami counted ends at its minute, not at ours.
      buildSeries(data.series, { requestedTimezone: timezone, displayTimezone, now: data.timestamp, lang }),
    [displayTimezone, lang],
  );
  const points = useRealtime(selectPoints);
  // Fetch the chunk when the panel mounts, in parallel with the first realtime request.
  useEffect(() => void loadView(), []);

  const summary = useMemo(() => (points ? describeSeries(points, (n) => formatNumber(n, lang)) : ''), [points, lang]);
  const isEmpty = points !== undefined && points.every((p) => p.views === 0 && p.visitors === 0);

  return (
    <Panel title="Views per minute" testId="series-chart" aside={<SeriesLegend />}>
      {points === undefined ? (
        <Skeleton className="h-full w-full" />
      ) : isEmpty ? (
        <EmptyState>No page views in the last 30 minutes</EmptyState>
      ) : (
        <figure aria-label={summary} className="absolute inset-0 m-0 overflow-hidden">
          <Suspense fallback={<Skeleton className="h-full w-full" />}>
            <SeriesChartView points={points} lang={lang} />
          </Suspense>
        </figure>
      )}
    </Panel>
  );
}
