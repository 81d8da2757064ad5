import type { Stats } from '../../api/exact-schemas';
import { comparePeriod, type PastPeriod } from '../../api/history';
import { isFailing, type ExactState } from '../../api/use-exact';
import { usePeriodEvents, usePeriodStats } from '../../api/use-history';
import { Panel, Skeleton, UnreadableFigure } from '../../components/panel';
import { useDashboard } from '../../dashboard-context';
import { compactTitle, formatCompact, formatNumber } from '../../lib/format';
import { changeBetween, direction, formatChange, todayEvents } from './today-data';
import './today.css';

const BEFORE_LABELS: Record<PastPeriod, string> = { yesterday: 'Yesterday', lastweek: 'Last week' };
const ARROWS = { up: '▲', down: '▼', same: '' } as const;

const selectStats = (stats: Stats) => ({ views: stats.pageviews, visitors: stats.visitors });

type Key = 'views' | 'visitors' | 'events';

const ITEMS: { key: Key; label: string; definition: string }[] = [
  { key: 'views', label: 'Views', definition: 'Page views since midnight.' },
  { key: 'visitors', label: 'Visitors', definition: 'Unique visitors since midnight.' },
  { key: 'events', label: 'Events', definition: 'Custom events (not page views) since midnight.' },
];


/** One figure: its value (undefined while none came, null when Umami's was unreadable), and whether its route is failing now. */
type Figure = { value: number | null | undefined; failing: boolean };

function figures(stats: ExactState<{ views: number | null; visitors: number | null }>, events: ExactState<number>): Record<Key, Figure> {
  return {
    views: { value: stats.data?.views, failing: isFailing(stats) },
    visitors: { value: stats.data?.visitors, failing: isFailing(stats) },
    events: { value: events.data, failing: isFailing(events) },
  };
}

/**
 * Today since local midnight (in the dashboard's zone), each figure beside its change against
 * the same span on an earlier day (`?compare=`). Refreshed once a minute.
 */
export function TodayPanel() {
  const { lang, compare } = useDashboard();
  const past = comparePeriod(compare);
  const stats = usePeriodStats('today', selectStats);
  const events = usePeriodEvents('today', todayEvents);
  const statsBefore = usePeriodStats(past, selectStats);
  const eventsBefore = usePeriodEvents(past, todayEvents);

  const now = figures(stats, events);
  const before = figures(statsBefore, eventsBefore);
  const failingNow = [stats, events].filter(isFailing);
  // "Not updated" keeps the last figures; a figure that never came is plainly unavailable.
  const problem = failingNow.length === 0 ? null : failingNow.some((query) => query.data === undefined) ? 'unavailable right now' : 'not updated';

  return (
    <Panel
      title="Today so far"
      testId="today"
      className="today-panel"
      aside={
        problem ? (
          <span className="text-[0.75em] text-warn" role="status">
            {problem}
          </span>
        ) : past ? (
          <span className="text-[0.75em] text-muted">vs {BEFORE_LABELS[past].toLowerCase()} by this time</span>
        ) : null
      }
    >
      <dl className="pb-today h-full">
        {ITEMS.map(({ key, label, definition }) => {
          const { value, failing: unavailable } = now[key];
          const earlier = past ? before[key].value : undefined;
          const change = typeof value === 'number' && typeof earlier === 'number' ? changeBetween(value, earlier) : null;
          const way = change ? direction(change) : 'same';
          return (
            <div key={key} className="pb-today-item min-w-0">
              <dt className="text-[0.85em] text-muted" title={definition}>
                {label}
              </dt>
              <dd className="pb-today-value font-bold tabular-nums">
                {typeof value === 'number' ? (
                  <span data-testid={`today-${key}`} title={compactTitle(value, lang)}>
                    {formatCompact(value, lang)}
                  </span>
                ) : value === null ? (
                  <UnreadableFigure testId={`today-${key}`} />
                ) : !unavailable ? (
                  <Skeleton className="h-[1em] w-[2.5em]" />
                ) : (
                  <span data-testid={`today-${key}`} title="Not available right now">
                    –
                  </span>
                )}
                {change && past && typeof earlier === 'number' && (
                  <span className={`pb-today-change pb-today-${way}`} title={`${BEFORE_LABELS[past]} by this time: ${formatNumber(earlier, lang)}`}>
                    {ARROWS[way] && <span aria-hidden="true">{ARROWS[way]}</span>}
                    <span data-testid={`today-change-${key}`}>{formatChange(change, lang)}</span>
                  </span>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </Panel>
  );
}
