import { useCallback, useMemo } from 'react';
import type { Pageviews } from '../../api/exact-schemas';
import { comparePeriod, type PastPeriod } from '../../api/history';
import type { RealtimeResult } from '../../api/realtime';
import { usePageviews } from '../../api/use-history';
import { useRealtime } from '../../api/use-realtime';
import { EmptyState, Panel, Skeleton } from '../../components/panel';
import { useDashboard } from '../../dashboard-context';
import { formatNumber } from '../../lib/format';
import { buildSeries, describeSeries, ghostViews } from './series-data';
import { SeriesChartView } from './series-chart-view';
import { SeriesLegend } from './series-legend';


/** What the ghost line is called in the legend and the tooltip. */
export const GHOST_LABELS: Record<PastPeriod, string> = { yesterday: 'Yesterday', lastweek: 'Last week' };

const selectPageviews = ({ pageviews }: Pageviews) => pageviews;
const selectTimezone = ({ timezone }: RealtimeResult) => timezone;

export function SeriesChartPanel() {
  const { timezone: displayTimezone, lang, compare } = useDashboard();
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
  const past = comparePeriod(compare);
  const earlier = usePageviews(past, selectPageviews);
  const requestedTimezone = useRealtime(selectTimezone);
  // Context, not data: while its route fails the line ends at the last minute it covered, and
  // once it covers too little it goes, legend entry and all (never drawn as zeros).
  const ghost = useMemo(() => {
    if (!past || !points || !earlier.data || !requestedTimezone) return null;
    const views = ghostViews(points, earlier.data, { requestedTimezone, coveredUntil: earlier.dataUpdatedAt });
    return views.filter((n) => n !== null).length > 1 ? { label: GHOST_LABELS[past], views } : null;
  }, [past, points, earlier.data, earlier.dataUpdatedAt, requestedTimezone]);

  const summary = useMemo(() => (points ? describeSeries(points, (n) => formatNumber(n, lang), ghost ?? undefined) : ''), [points, lang, ghost]);
  const isEmpty = points !== undefined && points.every((p) => p.views === 0 && p.visitors === 0);

  return (
    <Panel title="Views per minute" testId="series-chart" aside={<SeriesLegend ghostLabel={ghost?.label ?? null} />}>
      {points === undefined ? (
        <Skeleton className="h-full w-full" />
      ) : isEmpty ? (
        <EmptyState>No page views in the last 30 minutes</EmptyState>
      ) : (
        <figure aria-label={summary} className="absolute inset-0 m-0 overflow-hidden">
          <SeriesChartView points={points} lang={lang} ghost={ghost} />
        </figure>
      )}
    </Panel>
  );
}
