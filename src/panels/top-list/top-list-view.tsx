import { memo, useMemo, type ReactNode } from 'react';
import { EmptyState, Skeleton } from '../../components/panel';
import { formatNumber, formatPercent } from '../../lib/format';
import { useFitCount } from '../../lib/use-fit-count';
import { topEntries, type TopRow } from './top-list-data';
import './top-list.css';

// Heights in em of the list's font size: the fit count and the CSS use the same numbers.
const ROW_EM = 1.9;
const HEAD_EM = 1.7;
/** The header row's font size, in em of the list's: its height in the list's em is HEAD_EM × this. */
const HEAD_FONT_EM = 0.75;
/** Rows shown when there is no layout to measure (jsdom, a panel not yet laid out). */
const FALLBACK_ROWS = 8;

type Props = {
  /** Umami's `{ key: count }` map; undefined before the first data. */
  map: Readonly<Record<string, number>> | undefined;
  lang: string;
  /** Read by screen readers: what the table lists. */
  caption: string;
  keyHeader: string;
  valueHeader: string;
  emptyText: string;
  keyFor?: (rawKey: string) => string;
  labelFor?: (key: string) => string;
  /** Extra content before the label (a flag); decorative. */
  decorate?: (row: TopRow) => ReactNode;
};

const ROW_STYLE = { height: `${ROW_EM}em` };
/** The header row's height in the list's em; the share bars start below it. */
const HEAD_HEIGHT = `${HEAD_EM * HEAD_FONT_EM}em`;
// The header row stays in the list's font size, so its columns are the rows' own (.pb-top-row);
// its cells are set smaller.
const HEAD_STYLE = { height: HEAD_HEIGHT };
const HEAD_CELL_STYLE = { fontSize: `${HEAD_FONT_EM}em` };
const HEAD_CELL = 'truncate px-[0.4em] font-semibold tracking-wide';

type RowProps = { row: TopRow; lang: string; decorate: Props['decorate'] };

/**
 * One row. Every poll builds new row objects, and on a busy site the total (so every share)
 * moves a little each time: the row renders again only when what it shows changes — its label,
 * count or the share as printed (its bar is drawn behind the table, apart from the row).
 */
const TopListRow = memo(
  function TopListRow({ row, lang, decorate }: RowProps) {
    return (
      <div role="row" data-testid="top-row" data-key={row.key} data-value={row.value} className="pb-top-row" style={ROW_STYLE}>
        <span role="rowheader" title={row.label} className="truncate px-[0.4em]">
          {decorate?.(row)}
          {row.label}
        </span>
        <span role="cell" className="truncate px-[0.4em] text-right font-semibold tabular-nums">
          {formatNumber(row.value, lang)}
        </span>
        <span role="cell" className="truncate px-[0.4em] text-right text-muted tabular-nums">
          {formatPercent(row.share, lang)}
        </span>
      </div>
    );
  },
  (a, b) =>
    a.lang === b.lang &&
    a.decorate === b.decorate &&
    a.row.key === b.row.key &&
    a.row.label === b.row.label &&
    a.row.value === b.row.value &&
    formatPercent(a.row.share, a.lang) === formatPercent(b.row.share, b.lang),
);

/** The column headers; memoised: they change only when the panel's headers do. */
const TopListHead = memo(function TopListHead({ keyHeader, valueHeader }: { keyHeader: string; valueHeader: string }) {
  return (
    <div role="row" className="pb-top-row uppercase text-muted" style={HEAD_STYLE}>
      <span role="columnheader" className={HEAD_CELL} style={HEAD_CELL_STYLE}>
        {keyHeader}
      </span>
      <span role="columnheader" className={`${HEAD_CELL} text-right`} style={HEAD_CELL_STYLE}>
        {valueHeader}
      </span>
      <span role="columnheader" className={`${HEAD_CELL} text-right`} style={HEAD_CELL_STYLE}>
        Share
      </span>
    </div>
  );
});

/** The bar's width in whole percent: a third of a pixel more or less is not worth a repaint. */
function barPercent(share: number): number {
  return Math.round(share * 100);
}

/**
 * A top-N table: as many whole rows as fit the panel (never a half row, never a scrollbar),
 * each with a bar behind it proportional to its share of the list's total.
 */
export function TopListView({ map, lang, caption, keyHeader, valueHeader, emptyText, keyFor, labelFor, decorate }: Props) {
  const [ref, limit] = useFitCount<HTMLDivElement>({ rowEm: ROW_EM, reservedEm: HEAD_EM, fallback: FALLBACK_ROWS });
  const rows = useMemo(() => (map ? topEntries(map, { limit, keyFor, labelFor }) : null), [map, limit, keyFor, labelFor]);

  return (
    // contain-strict: a new count relays out and repaints this table only, not the page.
    <div ref={ref} className="absolute inset-0 overflow-hidden contain-strict">
      {rows === null ? (
        <div className="flex flex-col gap-[0.5em] pt-[0.3em]">
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} className="h-[1.3em]" />
          ))}
        </div>
      ) : rows.length === 0 ? (
        <EmptyState>{emptyText}</EmptyState>
      ) : (
        <>
          {/* The share bars, one plain box per row behind the table (aria-hidden: the Share column
              says the same). As a gradient background of each row, every one of a row's three
              cells painted its part of the bar again on every poll (about 1 ms of a busy poll). */}
          <div aria-hidden="true" className="pb-top-bars" style={{ top: HEAD_HEIGHT }}>
            {rows.map((row, place) => (
              <div key={place} style={{ height: `${ROW_EM}em`, width: `${barPercent(row.share)}%` }} />
            ))}
          </div>
          {/* An ARIA table of rows laid out as grids, not a <table>: a table lays out all of its
              cells again when one count changes, while each of these rows is a fixed box that
              lays out alone (contain: strict), and the header is made once. */}
          <div role="table" aria-label={caption} className="relative">
            <TopListHead keyHeader={keyHeader} valueHeader={valueHeader} />
            {rows.map((row) => (
              <TopListRow key={row.key} row={row} lang={lang} decorate={decorate} />
            ))}
          </div>
        </>
      )}
    </div>
  );
}
