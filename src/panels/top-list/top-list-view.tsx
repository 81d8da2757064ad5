import type { Counts } from '../../api/realtime-schema';
import { useMemo, type CSSProperties, type ReactNode } from 'react';
import { EmptyState, Skeleton, UNREADABLE_LIST } from '../../components/panel';
import { compactTitle, formatCompact, formatPercent } from '../../lib/format';
import { useFitCount } from '../../lib/use-fit-count';
import { topEntries, type TopRow } from './top-list-data';
import './top-list.css';

// Row heights in em of the list's font size; top-list.css sets the same numbers.
const ROW_EM = 1.9;
const HEAD_EM = 1.7;
/** Rows shown when there is no layout to measure (jsdom, a panel not yet laid out). */
const FALLBACK_ROWS = 8;

/** Counts from here on are written 123K, 1.2M: the count column is narrow. */
const COMPACT_FROM = 100_000;

export type TopListViewProps = {
  /** Umami's `{ key: count }` map; undefined before the first data, null when Umami's list was unreadable. */
  map: Counts | null | undefined;
  lang: string;
  /** The table's caption: what it lists, for screen readers. */
  caption: string;
  keyHeader: string;
  valueHeader: string;
  emptyText: string;
  keyFor?: (rawKey: string) => string;
  labelFor?: (key: string, lang: string) => string;
  /** Decorative content before the label (a flag). */
  decorate?: (row: TopRow) => ReactNode;
};

/**
 * A top-N table: as many whole rows as fit the panel (never a half row, never a scrollbar),
 * each with a bar behind it proportional to its share of the list's total.
 */
export function TopListView({ map, lang, caption, keyHeader, valueHeader, emptyText, keyFor, labelFor, decorate }: TopListViewProps) {
  const [ref, limit] = useFitCount<HTMLDivElement>({ rowEm: ROW_EM, reservedEm: HEAD_EM, fallback: FALLBACK_ROWS });
  const rows = useMemo(() => {
    if (!map) return null;
    return topEntries(map, { limit, keyFor, labelFor: labelFor && ((key) => labelFor(key, lang)) });
  }, [map, limit, keyFor, labelFor, lang]);

  return (
    <div ref={ref} className="absolute inset-0 overflow-hidden">
      {map === null ? (
        <EmptyState>{UNREADABLE_LIST}</EmptyState>
      ) : rows === null ? (
        <div className="flex flex-col gap-[0.5em] pt-[0.3em]">
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} className="h-[1.3em]" />
          ))}
        </div>
      ) : rows.length === 0 ? (
        <EmptyState>{emptyText}</EmptyState>
      ) : (
        <table className="pb-top-list">
          <caption className="sr-only">{caption}</caption>
          <colgroup>
            <col />
            <col className="pb-top-value" />
            <col className="pb-top-share" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{keyHeader}</th>
              <th scope="col">{valueHeader}</th>
              <th scope="col">Share</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={row.key}
                data-testid="top-row"
                data-key={row.key}
                data-value={row.value}
                // The bar behind the row (aria-hidden by nature: the Share column says the same).
                style={{ '--pb-share': `${Math.round(row.share * 100)}%` } as CSSProperties}
              >
                <th scope="row" title={row.label}>
                  {decorate?.(row)}
                  <bdi>{row.label}</bdi>
                </th>
                <td title={compactTitle(row.value, lang, COMPACT_FROM)}>{formatCompact(row.value, lang, COMPACT_FROM)}</td>
                <td>{formatPercent(row.share, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
