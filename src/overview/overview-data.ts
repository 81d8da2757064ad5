import type { MetricRow } from '../api/exact-schemas';
import type { Counts } from '../api/realtime-schema';
import { formatQuery, type Param } from '../lib/embed-url';

// The overview wall's shaping: tile order, the grid that fits one screen, a tile's link and
// the page most viewed. Pure, so the tests pin each rule.

/**
 * Sites by online now, most first; equal values (and sites not yet known, last) keep the order
 * they were listed in, so tiles never swap places over a tie.
 */
export function orderByOnline<T>(sites: readonly T[], online: readonly (number | null | undefined)[]): T[] {
  return sites
    .map((site, index) => ({ site, index, value: online[index] ?? -1 }))
    .sort((a, b) => b.value - a.value || a.index - b.index)
    .map(({ site }) => site);
}

export type TileGrid = { columns: number; rows: number };

/** The shape a tile reads best at: its figures side by side under the name, a sparkline below. */
export const TILE_ASPECT = 1.6;

/**
 * Columns and rows for `count` tiles in `width` × `height` px: the arrangement that gives each
 * tile the largest area of the aspect it reads best at, so type can be as big as possible.
 */
export function tileGrid(count: number, width: number, height: number, aspect = TILE_ASPECT): TileGrid {
  if (count <= 0) return { columns: 1, rows: 1 };
  // Before layout (jsdom, a hidden tab): a landscape screen.
  if (!(width > 0) || !(height > 0)) return tileGrid(count, 1600, 900, aspect);
  let best: TileGrid & { size: number } = { columns: 1, rows: count, size: -1 };
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    const w = width / columns;
    const h = height / rows;
    // The largest box of the tile's aspect that fits the cell; on a tie, fewer empty cells.
    const size = Math.min(w, h * aspect);
    const better = size > best.size + 0.5 || (Math.abs(size - best.size) <= 0.5 && columns * rows < best.columns * best.rows);
    if (better) best = { columns, rows, size };
  }
  return { columns: best.columns, rows: best.rows };
}

/** Parameters that choose the wall itself: a tile's link drops them and names its site. */
const WALL_PARAMS = ['website', 'websites', 'overview', 'combine', 'rotate', 'sites'];

/** A tile's link: that site's dashboard, with the rest of the wall's address (kiosk, theme, language…). */
export function siteDashboardUrl(base: string, search: string, websiteId: string): string {
  const kept: Param[] = [...new URLSearchParams(search)]
    .filter(([name]) => !WALL_PARAMS.includes(name))
    .map(([name, value]) => [name, value === '' ? null : value]);
  return `${base}${formatQuery([['website', websiteId], ...kept])}`;
}

export type TopPage = { path: string; views: number };

/** The page with the most views (the first listed on a tie); null when nothing was viewed. */
export function topPage(counts: Counts): TopPage | null {
  let best: TopPage | null = null;
  for (const [path, views] of counts) if (views > 0 && (best === null || views > best.views)) best = { path, views };
  return best;
}

/** Umami's exact page rows: the most viewed, rows without a path left out. */
export function topPageOfRows(rows: readonly MetricRow[]): TopPage | null {
  const counts = new Map<string, number>();
  for (const row of rows) if (row.name !== null) counts.set(row.name, (counts.get(row.name) ?? 0) + row.pageviews);
  return topPage(counts);
}

/** What the wall says about its pace, e.g. "Updating every 75 s for 30 sites". */
export function cadenceText(intervalMs: number, sites: number, stretched: boolean): string {
  const seconds = Math.round(intervalMs / 1000);
  const pace = seconds >= 120 && seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
  return stretched ? `Updating every ${pace} for ${sites} sites` : `Updating every ${pace}`;
}
