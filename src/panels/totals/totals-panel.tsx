import { useId } from 'react';
import { useActive, useFigure, useMetrics, useStats, type Figure } from '../../api/use-exact';
import { useRealtime } from '../../api/use-realtime';
import { Panel, Skeleton, UnreadableFigure } from '../../components/panel';
import { SAMPLE_NOTE, SampleBadge } from '../../components/sample-badge';
import { useDashboard } from '../../dashboard-context';
import { compactTitle, formatCompact } from '../../lib/format';
import * as totals from './totals-data';
import './totals.css';

type Item = { label: string; testId: string; definition: string; figure: Figure<number | null> | undefined; sumOfSites?: boolean };

/** Visitors of several sites added up: a person on two of them counts twice. */
const SUM_NOTE = 'Added up over the combined sites: someone who visited two of them counts twice.';

export function TotalsPanel() {
  const { lang, combined } = useDashboard();
  // Views, events and countries are exact across sites; visitors are only a sum of each site's.
  const summed = Boolean(combined);
  const views = useRealtime(totals.views);
  const online = useFigure(useActive(totals.exactOnline), totals.sampleOnline);
  const visitors = useFigure(useStats(totals.exactVisitors), totals.sampleVisitors);
  const events = useFigure(useMetrics('event', totals.exactEvents), totals.sampleEvents);
  const countries = useFigure(useMetrics('country', totals.exactCountries), totals.sampleCountries);

  const items: Item[] = [
    { label: 'Online now', testId: 'total-online', definition: 'Visitors active in the last 5 minutes.', figure: online, sumOfSites: summed },
    { label: 'Views', testId: 'total-views', definition: 'Page views in the last 30 minutes.', figure: views === undefined ? undefined : { value: views, sample: false } },
    { label: 'Visitors', testId: 'total-visitors', definition: 'Unique visitors in the last 30 minutes.', figure: visitors, sumOfSites: summed },
    { label: 'Events', testId: 'total-events', definition: 'Custom events (not page views) in the last 30 minutes.', figure: events },
    { label: 'Countries', testId: 'total-countries', definition: 'Countries visitors came from in the last 30 minutes.', figure: countries },
  ];
  return (
    <Panel title="Last 30 minutes" testId="totals" className="totals-panel">
      <dl className="pb-totals h-full">
        {items.map((item) => (
          <Total key={item.testId} {...item} lang={lang} />
        ))}
      </dl>
    </Panel>
  );
}

function Total({ label, testId, definition, figure, lang, sumOfSites }: Item & { lang: string }) {
  const id = useId();
  return (
    <div className="pb-total relative min-w-0">
      <dt className="pb-total-label text-[0.85em] text-muted">
        <span className="pb-term" tabIndex={0} aria-describedby={id}>
          {label}
        </span>
        <span id={id} role="tooltip" className="pb-definition">
          {[definition, sumOfSites && SUM_NOTE, figure?.sample && SAMPLE_NOTE].filter(Boolean).join(' ')}
        </span>
      </dt>
      <dd className="pb-total-value font-bold leading-tight tabular-nums">
        {figure === undefined ? (
          <Skeleton className="h-[1em] w-[2.5em]" />
        ) : figure.value === null ? (
          <UnreadableFigure testId={testId} />
        ) : (
          <span data-testid={testId} title={compactTitle(figure.value, lang)}>
            {formatCompact(figure.value, lang)}
          </span>
        )}
        {figure?.sample && <SampleBadge />}
        {sumOfSites && (
          <span data-testid="sum-of-sites" className="pb-sample-badge" title={SUM_NOTE}>
            sum of sites
          </span>
        )}
      </dd>
    </div>
  );
}
