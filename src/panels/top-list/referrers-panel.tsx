import type { RealtimeResult } from '../../api/realtime';
import { useRealtime } from '../../api/use-realtime';
import { Panel } from '../../components/panel';
import { useDashboard } from '../../dashboard-context';
import { referrerKey } from './top-list-data';
import { TopListView } from './top-list-view';

const selectReferrers = (result: RealtimeResult) => result.data.referrers;

export function ReferrersPanel() {
  const { lang } = useDashboard();
  const referrers = useRealtime(selectReferrers);
  return (
    <Panel title="Referrers" testId="top-referrers">
      <TopListView
        map={referrers}
        lang={lang}
        caption="Top referrers in the last 30 minutes"
        keyHeader="Referrer"
        valueHeader="Views"
        emptyText="No referrers in the last 30 minutes"
        keyFor={referrerKey}
      />
    </Panel>
  );
}
