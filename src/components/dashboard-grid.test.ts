import { describe, expect, test } from 'vitest';
import { PANEL_IDS, type PanelId } from '../options';
import { gridTemplate, type GridTemplate, type Orientation } from './dashboard-grid';

const C = 'minmax(0, 1fr)';
const SIX = `repeat(6, ${C})`;
const WITH_FEED = `${SIX} minmax(0, 2.4fr)`;
const row = (...cells: [name: string, span: number][]) => `"${cells.flatMap(([name, span]) => Array(span).fill(name)).join(' ')}"`;

describe('gridTemplate', () => {
  test.each<{ name: string; panels: PanelId[]; orientation: Orientation; expected: GridTemplate }>([
    {
      name: 'all eight, landscape: totals and today on top, chart + map, three lists, feed on the right',
      panels: [...PANEL_IDS],
      orientation: 'landscape',
      expected: {
        columns: WITH_FEED,
        rows: `auto auto minmax(0, 1.25fr) ${C}`,
        areas: [
          row(['totals', 6], ['events', 1]),
          row(['today', 6], ['events', 1]),
          row(['chart', 3], ['map', 3], ['events', 1]),
          row(['pages', 2], ['referrers', 2], ['countries', 2], ['events', 1]),
        ].join(' '),
      },
    },
    {
      name: 'all eight in another order: the same layout',
      panels: ['events', 'countries', 'referrers', 'pages', 'map', 'chart', 'today', 'totals'],
      orientation: 'landscape',
      expected: gridTemplate([...PANEL_IDS], 'landscape'),
    },
    {
      name: 'all eight, portrait: stacked, lists side by side, feed at the bottom',
      panels: [...PANEL_IDS],
      orientation: 'portrait',
      expected: {
        columns: SIX,
        rows: `auto auto ${C} ${C} ${C} minmax(0, 1.4fr)`,
        areas: [
          row(['totals', 6]),
          row(['today', 6]),
          row(['chart', 6]),
          row(['map', 6]),
          row(['pages', 2], ['referrers', 2], ['countries', 2]),
          row(['events', 6]),
        ].join(' '),
      },
    },
    { name: 'one panel fills the screen', panels: ['map'], orientation: 'landscape', expected: { columns: C, rows: C, areas: '"map"' } },
    { name: 'totals alone fills the screen', panels: ['totals'], orientation: 'portrait', expected: { columns: C, rows: C, areas: '"totals"' } },
    {
      name: 'two panels side by side, in the given order',
      panels: ['events', 'chart'],
      orientation: 'landscape',
      expected: { columns: SIX, rows: C, areas: row(['events', 3], ['chart', 3]) },
    },
    {
      name: 'two panels stacked in portrait',
      panels: ['chart', 'map'],
      orientation: 'portrait',
      expected: { columns: SIX, rows: `${C} ${C}`, areas: `${row(['chart', 6])} ${row(['map', 6])}` },
    },
    {
      name: 'totals is a strip above the rest, wherever it is in the list',
      panels: ['chart', 'totals'],
      orientation: 'landscape',
      expected: { columns: SIX, rows: `auto ${C}`, areas: `${row(['totals', 6])} ${row(['chart', 6])}` },
    },
    {
      name: 'totals then today as strips, in that order, whatever the list says',
      panels: ['chart', 'today', 'totals'],
      orientation: 'landscape',
      expected: { columns: SIX, rows: `auto auto ${C}`, areas: `${row(['totals', 6])} ${row(['today', 6])} ${row(['chart', 6])}` },
    },
    {
      name: 'three lists in a row',
      panels: ['pages', 'referrers', 'countries'],
      orientation: 'landscape',
      expected: { columns: SIX, rows: C, areas: row(['pages', 2], ['referrers', 2], ['countries', 2]) },
    },
    {
      name: 'four panels: two by two',
      panels: ['chart', 'map', 'pages', 'referrers'],
      orientation: 'landscape',
      expected: { columns: SIX, rows: `${C} ${C}`, areas: `${row(['chart', 3], ['map', 3])} ${row(['pages', 3], ['referrers', 3])}` },
    },
    {
      name: 'five panels: the last row widened, no holes',
      panels: ['chart', 'map', 'pages', 'referrers', 'countries'],
      orientation: 'landscape',
      expected: {
        columns: SIX,
        rows: `${C} ${C}`,
        areas: `${row(['chart', 2], ['map', 2], ['pages', 2])} ${row(['referrers', 3], ['countries', 3])}`,
      },
    },
    {
      name: 'feed with two others becomes the tall right column; totals strip beside it',
      panels: ['totals', 'pages', 'events', 'countries'],
      orientation: 'landscape',
      expected: {
        columns: WITH_FEED,
        rows: `auto ${C}`,
        areas: `${row(['totals', 6], ['events', 1])} ${row(['pages', 3], ['countries', 3], ['events', 1])}`,
      },
    },
    {
      name: 'everything but the map',
      panels: ['totals', 'chart', 'pages', 'referrers', 'countries', 'events'],
      orientation: 'landscape',
      expected: {
        columns: WITH_FEED,
        rows: `auto ${C} ${C}`,
        areas: [
          row(['totals', 6], ['events', 1]),
          row(['chart', 3], ['pages', 3], ['events', 1]),
          row(['referrers', 3], ['countries', 3], ['events', 1]),
        ].join(' '),
      },
    },
    {
      name: 'feed with only totals: a strip and the feed',
      panels: ['events', 'totals'],
      orientation: 'landscape',
      expected: { columns: SIX, rows: `auto ${C}`, areas: `${row(['totals', 6])} ${row(['events', 6])}` },
    },
    {
      name: 'portrait has no tall column: six panels in two columns',
      panels: ['chart', 'map', 'pages', 'referrers', 'countries', 'events'],
      orientation: 'portrait',
      expected: {
        columns: SIX,
        rows: `${C} ${C} ${C}`,
        areas: [row(['chart', 3], ['map', 3]), row(['pages', 3], ['referrers', 3]), row(['countries', 3], ['events', 3])].join(' '),
      },
    },
    { name: 'no panels', panels: [], orientation: 'landscape', expected: { columns: C, rows: C, areas: 'none' } },
    {
      name: 'duplicates count once',
      panels: ['pages', 'pages', 'map'],
      orientation: 'landscape',
      expected: { columns: SIX, rows: C, areas: row(['pages', 3], ['map', 3]) },
    },
  ])('$name', ({ panels, orientation, expected }) => {
    expect(gridTemplate(panels, orientation)).toEqual(expected);
  });

  // Every subset of the eight panels, both orientations: each panel gets exactly one
  // rectangle, every row has the same width, and no cell is left empty.
  const subsets = Array.from({ length: 2 ** PANEL_IDS.length - 1 }, (_, mask) => PANEL_IDS.filter((_, i) => ((mask + 1) >> i) & 1));
  test.each(subsets.flatMap((panels) => (['landscape', 'portrait'] as const).map((orientation) => ({ panels, orientation }))))(
    '$panels.length panels ($orientation): $panels — well-formed areas',
    ({ panels, orientation }) => {
      const { areas, rows } = gridTemplate(panels, orientation);
      const grid = [...areas.matchAll(/"([^"]*)"/g)].map((m) => m[1]!.split(' '));
      expect(grid).toHaveLength(rows.split(/ (?![^(]*\))/).length);
      expect(new Set(grid.map((r) => r.length)).size).toBe(1);
      expect(new Set(grid.flat())).toEqual(new Set(panels));
      for (const id of panels) {
        const cells = grid.flatMap((r, y) => r.flatMap((name, x) => (name === id ? [[x, y] as const] : [])));
        const xs = cells.map(([x]) => x);
        const ys = cells.map(([, y]) => y);
        const width = Math.max(...xs) - Math.min(...xs) + 1;
        const height = Math.max(...ys) - Math.min(...ys) + 1;
        expect(cells, `${id} is one rectangle`).toHaveLength(width * height);
      }
    },
  );
});
