import { memo, useCallback, useMemo, useState, type PointerEvent } from 'react';
import { Curve, Surface } from 'recharts';
import { formatCompact, formatNumber } from '../../lib/format';
import { chartGeometry, nearestIndex, TICK_FONT_EM, type Size } from './chart-geometry';
import { GHOST_STYLE, SERIES_KEYS, SERIES_STYLES } from './series-legend';
import type { SeriesPoint } from './series-data';

type Props = {
  points: SeriesPoint[];
  lang: string;
  /** The same minutes on an earlier day, by index, and what to call that day; null without one. */
  ghost: { label: string; views: readonly (number | null)[] } | null;
};

type Box = Size & { fontPx: number };

const LINE_WIDTH = '0.16em';

/**
 * The chart's own size and font size, kept current by one ResizeObserver (which also fires when
 * the type scales with the window). Read only on a resize, never on a poll.
 */
function useBox(): [(element: HTMLDivElement | null) => (() => void) | undefined, Box | null] {
  const [box, setBox] = useState<Box | null>(null);
  const ref = useCallback((element: HTMLDivElement | null) => {
    if (!element) return undefined;
    const measure = () => {
      const next = {
        width: element.clientWidth,
        height: element.clientHeight,
        fontPx: Number.parseFloat(getComputedStyle(element).fontSize) || 16,
      };
      setBox((prev) => (prev && prev.width === next.width && prev.height === next.height && prev.fontPx === next.fontPx ? prev : next));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, box];
}

/**
 * The series chart, loaded as its own chunk: Recharts' `Surface` and `Curve` (monotone lines
 * through d3-shape) on axes laid out by `chartGeometry`. Recharts' `LineChart` container was
 * used before; on every poll it ran its Redux store, measured its tick labels and called
 * `getTotalLength()` on both lines, which forced a layout of the page (about 12 ms a poll on
 * a busy site, and 110 kB gzip of the first view). These primitives draw the same curves, and
 * a poll costs two path strings.
 */
export const SeriesChartView = memo(function SeriesChartView({ points, lang, ghost }: Props) {
  const [ref, box] = useBox();
  const [active, setActive] = useState<number | null>(null);
  // Axis labels have little room: 12.3K, not 12,345 (the tooltip gives the exact count).
  const formatCount = useCallback((n: number) => formatCompact(n, lang), [lang]);
  const geometry = useMemo(
    () => (box && box.width > 0 && box.height > 0 ? chartGeometry(points, box, box.fontPx, formatCount, ghost?.views) : null),
    [points, box, formatCount, ghost],
  );

  const onPointerMove = useCallback(
    (event: PointerEvent<HTMLDivElement>) => {
      if (!geometry) return;
      const x = event.clientX - event.currentTarget.getBoundingClientRect().left;
      const index = nearestIndex(geometry.xs, x);
      setActive(index >= 0 ? index : null);
    },
    [geometry],
  );
  const onPointerLeave = useCallback(() => setActive(null), []);

  const point = active === null ? undefined : points[active];
  // The last minute is still being counted: drawn apart, so its low count does not read as a drop.
  const unfinished = points.length - 1;
  const ghostAtActive = active === null ? undefined : ghost?.views[active];
  const activeX = active === null ? undefined : geometry?.xs[active];
  return (
    <div ref={ref} className="absolute inset-0" onPointerMove={onPointerMove} onPointerLeave={onPointerLeave}>
      {geometry && box && (
        <Surface width={box.width} height={box.height} aria-hidden="true" className="block overflow-visible">
          <g data-testid="series-grid" className="pb-series-grid">
            {geometry.yTicks.map((tick) => (
              <line
                key={tick.value}
                x1={geometry.plot.left}
                x2={geometry.plot.right}
                y1={tick.pos}
                y2={tick.pos}
                stroke="var(--color-border)"
                strokeDasharray={tick.value === 0 ? undefined : '2 4'}
              />
            ))}
          </g>
          <g fill="var(--color-muted)" fontSize={`${TICK_FONT_EM}em`} className="tabular-nums">
            {geometry.yTicks.map((tick) => (
              <text key={tick.value} data-testid="series-y-tick" x={geometry.plot.left} dx="-0.5em" y={tick.pos} dy="0.35em" textAnchor="end">
                {tick.label}
              </text>
            ))}
            {geometry.xTicks.map((tick) => (
              <text key={tick.value} data-testid="series-x-tick" x={tick.pos} y={geometry.plot.bottom} dy="1.35em" textAnchor={tick.anchor}>
                {tick.label}
              </text>
            ))}
          </g>
          {activeX !== undefined && (
            <line x1={activeX} x2={activeX} y1={geometry.plot.top} y2={geometry.plot.bottom} stroke="var(--color-muted)" strokeWidth={1} />
          )}
          {geometry.ghost.length > 1 && (
            <Curve
              data-testid="series-ghost"
              type="monotone"
              layout="horizontal"
              points={geometry.ghost}
              fill="none"
              stroke={GHOST_STYLE.stroke}
              strokeOpacity={GHOST_STYLE.opacity}
              strokeWidth={GHOST_STYLE.width}
            />
          )}
          {SERIES_KEYS.map((key) => (
            <g key={key}>
              <Curve
                data-testid="series-line"
                data-series={key}
                type="monotone"
                layout="horizontal"
                points={geometry[key].slice(0, unfinished)}
                fill="none"
                stroke={SERIES_STYLES[key].stroke}
                strokeWidth={LINE_WIDTH}
                strokeDasharray={SERIES_STYLES[key].dash}
              />
              <Curve
                data-testid="series-unfinished"
                data-series={key}
                type="linear"
                layout="horizontal"
                points={geometry[key].slice(unfinished - 1)}
                fill="none"
                stroke={SERIES_STYLES[key].stroke}
                strokeOpacity={0.45}
                strokeWidth={LINE_WIDTH}
                strokeDasharray="0.15em 0.3em"
              />
            </g>
          ))}
          {active !== null &&
            activeX !== undefined &&
            SERIES_KEYS.map((key) => <circle key={key} cx={activeX} cy={geometry[key][active]?.y} r={4} fill={SERIES_STYLES[key].stroke} />)}
        </Surface>
      )}
      {point && activeX !== undefined && box && (
        <div
          data-testid="series-tooltip"
          role="status"
          className="pointer-events-none absolute top-[0.3em] rounded-md border border-border bg-bg/95 px-[0.6em] py-[0.35em] text-[0.8em] shadow-lg"
          // Beside the cursor, on the side with room.
          style={activeX > box.width / 2 ? { right: box.width - activeX + 12 } : { left: activeX + 12 }}
        >
          <p className="font-semibold tabular-nums">
            {point.label}
            {active === unfinished && <span className="font-normal text-muted"> · so far</span>}
          </p>
          {SERIES_KEYS.map((key) => (
            <p key={key} className="tabular-nums" style={{ color: SERIES_STYLES[key].stroke }}>
              {SERIES_STYLES[key].label}: {formatNumber(point[key], lang)}
            </p>
          ))}
          {ghost && ghostAtActive !== undefined && ghostAtActive !== null && (
            <p className="tabular-nums text-muted">
              {ghost.label.toLowerCase()} {point.label}: {formatNumber(ghostAtActive, lang)}
            </p>
          )}
        </div>
      )}
    </div>
  );
});
