import type { Counts } from '../../api/realtime-schema';
import { useCallback, useMemo, useState, type MouseEvent } from 'react';
import { Skeleton } from '../../components/panel';
import { countryName } from '../../lib/countries';
import { formatNumber } from '../../lib/format';
import { CountryShapes } from './country-shapes';
import { MapLegend } from './map-legend';
import { describeMap, mapIdToAlpha2, notDrawn, shapeMapData, type MapShape } from './world-map-data';
import './world-map.css';

type Props = {
  countries: Counts;
  unlocatedSessions: number;
  lang: string;
};

type Hover = { mapId: string | null; name: string; x: number; y: number; width: number; height: number };

/** The world map, its legend and a hover tooltip. Loaded as its own chunk. */
export function WorldMapView({ countries, unlocatedSessions, lang }: Props) {
  const data = useMemo(() => shapeMapData(countries, unlocatedSessions), [countries, unlocatedSessions]);
  const summary = useMemo(() => describeMap(data, lang, (n) => formatNumber(n, lang)), [data, lang]);
  // Set once, when the TopoJSON has been projected; also when we learn which countries the map
  // can draw. The setter is stable, as CountryShapes needs.
  const [shapes, setShapes] = useState<readonly MapShape[] | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);

  const drawnIds = useMemo(() => (shapes ? new Set(shapes.map((s) => s.mapId).filter((id) => id !== null)) : null), [shapes]);
  const missing = useMemo(() => (drawnIds ? notDrawn(data, drawnIds) : null), [data, drawnIds]);

  // One handler for all ~176 shapes, so the shapes keep stable props and stay memoised.
  const onMouseMove = useCallback((event: MouseEvent<HTMLDivElement>) => {
    const shape = event.target instanceof Element ? event.target.closest('[data-name]') : null;
    if (!shape) {
      setHover(null);
      return;
    }
    const box = event.currentTarget.getBoundingClientRect();
    setHover({
      mapId: shape.getAttribute('data-map-id'),
      name: shape.getAttribute('data-name') ?? '',
      x: event.clientX - box.left,
      y: event.clientY - box.top,
      width: box.width,
      height: box.height,
    });
  }, []);
  const onMouseLeave = useCallback(() => setHover(null), []);

  const hovered = hover?.mapId ? data.byId.get(hover.mapId) : undefined;
  const hoverAlpha2 = hover?.mapId ? mapIdToAlpha2(hover.mapId) : null;

  return (
    <div className="absolute inset-0 flex flex-col gap-[0.4em] overflow-hidden">
      <div className="relative min-h-0 flex-1" onMouseMove={onMouseMove} onMouseLeave={onMouseLeave}>
        <CountryShapes data={data} lang={lang} summary={summary} shapes={shapes} onShapes={setShapes} />
        {drawnIds === null && <Skeleton className="absolute inset-0" />}
        {hover && (
          <div
            data-testid="map-tooltip"
            role="tooltip"
            className="pointer-events-none absolute z-10 whitespace-nowrap rounded-md border border-border bg-bg/95 px-[0.6em] py-[0.3em] text-[0.8em] shadow-lg"
            style={{
              left: hover.x,
              top: hover.y,
              // Keep it inside the panel: open towards the middle.
              transform: `translate(${hover.x > hover.width / 2 ? 'calc(-100% - 0.8em)' : '0.8em'}, ${hover.y > hover.height / 2 ? 'calc(-100% - 0.8em)' : '0.8em'})`,
            }}
          >
            <p className="font-semibold">
              <bdi>{hoverAlpha2 ? countryName(hoverAlpha2, lang) : hover.name}</bdi>
            </p>
            <p className="tabular-nums text-muted">
              {hovered ? `${formatNumber(hovered.value, lang)} ${hovered.value === 1 ? 'visitor' : 'visitors'}` : 'No visitors'}
            </p>
          </div>
        )}
      </div>
      <MapLegend data={data} lang={lang} notDrawn={missing} />
    </div>
  );
}
