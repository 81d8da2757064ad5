import { memo, type NamedExoticComponent } from 'react';
import { Geography, type GeographyProps } from 'react-simple-maps/core';
import { countryName } from '../../lib/countries';
import { formatNumber } from '../../lib/format';
import { isolate } from '../../lib/isolate';
import { stepFill } from './map-scale';
import { mapIdToAlpha2, type MapShape } from './world-map-data';

// Geography renders `<path d={geography.svgPath}>` and reads nothing else of the feature
// (react-simple-maps 5, dist/shared): typed for what it reads, it draws a MapShape, which keeps
// no geometry. The panel test checks that every path still gets its `d`.
const ShapePath = Geography as NamedExoticComponent<Omit<GeographyProps, 'geography' | 'ref'> & { geography: Pick<MapShape, 'svgPath'> }>;

type Props = {
  /** Stable for the map's life, so `memo` skips it. */
  shape: MapShape;
  value: number;
  step: number;
  lang: string;
};

/**
 * One country. Props are primitives plus the (stable) projected shape, so `memo` lets a poll
 * re-render only the countries whose count changed; the path itself is projected once by
 * react-simple-maps. Hover is handled by the map through `data-map-id`, not per-path handlers.
 */
export const CountryShape = memo(function CountryShape({ shape, value, step, lang }: Props) {
  const { mapId } = shape;
  const alpha2 = mapId ? mapIdToAlpha2(mapId) : null;
  const name = alpha2 ? countryName(alpha2, lang) : (shape.name ?? 'Unknown');
  const title = value > 0 ? `${isolate(name)}: ${formatNumber(value, lang)} ${value === 1 ? 'visitor' : 'visitors'}` : `${isolate(name)}: no visitors`;
  return (
    <ShapePath
      geography={shape}
      fill={stepFill(step)}
      stroke="var(--color-panel)"
      strokeWidth={0.5}
      tabIndex={-1}
      className="outline-none hover:stroke-fg"
      data-map-id={mapId ?? undefined}
      data-name={name}
      data-testid={value > 0 && alpha2 ? `map-country-${alpha2}` : undefined}
      data-value={value > 0 ? value : undefined}
    >
      <title>{title}</title>
    </ShapePath>
  );
});
