import { memo } from 'react';
import { Geography, type GeographiesProps } from 'react-simple-maps/core';
import { countryName } from '../../lib/countries';
import { formatNumber } from '../../lib/format';
import { stepFill } from './map-scale';
import { mapIdToAlpha2 } from './world-map-data';

/** A projected feature as react-simple-maps hands it out (the type shares the component's name). */
type GeographyFeature = Parameters<GeographiesProps['children']>[0]['geographies'][number];

type Props = {
  geography: GeographyFeature;
  /** ISO numeric id, or null for shapes without one (N. Cyprus, Somaliland). */
  mapId: string | null;
  value: number;
  step: number;
  lang: string;
};

/**
 * One country. Props are primitives plus the (stable) projected feature, so `memo` lets a poll
 * re-render only the countries whose count changed; the path itself is projected once by
 * react-simple-maps. Hover is handled by the map through `data-map-id`, not per-path handlers.
 */
export const CountryShape = memo(function CountryShape({ geography, mapId, value, step, lang }: Props) {
  const alpha2 = mapId ? mapIdToAlpha2(mapId) : null;
  const fallbackName = typeof geography.properties?.name === 'string' ? geography.properties.name : 'Unknown';
  const name = alpha2 ? countryName(alpha2, lang) : fallbackName;
  const title = value > 0 ? `${name}: ${formatNumber(value, lang)} ${value === 1 ? 'visitor' : 'visitors'}` : `${name}: no visitors`;
  return (
    <Geography
      geography={geography}
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
    </Geography>
  );
});
