import { memo } from 'react';
import type { RealtimeEvent } from '../../api/realtime-schema';
import { countryFlag, countryName } from '../../lib/countries';
import { browserLabel, deviceLabel, osLabel } from '../../lib/user-agent-labels';
import { EventIcon } from './event-icon';
import { RelativeTime } from './relative-time';

/** Row height in em of the list's font size; the fit count uses the same number. */
export const EVENT_ROW_EM = 3.2;

const TYPE_TEXT = { pageview: 'Page view', event: 'Event', session: 'New visitor' } as const;

type Props = { event: RealtimeEvent; lang: string; isNew: boolean };

/**
 * One feed row, in as few elements as it takes (a busy feed builds several on every poll). Memoised: the merge keeps each shown event's object from poll to poll, so an
 * unchanged row does not render again; only its time label ticks. When the row stops being new,
 * only its own `li` changes: the content is a memoised child of its own.
 */
export const EventRow = memo(function EventRow({ event, lang, isNew }: Props) {
  return (
    <li
      data-testid="event-row"
      data-id={event.id}
      data-type={event.type}
      // contain-strict: the row is a fixed box, so a new row or a changed age lays out and paints
      // that row alone; the rows below only move (about −2.5 ms per busy poll, BENCHMARKS.md).
      style={{ height: `${EVENT_ROW_EM}em` }}
      className={`contain-strict grid grid-cols-[auto_minmax(0,1fr)_auto] grid-rows-2 items-center gap-x-[0.6em] overflow-hidden border-b border-border/60 px-[0.3em] ${isNew ? 'pb-feed-new' : ''}`}
    >
      <EventRowContent event={event} lang={lang} />
    </li>
  );
});

const EventRowContent = memo(function EventRowContent({ event, lang }: Omit<Props, 'isNew'>) {
  const details = [browserLabel(event.browser), osLabel(event.os), deviceLabel(event.device)].filter(
    (text): text is string => text !== null,
  );
  const flag = countryFlag(event.country);
  return (
    <>
      <EventIcon type={event.type} className="row-span-2" />
      <p className="min-w-0 truncate self-end" title={event.urlPath}>
        <span className="font-semibold">{TYPE_TEXT[event.type]}</span>
        {event.type === 'event' && event.eventName !== null && (
          <span className="ml-[0.4em] font-semibold text-accent2">{event.eventName}</span>
        )}
        <span className="ml-[0.4em] text-muted">{event.urlPath}</span>
      </p>
      {/* A fixed width ("59 min ago" fits): an age that changes every poll then relays out its
          own text only, not the row's columns. */}
      <RelativeTime at={event.createdAt} className="row-span-2 w-[5.6em] text-right text-[0.8em] whitespace-nowrap text-muted tabular-nums" />
      <p className="min-w-0 truncate self-start text-[0.8em] text-muted">
        {flag && (
          <span aria-hidden="true" className="mr-[0.3em]">
            {flag}
          </span>
        )}
        {/* One text node, not a span per part: fewer elements for every new row. */}
        {[countryName(event.country, lang), ...details].join(' · ')}
      </p>
    </>
  );
});
