import type { ReactNode } from 'react';
import type { EventType } from '../../api/realtime-schema';

/** The theme colour (`--color-<name>`) each symbol is drawn in. */
export const ICON_COLOUR: Record<EventType, 'accent' | 'accent-2' | 'fg'> = {
  pageview: 'accent',
  event: 'accent-2',
  session: 'fg',
};

const GLYPHS: Record<EventType, ReactNode> = {
  // An eye.
  pageview: (
    <>
      <path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12Z" fill="none" stroke="currentColor" strokeWidth="2" />
      <circle cx="12" cy="12" r="3" />
    </>
  ),
  // A bolt.
  event: <path d="M13 2 4 14h7l-1 8 9-12h-7l1-8Z" />,
  // A person.
  session: (
    <>
      <circle cx="12" cy="8" r="4" />
      <path d="M4 21a8 8 0 0 1 16 0Z" />
    </>
  ),
};

/**
 * The row's symbol on a disc, drawn in currentColor so it follows the theme and forced colours.
 * Decorative: the row's text says the kind.
 */
export function EventIcon({ type, className = '' }: { type: EventType; className?: string }) {
  return (
    <span
      aria-hidden="true"
      data-icon={type}
      className={`grid size-[1.7em] place-items-center rounded-full bg-border/70 ${className}`}
      style={{ color: `var(--color-${ICON_COLOUR[type]})` }}
    >
      <svg viewBox="0 0 24 24" fill="currentColor" className="size-[0.95em]" focusable="false">
        {GLYPHS[type]}
      </svg>
    </span>
  );
}
