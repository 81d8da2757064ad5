// Where things go in the series chart: scales, ticks and margins as pure functions, so the
// view only maps them to SVG. Nothing here measures the DOM: label widths are estimated from
// their length in em (tabular digits), which is what lets a poll redraw the chart without
// forcing a layout.

import type { SeriesPoint } from './series-data';

export type Size = { width: number; height: number };

export type Tick = { value: number; label: string; pos: number };
/** A time label, anchored so that it stays inside the chart at either end. */
export type XTick = Tick & { anchor: 'start' | 'middle' | 'end' };

export type ChartGeometry = {
  /** The plot area inside the axes, in px of the SVG. */
  plot: { left: number; top: number; right: number; bottom: number };
  xTicks: XTick[];
  yTicks: Tick[];
  /** One {x, y} per point for each line, in px. */
  views: { x: number; y: number }[];
  visitors: { x: number; y: number }[];
  /** The earlier day's views under the minutes it covers (none without one). */
  ghost: { x: number; y: number }[];
  /** Horizontal position of every point, for finding the one under the pointer. */
  xs: number[];
};

/** Width of a digit or colon in em; tabular figures in the UI fonts are 0.55–0.6 em. */
const CHAR_EM = 0.6;
/** Axis labels are this share of the chart's font size (the `0.7em` in the view). */
export const TICK_FONT_EM = 0.7;
const MARGIN_TOP_PX = 6;
const MARGIN_RIGHT_PX = 10;
/** Gap between a label and its axis, in em of the label's font. */
const LABEL_GAP_EM = 0.5;

/**
 * "Nice" steps for a count axis starting at 0: 1, 2 or 5 times a power of ten, whole numbers
 * only (a count of views has no halves), about `target` intervals, and the last tick at or
 * above `max`. An all-zero series still gets an axis of 0…1.
 */
export function niceCountTicks(max: number, target = 4): number[] {
  const top = Number.isFinite(max) && max > 0 ? max : 1;
  const rough = top / Math.max(1, target);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power);
  const ticks: number[] = [];
  for (let value = 0; value < top + step; value += step) {
    ticks.push(value);
    if (value >= top) break;
  }
  return ticks;
}

/** Minutes that get a label on the time axis: every fifth (all UTC offsets are whole quarters). */
export function isLabelledMinute(t: number): boolean {
  return new Date(t).getUTCMinutes() % 5 === 0;
}

/**
 * Every position in the chart for `points` (and the earlier day's views in `ghost`, by index)
 * drawn in `size` px with the chart's font size `fontPx`. `formatCount` writes the count labels.
 */
export function chartGeometry(
  points: readonly SeriesPoint[],
  size: Size,
  fontPx: number,
  formatCount: (n: number) => string,
  ghost: readonly (number | null)[] = [],
): ChartGeometry {
  const tickPx = fontPx * TICK_FONT_EM;
  let max = 0;
  for (const p of points) max = Math.max(max, p.views, p.visitors);
  for (const n of ghost) max = Math.max(max, n ?? 0);
  const yValues = niceCountTicks(max, size.height < 160 ? 2 : 4);
  const yLabels = yValues.map(formatCount);
  const longest = yLabels.reduce((n, label) => Math.max(n, label.length), 1);

  const plot = {
    left: Math.ceil((longest * CHAR_EM + LABEL_GAP_EM * 2) * tickPx),
    // The top count label is centred on the top line: half a line of room above it.
    top: Math.max(MARGIN_TOP_PX, Math.ceil(tickPx * 0.6)),
    right: Math.max(0, size.width - MARGIN_RIGHT_PX),
    bottom: Math.max(MARGIN_TOP_PX, size.height - Math.ceil(tickPx * (1 + LABEL_GAP_EM * 2))),
  };
  const first = points[0]?.t ?? 0;
  const last = points[points.length - 1]?.t ?? first;
  const yMax = yValues[yValues.length - 1] ?? 1;
  const x = (t: number) => (last === first ? plot.left : plot.left + ((t - first) / (last - first)) * (plot.right - plot.left));
  const y = (n: number) => plot.bottom - (n / yMax) * (plot.bottom - plot.top);

  // Time labels ("12:25", five characters) every five minutes; on a narrow chart every other
  // one is dropped rather than letting them collide.
  const labelled = points.filter((p) => isLabelledMinute(p.t));
  const labelPx = 5 * CHAR_EM * tickPx + 8;
  const spacing = labelled.length > 1 ? x(labelled[1]!.t) - x(labelled[0]!.t) : Number.POSITIVE_INFINITY;
  const every = Math.max(1, Math.ceil(labelPx / Math.max(1, spacing)));

  const xs = points.map((p) => x(p.t));
  return {
    plot,
    xTicks: labelled
      .filter((_, i) => i % every === 0)
      .map((p) => {
        const pos = x(p.t);
        const half = (p.label.length * CHAR_EM * tickPx) / 2;
        const anchor = pos + half > size.width ? 'end' : pos - half < 0 ? 'start' : 'middle';
        return { value: p.t, label: p.label, pos, anchor };
      }),
    yTicks: yValues.map((value, i) => ({ value, label: yLabels[i] ?? '', pos: y(value) })),
    views: points.map((p, i) => ({ x: xs[i] ?? 0, y: y(p.views) })),
    visitors: points.map((p, i) => ({ x: xs[i] ?? 0, y: y(p.visitors) })),
    ghost: points.flatMap((_, i) => {
      const n = ghost[i];
      return n === null || n === undefined ? [] : [{ x: xs[i] ?? 0, y: y(n) }];
    }),
    xs,
  };
}

/** Index of the point nearest to horizontal position `px`, or -1 when there are none. */
export function nearestIndex(xs: readonly number[], px: number): number {
  let best = -1;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let i = 0; i < xs.length; i++) {
    const distance = Math.abs((xs[i] ?? 0) - px);
    if (distance < bestDistance) {
      best = i;
      bestDistance = distance;
    }
  }
  return best;
}
