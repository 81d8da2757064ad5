import { describeFilter } from '../lib/filter-syntax';
import type { Filter } from '../shared/filters';

/** A filtered wall says so, in words, wherever it is shown: every number on it is for this traffic only. */
export function FilterBadge({ filters }: { filters: readonly Filter[] }) {
  const text = filters.map(describeFilter).join(' · ');
  return (
    <span
      data-testid="filter-badge"
      title={`Only traffic where ${filters.map(describeFilter).join(' and ')}`}
      className="ml-[0.6em] inline-block max-w-full truncate rounded-full border border-accent2 px-[0.6em] py-[0.05em] align-middle text-[0.8em] font-semibold text-accent2"
    >
      Filtered: <bdi>{text}</bdi>
    </span>
  );
}
