import type { MetricType } from '../../api/exact';
import type { MetricRow } from '../../api/exact-schemas';
import type { Counts } from '../../api/realtime-schema';
import type { RealtimeResult } from '../../api/realtime';
import { useFigure, useMetrics } from '../../api/use-exact';
import { Panel } from '../../components/panel';
import { SampleBadge } from '../../components/sample-badge';
import { useDashboard } from '../../dashboard-context';
import type { PanelId } from '../../options';
import { TopListView, type TopListViewProps } from './top-list-view';


/**
 * What one top list shows: Umami's exact rows for the 30 minutes, the realtime answer's sample
 * when the exact route fails, and the words around them. The selects are module-level, so stable.
 */
export type TopListConfig = Pick<TopListViewProps, 'caption' | 'keyHeader' | 'valueHeader' | 'emptyText' | 'keyFor' | 'labelFor' | 'decorate'> & {
  id: PanelId;
  title: string;
  testId: string;
  metric: MetricType;
  exact: (rows: MetricRow[]) => Counts;
  /** Null when Umami sent the list in a form that cannot be read. */
  sample: (result: RealtimeResult) => Counts | null;
  /** What the sample counts, where it is not what the exact rows count. */
  sampleValueHeader?: string;
};

export function TopListPanel({ config }: { config: TopListConfig }) {
  const { lang, combined } = useDashboard();
  const figure = useFigure(useMetrics(config.metric, config.exact), config.sample);
  const sampled = figure?.sample === true;
  const header = sampled ? (config.sampleValueHeader ?? config.valueHeader) : config.valueHeader;
  // Visitors of several sites are added up per site (someone on two counts twice): the panel says so.
  const summed = Boolean(combined) && header === 'Visitors';
  return (
    <Panel title={config.title} testId={config.testId} aside={
        (sampled || summed) && (
          <span className="flex gap-[0.4em]">
            {summed && (
              <span data-testid="sum-of-sites" className="pb-sample-badge" title="Visitors added up over the combined sites: someone who visited two of them counts twice.">
                sum of sites
              </span>
            )}
            {sampled && <SampleBadge label="sample · latest 100 events" />}
          </span>
        )
      }
    >
      <TopListView
        map={figure?.value}
        lang={lang}
        caption={config.caption}
        keyHeader={config.keyHeader}
        valueHeader={header}
        emptyText={config.emptyText}
        keyFor={config.keyFor}
        labelFor={config.labelFor}
        decorate={config.decorate}
      />
    </Panel>
  );
}
