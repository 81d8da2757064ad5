import { useRealtime } from '../../api/use-realtime';
import type { RealtimeResult } from '../../api/realtime';
import { Panel, Skeleton } from '../../components/panel';
import { useDashboard } from '../../dashboard-context';
import { formatNumber } from '../../lib/format';

const selectTotals = (result: RealtimeResult) => result.data.totals;

const ITEMS = [
  { key: 'views', label: 'Views', testId: 'total-views' },
  { key: 'visitors', label: 'Visitors', testId: 'total-visitors' },
  { key: 'events', label: 'Events', testId: 'total-events' },
  { key: 'countries', label: 'Countries', testId: 'total-countries' },
] as const;

export function TotalsPanel() {
  const { lang } = useDashboard();
  const totals = useRealtime(selectTotals);
  return (
    <Panel title="Last 30 minutes" testId="totals" className="totals-panel">
      <dl className="grid h-full grid-cols-4 gap-[0.6em]">
        {ITEMS.map(({ key, label, testId }) => (
          <div key={key} className="flex min-w-0 flex-col justify-center">
            <dt className="truncate text-[0.85em] text-muted">{label}</dt>
            <dd className="text-[2.4em] font-bold leading-tight tabular-nums">
              {totals ? <span data-testid={testId}>{formatNumber(totals[key], lang)}</span> : <Skeleton className="h-[1em] w-[2.5em]" />}
            </dd>
          </div>
        ))}
      </dl>
    </Panel>
  );
}
