import type { Counts } from '../../api/realtime-schema';
// Umami's `countries` map ({ alpha-2: sessions }) → what the world map draws.
// The TopoJSON (world-atlas countries-110m) names countries by ISO 3166-1 numeric id, as
// zero-padded strings ("036" is Australia); a few shapes have no id at all (Kosovo,
// N. Cyprus, Somaliland). i18n-iso-countries is the maintained alpha-2 ↔ numeric table. Its
// browser entry (package.json "browser") holds the codes only, no locale data; names come
// from Intl.DisplayNames through countryName.
import { alpha2ToNumeric, numericToAlpha2 } from 'i18n-iso-countries';
import { countryName, normalizeCountry } from '../../lib/countries';
import { isolate } from '../../lib/isolate';
import { colorStep, legendSteps, type LegendStep } from './map-scale';

export const ANTARCTICA_ID = '010';

/** Shapes world-atlas ships without an id, keyed by their `name`, and the code GeoIP uses. */
const SHAPES_WITHOUT_ID: Readonly<Record<string, string>> = { Kosovo: 'XK' };

export type CountryValue = {
  alpha2: string;
  /** ISO 3166-1 numeric, three digits, as in the TopoJSON. */
  numericId: string;
  value: number;
  /** 1…5, see map-scale.ts. */
  step: number;
};

export type MapData = {
  byId: ReadonlyMap<string, CountryValue>;
  /** Most visitors first; ties by code, so the order is stable from poll to poll. */
  ranked: CountryValue[];
  /** Visitors whose country is not known: codes that are not countries and unlocated sessions. */
  unknown: number;
  max: number;
  legend: LegendStep[];
};

/** "36", 36 and "036" → "036"; anything else → null. */
export function normalizeNumericId(id: unknown): string | null {
  if (typeof id === 'number') return Number.isInteger(id) && id >= 0 && id <= 999 ? String(id).padStart(3, '0') : null;
  if (typeof id === 'string' && /^\d{1,3}$/.test(id.trim())) return id.trim().padStart(3, '0');
  return null;
}

// i18n-iso-countries' lookup was the map's biggest cost per poll (about 1 ms for 60 countries
// in a profile of the busy fixture): the answers are remembered, at most one per code.
const mapIds = new Map<string, string | null>();

/** Umami's alpha-2 → the TopoJSON id, or null for codes that are not countries ("XX", "EU"). */
export function alpha2ToMapId(code: string | null | undefined): string | null {
  const alpha2 = normalizeCountry(code);
  if (!alpha2) return null;
  let id = mapIds.get(alpha2);
  if (id === undefined) {
    id = normalizeNumericId(alpha2ToNumeric(alpha2));
    mapIds.set(alpha2, id);
  }
  return id;
}

/** The TopoJSON id → alpha-2, for names in the tooltip. */
export function mapIdToAlpha2(id: string): string | null {
  return numericToAlpha2(id) ?? null;
}

type FeatureLike = { id?: unknown; properties?: unknown };

/** The shape's `properties.name` ("Germany", "N. Cyprus"), or null. */
function featureName({ properties }: FeatureLike): string | null {
  const name = typeof properties === 'object' && properties !== null && 'name' in properties ? properties.name : null;
  return typeof name === 'string' ? name : null;
}

/** A shape's numeric id, also for the shapes world-atlas ships without one. */
export function featureId(feature: FeatureLike): string | null {
  const id = normalizeNumericId(feature.id);
  if (id) return id;
  const name = featureName(feature);
  const alpha2 = name === null ? undefined : SHAPES_WITHOUT_ID[name];
  return alpha2 ? alpha2ToMapId(alpha2) : null;
}

/** What the map keeps of a shape once projected: what it draws, not the geometry. */
export type MapShape = {
  /** react-simple-maps' key, "geo-<index>". */
  rsmKey: string;
  /** featureId: the ISO numeric id, or null (N. Cyprus, Somaliland). */
  mapId: string | null;
  name: string | null;
  /** The projected path, all that react-simple-maps' Geography reads. */
  svgPath: string | null;
};

/**
 * d3-geo builds a path a few characters at a time, which V8 keeps as a rope of small strings:
 * for this map some 24,000 of them, about 0.5 MB more heap than the text needs, for the page's life
 * (setting the `d` attribute copies the text, it does not flatten the rope). Reading a character
 * makes V8 flatten the rope in place into one string, and the pieces become garbage.
 */
function flattened(text: string | null): string | null {
  void text?.charCodeAt(0);
  return text;
}

/**
 * A projected feature → its MapShape. Only primitives are copied, so once the map holds these
 * the GeoJSON coordinates (about 3 MB of heap for countries-110m) can be collected.
 */
export function slimShape(feature: FeatureLike & { rsmKey: string; svgPath: string | null }): MapShape {
  return { rsmKey: feature.rsmKey, mapId: featureId(feature), name: featureName(feature), svgPath: flattened(feature.svgPath) };
}

/** The shapes to draw: all but Antarctica, which has no visitors and takes a fifth of the height. */
export function withoutAntarctica<T extends FeatureLike>(features: T[]): T[] {
  return features.filter((feature) => featureId(feature) !== ANTARCTICA_ID);
}

export function shapeMapData(countries: Counts, unlocatedSessions = 0): MapData {
  const totals = new Map<string, { alpha2: string; value: number }>();
  let unknown = Math.max(0, unlocatedSessions);
  for (const [code, value] of countries) {
    if (!Number.isFinite(value) || value <= 0) continue;
    const numericId = alpha2ToMapId(code);
    const alpha2 = normalizeCountry(code);
    if (!numericId || !alpha2) {
      unknown += value;
      continue;
    }
    // "de" and "DE" are one country.
    const entry = totals.get(numericId);
    if (entry) entry.value += value;
    else totals.set(numericId, { alpha2, value });
  }

  let max = 0;
  for (const { value } of totals.values()) max = Math.max(max, value);

  const ranked = [...totals].map(([numericId, { alpha2, value }]) => ({ alpha2, numericId, value, step: colorStep(value, max) }));
  // Alpha-2 codes are two ASCII capitals: code point order is alphabetical.
  ranked.sort((a, b) => b.value - a.value || (a.alpha2 < b.alpha2 ? -1 : a.alpha2 > b.alpha2 ? 1 : 0));
  return { byId: new Map(ranked.map((c) => [c.numericId, c])), ranked, unknown, max, legend: legendSteps(max) };
}

/** Countries with visitors that the 110m map has no shape for (Singapore, Malta, Hong Kong…). */
export function notDrawn(data: MapData, drawnIds: ReadonlySet<string>): CountryValue[] {
  return data.ranked.filter((c) => !drawnIds.has(c.numericId));
}

/** The map's text alternative: "Visitors by country: Germany 2, United States 1, …". */
export function describeMap(data: MapData, lang: string, format: (n: number) => string, limit = 12): string {
  const parts = data.ranked.slice(0, limit).map((c) => `${isolate(countryName(c.alpha2, lang))} ${format(c.value)}`);
  const more = data.ranked.length - limit;
  let text = `Visitors by country: ${parts.length > 0 ? parts.join(', ') : 'none'}`;
  if (more > 0) text += `, and ${format(more)} more ${more === 1 ? 'country' : 'countries'}`;
  if (data.unknown > 0) text += `; unknown ${format(data.unknown)}`;
  return `${text}.`;
}
