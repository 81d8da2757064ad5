import type { RealtimeResult } from '../../api/realtime';
import { useRealtime } from '../../api/use-realtime';
import { Panel } from '../../components/panel';
import { useDashboard } from '../../dashboard-context';
import { TopListView } from './top-list-view';

const selectUrls = (result: RealtimeResult) => result.data.urls;

export function PagesPanel() {
  const { lang } = useDashboard();
  const urls = useRealtime(selectUrls);
  return (
    <Panel title="Pages" testId="top-pages">
      <TopListView
        map={urls}
        lang={lang}
        caption="Most viewed pages in the last 30 minutes"
        keyHeader="Page"
        valueHeader="Views"
        emptyText="No page views in the last 30 minutes"
      />
    </Panel>
  );
}
