import type { EventType } from '../../api/realtime-schema';
import type { ReactNode } from 'react';

// Small inline symbols (no icon font, nothing from a CDN); the row's text says the same.
const PATHS: Record<EventType, { className: string; shape: ReactNode }> = {
  pageview: {
    className: 'text-accent',
    shape: (
      <>
        <path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12Z" fill="none" stroke="currentColor" strokeWidth="2" />
        <circle cx="12" cy="12" r="3" fill="currentColor" />
      </>
    ),
  },
  event: {
    className: 'text-accent2',
    shape: <path d="M13 2 4 14h7l-1 8 9-12h-7l1-8Z" fill="currentColor" />,
  },
  session: {
    className: 'text-fg',
    shape: (
      <>
        <circle cx="12" cy="8" r="4" fill="currentColor" />
        <path d="M4 21a8 8 0 0 1 16 0Z" fill="currentColor" />
      </>
    ),
  },
};

export function EventIcon({ type }: { type: EventType }) {
  const { className, shape } = PATHS[type];
  return (
    <span aria-hidden="true" className={`flex size-[1.7em] items-center justify-center rounded-full bg-border/70 ${className}`}>
      <svg viewBox="0 0 24 24" className="size-[0.95em]" focusable="false">
        {shape}
      </svg>
    </span>
  );
}
