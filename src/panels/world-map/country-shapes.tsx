import { memo, useRef, type ReactElement } from 'react';
import { ComposableMap, Geographies, type GeographiesProps } from 'react-simple-maps/core';
import worldUrl from 'world-atlas/countries-110m.json?url';
import { CountryShape } from './country-shape';
import { featureId, type MapData } from './world-map-data';

// Equal Earth fitted offline to the world without Antarctica (lat −56…84): 800×360 with a
// small margin; the test checks every projected point stays inside this box.
export const MAP_WIDTH = 800;
export const MAP_HEIGHT = 360;
const PROJECTION_CONFIG = { scale: 148, center: [0, 6.9] as [number, number] };
const SVG_STYLE = { width: '100%', height: '100%' } as const;

/** A projected feature as react-simple-maps hands it out. */
type GeographyFeature = Parameters<GeographiesProps['children']>[0]['geographies'][number];

type Props = {
  data: MapData;
  lang: string;
  summary: string;
  /** Must be stable: react-simple-maps refetches the TopoJSON when it changes. */
  parseGeographies: NonNullable<GeographiesProps['parseGeographies']>;
};

/**
 * The SVG map. Memoised on its props so hovering (state in the parent) never re-renders it.
 * The TopoJSON is a static asset fetched by URL (same origin, cacheable, not inlined in JS).
 */
export const CountryShapes = memo(function CountryShapes({ data, lang, summary, parseGeographies }: Props) {
  // The element of each country, kept while its props stay the same: a poll then hands React
  // the very same element for the ~170 countries whose count did not change, which it skips
  // without comparing props (about 1 ms less per poll on a busy site than 177 memo checks).
  const elements = useRef(new Map<string, { geography: GeographyFeature; value: number; step: number; lang: string; element: ReactElement }>()).current;
  const shape = (geography: GeographyFeature) => {
    const mapId = featureId(geography);
    const country = mapId ? data.byId.get(mapId) : undefined;
    const value = country?.value ?? 0;
    const step = country?.step ?? 0;
    const kept = elements.get(geography.rsmKey);
    if (kept && kept.geography === geography && kept.value === value && kept.step === step && kept.lang === lang) return kept.element;
    const element = <CountryShape key={geography.rsmKey} geography={geography} mapId={mapId} value={value} step={step} lang={lang} />;
    elements.set(geography.rsmKey, { geography, value, step, lang, element });
    return element;
  };
  return (
    <ComposableMap
      width={MAP_WIDTH}
      height={MAP_HEIGHT}
      projection="geoEqualEarth"
      projectionConfig={PROJECTION_CONFIG}
      preserveAspectRatio="xMidYMid meet"
      style={SVG_STYLE}
      className="absolute inset-0"
      role="img"
      aria-label={summary}
    >
      <Geographies geography={worldUrl} parseGeographies={parseGeographies}>
        {({ geographies }) => geographies.map(shape)}
      </Geographies>
    </ComposableMap>
  );
});
