import { Fragment, memo } from 'react';
import type { RealtimeEvent } from '../../api/realtime-schema';
import { countryFlag, countryName } from '../../lib/countries';
import { browserLabel, deviceLabel, osLabel } from '../../lib/user-agent-labels';
import { EventIcon } from './event-icon';
import { RelativeTime } from './relative-time';

/** Row height in em of the list's font size; the fit count uses the same number. */
export const EVENT_ROW_EM = 3.2;

const TYPE_TEXT = { pageview: 'Page view', event: 'Event', session: 'New visitor' } as const;

type Props = { event: RealtimeEvent; lang: string; isNew: boolean };

/** One feed row. Memoised: the merge keeps each shown event's object from poll to poll, so only its time label ticks. */
export const EventRow = memo(function EventRow({ event, lang, isNew }: Props) {
  return (
    <li
      data-testid="event-row"
      data-id={event.id}
      data-type={event.type}
      style={{ height: `${EVENT_ROW_EM}em` }}
      className={`grid grid-cols-[auto_minmax(0,1fr)_auto] grid-rows-2 items-center gap-x-[0.6em] overflow-hidden border-b border-border/60 px-[0.3em] ${isNew ? 'pb-feed-new' : ''}`}
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
      <p className="min-w-0 truncate self-end text-muted" title={event.urlPath}>
        {event.site !== undefined && (
          <b data-testid="event-site" className="mr-[0.4em] font-semibold text-accent">
            <bdi>{event.site}</bdi>
          </b>
        )}
        <b className="mr-[0.4em] font-semibold text-fg">{TYPE_TEXT[event.type]}</b>
        {event.type === 'event' && event.eventName !== null && (
          <b className="mr-[0.4em] font-semibold text-accent2">
            <bdi>{event.eventName}</bdi>
          </b>
        )}
        <bdi>{event.urlPath}</bdi>
      </p>
      {/* A fixed width ("59 min ago" fits), so a changing age never shifts the row's columns. */}
      <RelativeTime at={event.createdAt} className="row-span-2 w-[5.6em] text-right text-[0.8em] whitespace-nowrap text-muted tabular-nums" />
      {/* No data-flag for an unknown country (countryFlag gives ""): an empty one would still draw the gap. */}
      <p className="pb-feed-place min-w-0 truncate self-start text-[0.8em] text-muted" data-flag={countryFlag(event.country) || undefined}>
        {[countryName(event.country, lang), ...details].map((text, i) => (
          <Fragment key={i}>
            {i > 0 && ' · '}
            <bdi>{text}</bdi>
          </Fragment>
        ))}
      </p>
    </>
  );
});
