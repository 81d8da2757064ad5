import type { RealtimeResult } from '../../api/queries';
import { useRealtime } from '../../api/use-realtime';
import { Panel } from '../../components/panel';
import { useDashboard } from '../../dashboard-context';
import { usePanelReady } from '../../lib/ready-marks';
import type { PanelId } from '../../options';
import { TopListView, type TopListViewProps } from './top-list-view';

/** What one top list shows: its slice of the realtime answer and the words around it. */
export type TopListConfig = Pick<TopListViewProps, 'caption' | 'keyHeader' | 'valueHeader' | 'emptyText' | 'keyFor' | 'labelFor' | 'decorate'> & {
  id: PanelId;
  title: string;
  testId: string;
  /** Module-level, so the selection is stable from render to render. */
  select: (result: RealtimeResult) => Readonly<Record<string, number>>;
};

export function TopListPanel({ config }: { config: TopListConfig }) {
  const { id, title, testId, select, ...view } = config;
  const { lang } = useDashboard();
  const map = useRealtime(select);
  usePanelReady(id, map !== undefined);
  return (
    <Panel title={title} testId={testId}>
      <TopListView map={map} lang={lang} {...view} />
    </Panel>
  );
}
