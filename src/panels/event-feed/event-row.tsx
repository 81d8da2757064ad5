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
  return (
    <>
      <EventIcon type={event.type} className="row-span-2" />
      {/* Line one in the muted colour with its labels in <b>, the path a plain text node: one
          element fewer than a span for the path, on every new row of a busy feed. */}
      <p className="min-w-0 truncate self-end text-muted" title={event.urlPath}>
        <b className="mr-[0.4em] font-semibold text-fg">{TYPE_TEXT[event.type]}</b>
        {event.type === 'event' && event.eventName !== null && <b className="mr-[0.4em] font-semibold text-accent2">{event.eventName}</b>}
        {event.urlPath}
      </p>
      {/* A fixed width ("59 min ago" fits): an age that changes every poll then relays out its
          own text only, not the row's columns. */}
      <RelativeTime at={event.createdAt} className="row-span-2 w-[5.6em] text-right text-[0.8em] whitespace-nowrap text-muted tabular-nums" />
      {/* The flag is drawn from data-flag by CSS (event-feed.css), silent for screen readers as
          the country's name follows: no element of its own. No attribute for an unknown country
          (countryFlag gives ""): an empty one would still draw the flag's gap. One text node
          for the rest. */}
      <p className="pb-feed-place min-w-0 truncate self-start text-[0.8em] text-muted" data-flag={countryFlag(event.country) || undefined}>
        {[countryName(event.country, lang), ...details].join(' · ')}
      </p>
    </>
  );
});
