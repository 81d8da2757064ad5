import { memo, useCallback, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import { formatNumber } from '../../lib/format';
import { usePanelReady } from '../../lib/ready-marks';
import { SERIES_STYLES } from './series-legend';
import type { SeriesPoint } from './series-data';

type Props = {
  points: SeriesPoint[];
  lang: string;
};

const AXIS_TICK = { fill: 'var(--color-muted)', fontSize: '0.7em' } as const;
const MARGIN = { top: 6, right: 10, bottom: 0, left: 0 } as const;
const CHART_STYLE = { width: '100%', height: '100%' } as const;
const X_DOMAIN = ['dataMin', 'dataMax'] as const;
const CURSOR = { stroke: 'var(--color-muted)', strokeWidth: 1 } as const;
const ACTIVE_DOT = { r: 4, strokeWidth: 0 } as const;

function isSeriesPoint(value: unknown): value is SeriesPoint {
  return typeof value === 'object' && value !== null && 'label' in value && 'views' in value && 'visitors' in value;
}

/**
 * The Recharts part of the series panel, loaded as its own chunk. Everything it gets is
 * memoised upstream, animation is off (a poll must not replay the entry animation), and
 * the chart sizes itself with `responsive` (one ResizeObserver, state only on a real change).
 */
export const SeriesChartView = memo(function SeriesChartView({ points, lang }: Props) {
  usePanelReady('chart', true);
  // A tick every 5 minutes. All current UTC offsets are whole quarter hours, so a UTC minute
  // divisible by 5 is one in the display zone too.
  const ticks = useMemo(() => points.filter((p) => new Date(p.t).getUTCMinutes() % 5 === 0).map((p) => p.t), [points]);
  const labels = useMemo(() => new Map(points.map((p) => [p.t, p.label])), [points]);
  const formatTick = useCallback((t: number) => labels.get(t) ?? '', [labels]);
  const formatCount = useCallback((n: number) => formatNumber(n, lang), [lang]);

  const renderTooltip = useCallback(
    ({ active, payload }: TooltipContentProps) => {
      const point: unknown = payload[0]?.payload;
      if (!active || !isSeriesPoint(point)) return null;
      return (
        <div data-testid="series-tooltip" className="rounded-md border border-border bg-bg/95 px-[0.6em] py-[0.35em] text-[0.8em] shadow-lg">
          <p className="font-semibold tabular-nums">{point.label}</p>
          <p className="tabular-nums" style={{ color: SERIES_STYLES.views.stroke }}>
            {SERIES_STYLES.views.label}: {formatNumber(point.views, lang)}
          </p>
          <p className="tabular-nums" style={{ color: SERIES_STYLES.visitors.stroke }}>
            {SERIES_STYLES.visitors.label}: {formatNumber(point.visitors, lang)}
          </p>
        </div>
      );
    },
    [lang],
  );

  return (
    <LineChart data={points} responsive style={CHART_STYLE} margin={MARGIN}>
      <CartesianGrid stroke="var(--color-border)" strokeDasharray="2 4" vertical={false} />
      <XAxis
        dataKey="t"
        type="number"
        domain={X_DOMAIN}
        ticks={ticks}
        tickFormatter={formatTick}
        tick={AXIS_TICK}
        stroke="var(--color-border)"
        minTickGap={8}
      />
      <YAxis allowDecimals={false} width="auto" tick={AXIS_TICK} tickFormatter={formatCount} stroke="var(--color-border)" />
      <Tooltip content={renderTooltip} cursor={CURSOR} isAnimationActive={false} />
      <Line
        dataKey="views"
        name={SERIES_STYLES.views.label}
        type="monotone"
        stroke={SERIES_STYLES.views.stroke}
        strokeWidth="0.16em"
        dot={false}
        activeDot={ACTIVE_DOT}
        isAnimationActive={false}
      />
      <Line
        dataKey="visitors"
        name={SERIES_STYLES.visitors.label}
        type="monotone"
        stroke={SERIES_STYLES.visitors.stroke}
        strokeWidth="0.16em"
        strokeDasharray={SERIES_STYLES.visitors.dash}
        dot={false}
        activeDot={ACTIVE_DOT}
        isAnimationActive={false}
      />
    </LineChart>
  );
});
