import type { EventType } from '../../api/realtime-schema';

/**
 * The row's symbol: one element, drawn by CSS from its type (event-feed.css), instead of an
 * inline SVG of three or four. A busy feed builds several rows on every poll, and each element
 * less is less to create, style and lay out. Decorative: the row's text says the same.
 */
export function EventIcon({ type, className = '' }: { type: EventType; className?: string }) {
  return <span aria-hidden="true" data-icon={type} className={`pb-event-icon ${className}`} />;
}
