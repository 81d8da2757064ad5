/** Line styles shared by the chart and its legend: colour is never the only cue. */
export const SERIES_STYLES = {
  views: { label: 'Views', stroke: 'var(--color-accent)', dash: undefined },
  visitors: { label: 'Visitors', stroke: 'var(--color-accent-2)', dash: '0.4em 0.25em' },
} as const;

/** The earlier day's views: faint, thin and behind, context rather than a third series. */
export const GHOST_STYLE = { stroke: 'var(--color-muted)', opacity: 0.55, width: '0.12em' } as const;

/** The series in drawing order (visitors on top), for the chart's lines, dots and tooltip. */
export const SERIES_KEYS = ['views', 'visitors'] as const satisfies readonly (keyof typeof SERIES_STYLES)[];

/** HTML legend for the panel heading: it scales with the type and needs no chart to measure. */
export function SeriesLegend({ ghostLabel }: { ghostLabel: string | null }) {
  return (
    <ul className="flex shrink-0 items-center gap-[0.9em] text-[0.75em] text-muted" data-testid="series-legend">
      {Object.entries(SERIES_STYLES).map(([key, { label, stroke, dash }]) => (
        <li key={key} className="flex items-center gap-[0.35em]">
          <svg aria-hidden="true" className="h-[0.6em] w-[1.8em] overflow-visible">
            <line x1="0" y1="50%" x2="100%" y2="50%" stroke={stroke} strokeWidth="0.2em" strokeDasharray={dash} />
          </svg>
          {label}
        </li>
      ))}
      {ghostLabel && (
        <li className="flex items-center gap-[0.35em]">
          <svg aria-hidden="true" className="h-[0.6em] w-[1.8em] overflow-visible">
            <line x1="0" y1="50%" x2="100%" y2="50%" stroke={GHOST_STYLE.stroke} strokeOpacity={GHOST_STYLE.opacity} strokeWidth={GHOST_STYLE.width} />
          </svg>
          {ghostLabel}
        </li>
      )}
    </ul>
  );
}
