import { Fragment } from 'react';
import { countryName } from '../../lib/countries';
import { formatCompact } from '../../lib/format';
import { stepFill } from './map-scale';
import type { CountryValue, MapData } from './world-map-data';

type Props = {
  data: MapData;
  lang: string;
  /** Countries with visitors the map has no shape for; null until the map has loaded. */
  notDrawn: CountryValue[] | null;
};

/** The colour scale's steps, the unknown count and the countries too small to draw. */
export function MapLegend({ data, lang, notDrawn }: Props) {
  const n = (value: number) => formatCompact(value, lang);
  return (
    <div className="flex shrink-0 flex-wrap items-center gap-x-[1em] gap-y-[0.2em] text-[0.7em] text-muted">
      {data.legend.length > 0 && (
        <ul className="flex items-center gap-[0.6em]" aria-label="Visitors per country, colour scale" data-testid="map-legend">
          {data.legend.map(({ step, from, to }) => (
            <li key={step} className="flex items-center gap-[0.3em] tabular-nums">
              <span aria-hidden="true" className="inline-block size-[0.9em] rounded-sm" style={{ background: stepFill(step) }} />
              {from === to ? n(from) : `${n(from)}–${n(to)}`}
            </li>
          ))}
        </ul>
      )}
      {data.unknown > 0 && (
        <span data-testid="map-unknown" data-value={data.unknown} className="tabular-nums">
          Unknown: {n(data.unknown)}
        </span>
      )}
      {notDrawn && notDrawn.length > 0 && (
        <span data-testid="map-not-drawn" className="min-w-0 truncate" title="These countries are too small for this map">
          Not on map:{' '}
          {notDrawn.map((c, i) => (
            <Fragment key={c.alpha2}>
              {i > 0 && ', '}
              <bdi>{countryName(c.alpha2, lang)}</bdi> {n(c.value)}
            </Fragment>
          ))}
        </span>
      )}
    </div>
  );
}
