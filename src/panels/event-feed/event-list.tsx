import { useMemo } from 'react';
import type { RealtimeEvent } from '../../api/realtime-schema';
import { EmptyState, Skeleton } from '../../components/panel';
import { useFitCount } from '../../lib/use-fit-count';
import { EVENT_ROW_EM, EventRow } from './event-row';
import './event-feed.css';

/** Rows shown when there is no layout to measure (jsdom, a panel not yet laid out). */
const FALLBACK_ROWS = 12;

type Props = {
  /** Newest first; undefined before the first data. */
  events: readonly RealtimeEvent[] | undefined;
  /** Ids that arrived with the last poll: highlighted briefly. */
  fresh: ReadonlySet<string>;
  lang: string;
  emptyText: string;
};

/** As many whole rows as fit the panel: never a half row, never a scrollbar. */
export function EventList({ events, fresh, lang, emptyText }: Props) {
  const [ref, fit] = useFitCount<HTMLDivElement>({ rowEm: EVENT_ROW_EM, fallback: FALLBACK_ROWS });
  const visible = useMemo(() => events?.slice(0, fit), [events, fit]);
  return (
    <div ref={ref} className="absolute inset-0 overflow-hidden">
      {visible === undefined ? (
        <div className="flex flex-col gap-[0.6em] pt-[0.3em]">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-[2.4em]" />
          ))}
        </div>
      ) : visible.length === 0 ? (
        <EmptyState>{emptyText}</EmptyState>
      ) : (
        <ol aria-label="Latest activity, newest first">
          {visible.map((event) => (
            <EventRow key={event.id} event={event} lang={lang} isNew={fresh.has(event.id)} />
          ))}
        </ol>
      )}
    </div>
  );
}
