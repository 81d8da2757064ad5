import type { FeedFilter } from './merge-events';

// The same choices as Umami's own realtime page.
const FILTERS: { id: FeedFilter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'views', label: 'Views' },
  { id: 'visitors', label: 'Visitors' },
  { id: 'events', label: 'Events' },
];

/** A segmented control; `pb-control` lets kiosk mode hide it (nobody clicks a wall screen). */
export function FeedFilterControl({ value, onChange }: { value: FeedFilter; onChange: (filter: FeedFilter) => void }) {
  return (
    <div role="group" aria-label="Show in the feed" className="pb-control flex shrink-0 overflow-hidden rounded-md border border-border text-[0.75em]">
      {FILTERS.map(({ id, label }) => (
        <button
          key={id}
          type="button"
          aria-pressed={value === id}
          onClick={() => onChange(id)}
          className={`px-[0.6em] py-[0.15em] focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-accent ${
            value === id ? 'bg-accent font-semibold text-bg' : 'text-muted hover:text-fg'
          }`}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
