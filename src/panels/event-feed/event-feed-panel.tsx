import { useMemo, useState } from 'react';
import { REALTIME_WINDOW_MS, type RealtimeResult } from '../../api/realtime';
import type { RealtimeEvent } from '../../api/realtime-schema';
import { useRealtime } from '../../api/use-realtime';
import { Panel } from '../../components/panel';
import { useDashboard } from '../../dashboard-context';
import { EventList } from './event-list';
import { ClockOffsetContext } from './feed-clock';
import { FeedFilterControl } from './feed-filter-control';
import { filterEvents, mergeEvents, newIds, type FeedFilter } from './merge-events';

/** Events kept across polls (Umami sends at most ~112 per answer): bounded memory. */
const FEED_CAP = 200;

const EMPTY_TEXT: Record<FeedFilter, string> = {
  all: 'No activity in the last 30 minutes',
  views: 'No page views in the last 30 minutes',
  visitors: 'No new visitors in the last 30 minutes',
  events: 'No custom events in the last 30 minutes',
};

const selectFeed = ({ data, receivedAt, upstreamStaleAge }: RealtimeResult) => ({
  events: data.events,
  serverNow: data.timestamp,
  // When the proxy served a cached answer, the server's `timestamp` is that much older.
  clockOffset: receivedAt - (upstreamStaleAge ?? 0) * 1000 - data.timestamp,
});

type FeedState = {
  websiteId: string;
  /** The answer's events and server time last merged: either changing means a new poll. */
  source: readonly RealtimeEvent[] | null;
  serverNow: number;
  events: readonly RealtimeEvent[];
  fresh: ReadonlySet<string>;
};

const NONE: ReadonlySet<string> = new Set();

export function EventFeedPanel() {
  const { websiteId, lang } = useDashboard();
  const slice = useRealtime(selectFeed);
  const [filter, setFilter] = useState<FeedFilter>('all');
  const [feed, setFeed] = useState<FeedState>({ websiteId, source: null, serverNow: 0, events: [], fresh: NONE });

  // Merge each new answer into the feed while rendering (React's "state from props" pattern):
  // no effect, so the merged rows appear in the same commit as the new data. The server time
  // also triggers a merge: rows kept from earlier answers may have aged past the window.
  let current = feed;
  if (slice && (slice.events !== feed.source || slice.serverNow !== feed.serverNow || websiteId !== feed.websiteId)) {
    const restart = websiteId !== feed.websiteId || feed.source === null;
    const previous = restart ? [] : feed.events;
    const events = mergeEvents(previous, slice.events, { cap: FEED_CAP, now: slice.serverNow, windowMs: REALTIME_WINDOW_MS });
    // The first answer is not "new activity": nothing glows on load or on a site switch.
    current = { websiteId, source: slice.events, serverNow: slice.serverNow, events, fresh: restart ? NONE : newIds(previous, events) };
    setFeed(current);
  }

  const shown = useMemo(() => filterEvents(current.events, filter), [current.events, filter]);

  return (
    <Panel title="Live activity" testId="event-feed" aside={<FeedFilterControl value={filter} onChange={setFilter} />}>
      <ClockOffsetContext value={slice?.clockOffset ?? 0}>
        <EventList
          events={slice && current.websiteId === websiteId ? shown : undefined}
          fresh={current.fresh}
          lang={lang}
          emptyText={EMPTY_TEXT[filter]}
        />
      </ClockOffsetContext>
    </Panel>
  );
}
