import { memo, useLayoutEffect, type ReactElement } from 'react';
import { ComposableMap, useGeographies } from 'react-simple-maps/core';
import worldUrl from 'world-atlas/countries-110m.json?url';
import { CountryShape } from './country-shape';
import { slimShape, withoutAntarctica, type MapData, type MapShape } from './world-map-data';

// Equal Earth fitted offline to the world without Antarctica (lat −56…84): 800×360 with a
// small margin; the test checks every projected point stays inside this box.
export const MAP_WIDTH = 800;
export const MAP_HEIGHT = 360;
const PROJECTION_CONFIG = { scale: 148, center: [0, 6.9] as [number, number] };
const SVG_STYLE = { width: '100%', height: '100%' } as const;

// The element of each country, kept while its props stay the same: a poll then hands React
// the very same element for the ~170 countries whose count did not change, which it skips
// without comparing props (about 1 ms less per poll on a busy site than 177 memo checks).
// Keyed on the shape, which is stable for the map's life: the entries go with the shapes.
const elements = new WeakMap<MapShape, { value: number; step: number; lang: string; element: ReactElement }>();

type LoaderProps = { onShapes: (shapes: readonly MapShape[]) => void };

/**
 * Fetches the TopoJSON and projects it with react-simple-maps, once, then hands up only what
 * the map draws. It is unmounted right after, and with it useGeographies' state: the GeoJSON
 * features with their coordinates and the outline and border meshes (about 3 MB of live heap
 * that would otherwise slow every major GC for the page's life).
 */
function ShapesLoader({ onShapes }: LoaderProps) {
  // withoutAntarctica is module-level, so stable: useGeographies refetches when it changes.
  const { geographies } = useGeographies({ geography: worldUrl, parseGeographies: withoutAntarctica });
  // A layout effect, so the shapes are drawn before the browser paints: this commit has
  // nothing to show, and the map appears in the frame it did when Geographies drew it.
  useLayoutEffect(() => {
    if (geographies.length > 0) onShapes(geographies.map(slimShape));
  }, [geographies, onShapes]);
  return null;
}

type Props = {
  data: MapData;
  lang: string;
  summary: string;
  /** The projected shapes, null until the TopoJSON has been loaded; then stable. */
  shapes: readonly MapShape[] | null;
  /** Must be stable; called once, with the shapes to keep. */
  onShapes: (shapes: readonly MapShape[]) => void;
};

/**
 * The SVG map. Memoised on its props so hovering (state in the parent) never re-renders it.
 * The TopoJSON is a static asset fetched by URL (same origin, cacheable, not inlined in JS).
 */
export const CountryShapes = memo(function CountryShapes({ data, lang, summary, shapes, onShapes }: Props) {
  const country = (shape: MapShape) => {
    const entry = shape.mapId ? data.byId.get(shape.mapId) : undefined;
    const value = entry?.value ?? 0;
    const step = entry?.step ?? 0;
    const kept = elements.get(shape);
    if (kept && kept.value === value && kept.step === step && kept.lang === lang) return kept.element;
    const element = <CountryShape key={shape.rsmKey} shape={shape} value={value} step={step} lang={lang} />;
    elements.set(shape, { value, step, lang, element });
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
      {/* The `g` Geographies drew, so the SVG's structure and class names stay the same. */}
      <g className="rsm-geographies">{shapes ? shapes.map(country) : <ShapesLoader onShapes={onShapes} />}</g>
    </ComposableMap>
  );
});
