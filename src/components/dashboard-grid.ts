import type { PanelId } from '../options';

export type GridTemplate = {
  /** CSS values for grid-template-columns / -rows / -areas; areas are named by panel id. */
  columns: string;
  rows: string;
  areas: string;
};

export type Orientation = 'landscape' | 'portrait';

const FULL_SET: readonly PanelId[] = ['totals', 'today', 'chart', 'map', 'pages', 'referrers', 'countries', 'events'];

/** One line of figures each: strips across the top, in this order, each as tall as its content. */
const STRIPS: readonly PanelId[] = ['totals', 'today'];

/** Every row is cut into 6 sub-columns, so rows of 1, 2 or 3 panels share one grid. */
const SUB = 6;
const CELL = 'minmax(0, 1fr)';
const CONTENT_COLUMNS = `repeat(${SUB}, ${CELL})`;
/** The feed column beside 6 content sub-columns: about 28 % of the width. */
const FEED_COLUMN = 'minmax(0, 2.4fr)';

const line = (names: readonly string[]) => `"${names.join(' ')}"`;
const repeat = (name: string, times: number) => Array.from({ length: times }, () => name);

/** The hand-tuned layout for every panel at once. */
const FULL: Record<Orientation, GridTemplate> = {
  landscape: {
    columns: `${CONTENT_COLUMNS} ${FEED_COLUMN}`,
    rows: `auto auto minmax(0, 1.25fr) ${CELL}`,
    areas: [
      line([...repeat('totals', SUB), 'events']),
      line([...repeat('today', SUB), 'events']),
      line([...repeat('chart', 3), ...repeat('map', 3), 'events']),
      line([...repeat('pages', 2), ...repeat('referrers', 2), ...repeat('countries', 2), 'events']),
    ].join(' '),
  },
  portrait: {
    columns: CONTENT_COLUMNS,
    rows: `auto auto ${CELL} ${CELL} ${CELL} minmax(0, 1.4fr)`,
    areas: [
      line(repeat('totals', SUB)),
      line(repeat('today', SUB)),
      line(repeat('chart', SUB)),
      line(repeat('map', SUB)),
      line([...repeat('pages', 2), ...repeat('referrers', 2), ...repeat('countries', 2)]),
      line(repeat('events', SUB)),
    ].join(' '),
  },
};

function columnsFor(count: number, orientation: Orientation): number {
  if (orientation === 'portrait') return count <= 3 ? 1 : 2;
  return count <= 3 ? count : count === 4 ? 2 : 3;
}

/**
 * The grid for the panels on screen. All eight get the hand-tuned layout (whatever their
 * order); any other set gets a generic one that keeps their order:
 * - totals and today as strips on top (each is one line of numbers);
 * - in landscape, the event feed as a tall column on the right, top to bottom, when two or
 *   more panels other than totals sit beside it;
 * - the rest in rows of up to 3 (portrait: 1 when there are up to 3, else 2), the last row's
 *   panels widened so the grid has no holes.
 */
export function gridTemplate(panels: readonly PanelId[], orientation: Orientation): GridTemplate {
  const ids = panels.filter((id, i) => panels.indexOf(id) === i);
  if (ids.length === 0) return { columns: CELL, rows: CELL, areas: 'none' };
  if (ids.length === FULL_SET.length && FULL_SET.every((id) => ids.includes(id))) return FULL[orientation];
  if (ids.length === 1) return { columns: CELL, rows: CELL, areas: line(ids) };

  const strips = STRIPS.filter((id) => ids.includes(id));
  const rest = ids.filter((id) => !STRIPS.includes(id));
  const tall = orientation === 'landscape' && rest.includes('events') && rest.length >= 3;
  const cells = tall ? rest.filter((id) => id !== 'events') : rest;

  const perRow = columnsFor(cells.length, orientation);
  const gridRows: string[][] = [];
  for (let i = 0; i < cells.length; i += perRow) {
    const row = cells.slice(i, i + perRow);
    gridRows.push(row.flatMap((id) => repeat(id, SUB / row.length)));
  }

  const lines = [...strips.map((id) => repeat(id, SUB)), ...gridRows];
  const areas = lines.map((names) => line(tall ? [...names, 'events'] : names));
  const rows = [...strips.map(() => 'auto'), ...gridRows.map(() => CELL)];
  return {
    columns: tall ? `${CONTENT_COLUMNS} ${FEED_COLUMN}` : CONTENT_COLUMNS,
    rows: rows.join(' '),
    areas: areas.join(' '),
  };
}
