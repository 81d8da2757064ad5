import './sample-badge.css';

export const SAMPLE_NOTE = 'Sample: counted from the latest 100 events only, because Umami’s exact figure is not available right now.';

/** Marks a figure taken from the realtime answer's sample instead of Umami's exact route. */
export function SampleBadge({ label = 'sample' }: { label?: string }) {
  return (
    <span data-testid="sample-badge" className="pb-sample-badge" title={SAMPLE_NOTE}>
      {label}
    </span>
  );
}
