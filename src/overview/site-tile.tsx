import { memo, useCallback } from 'react';
import { ApiError, messageFor } from '../api/client';
import type { RealtimeResult } from '../api/realtime';
import { useActive, useFigure, useMetrics, useStats, type Figure } from '../api/use-exact';
import { useRealtimeQuery } from '../api/use-realtime';
import { Skeleton, UnreadableFigure } from '../components/panel';
import { SAMPLE_NOTE } from '../components/sample-badge';
import { useDashboard } from '../dashboard-context';
import { compactTitle, formatCompact, formatNumber } from '../lib/format';
import { isolate } from '../lib/isolate';
import { exactOnline, exactVisitors, sampleOnline, sampleVisitors } from '../panels/totals/totals-data';
import { buildSeries } from '../panels/series-chart/series-data';
import { topPage, topPageOfRows } from './overview-data';
import { Sparkline } from './sparkline';

const selectViews = ({ data }: RealtimeResult) => data.totals.views;
/** The top page, null for none, or `false` when Umami's list of pages was unreadable. */
const sampleTopPage = ({ data }: RealtimeResult) => (data.urls === null ? false : topPage(data.urls));

type Props = { name: string; domain: string; href: string };

/**
 * One site on the overview wall, from the very queries its own dashboard makes (the realtime
 * answer for views and the sparkline, `/active`, `/stats` and the page metrics), so both show
 * the same numbers at the same moment.
 */
export const SiteTile = memo(function SiteTile({ name, domain, href }: Props) {
  const { websiteId, lang } = useDashboard();
  const { data: views, error } = useRealtimeQuery(selectViews);
  const selectSpark = useCallback(
    ({ data, timezone }: RealtimeResult) => buildSeries(data.series, { requestedTimezone: timezone, displayTimezone: timezone, now: data.timestamp, lang }).map((p) => p.views),
    [lang],
  );
  const spark = useRealtimeQuery(selectSpark).data;
  const online = useFigure(useActive(exactOnline), sampleOnline);
  const visitors = useFigure(useStats(exactVisitors), sampleVisitors);
  const top = useFigure<ReturnType<typeof sampleTopPage>>(useMetrics('path', topPageOfRows), sampleTopPage);
  const problem = error ? (error instanceof ApiError ? error.message : messageFor('unknown')) : null;

  return (
    <a href={href} data-testid="site-tile" data-website-id={websiteId} data-stale={problem ? 'true' : undefined} className="pb-tile" title={problem ?? undefined}>
      <div className="pb-tile-body">
        <h2 className="pb-tile-name">
          <bdi>{name || domain || websiteId}</bdi>
          {problem && (
            <span data-testid="tile-stale" className="pb-tile-stale">
              stale
            </span>
          )}
        </h2>
        <div className="pb-tile-online">
          <Value testId="tile-online" figure={online} lang={lang} />
          <span className="pb-tile-online-label">online now</span>
        </div>
        <dl className="pb-tile-figures">
          <div>
            <dt>Views</dt>
            <dd>
              <Value testId="tile-views" figure={views === undefined ? undefined : { value: views, sample: false }} lang={lang} />
            </dd>
          </div>
          <div>
            <dt>Visitors</dt>
            <dd>
              <Value testId="tile-visitors" figure={visitors} lang={lang} />
            </dd>
          </div>
        </dl>
        {spark === undefined ? <Skeleton className="pb-tile-spark" /> : <Sparkline values={spark} label={`Views per minute, last 30 minutes, up to ${formatNumber(Math.max(0, ...spark), lang)}`} />}
        <p className="pb-tile-top" data-testid="tile-top-page" title={top?.value ? `${isolate(top.value.path)}: ${formatNumber(top.value.views, lang)} views` : undefined}>
          {top === undefined ? '\u00a0' : top.value === null ? 'No page views' : top.value === false ? '–' : <bdi>{top.value.path}</bdi>}
          {top?.sample && <span className="pb-tile-sample" title={SAMPLE_NOTE}>sample</span>}
        </p>
      </div>
    </a>
  );
});

/** A number as the dashboard's totals show it: compact, the exact count in the title, a dash when unreadable. */
function Value({ testId, figure, lang }: { testId: string; figure: Figure<number | null> | undefined; lang: string }) {
  if (figure === undefined) return <Skeleton className="inline-block h-[0.9em] w-[2em] align-middle" />;
  if (figure.value === null) {
    return <UnreadableFigure testId={testId} />;
  }
  return (
    <span data-testid={testId} data-sample={figure.sample ? 'true' : undefined} title={valueTitle(figure.value, figure.sample, lang)}>
      {formatCompact(figure.value, lang)}
    </span>
  );
}

/** The exact count when the tile shows it compact, and the sample's note when it is one. */
function valueTitle(value: number, sample: boolean, lang: string): string | undefined {
  const parts = [compactTitle(value, lang), sample ? SAMPLE_NOTE : undefined].filter((part) => part !== undefined);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}
