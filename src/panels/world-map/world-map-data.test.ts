import { describe, expect, test } from 'vitest';
import world from 'world-atlas/countries-110m.json';
import { parseRealtime } from '../../api/realtime-schema';
import busyJson from '../../test/fixtures/umami-3.1/realtime-busy.json';
import {
  alpha2ToMapId,
  describeMap,
  featureId,
  mapIdToAlpha2,
  normalizeNumericId,
  notDrawn,
  shapeMapData,
  slimShape,
  withoutAntarctica,
} from './world-map-data';
import { counts } from '../../test/counts';
import { isolate as i } from '../../lib/isolate';

const busy = parseRealtime(busyJson);
const format = (n: number) => new Intl.NumberFormat('en').format(n);
const shapes = world.objects.countries.geometries as { id?: string; properties: { name: string } }[];

describe('alpha2ToMapId', () => {
  test.each([
    ['DE', '276'],
    ['de', '276'],
    ['US', '840'],
    ['AU', '036'], // zero-padded, as in the TopoJSON
    ['AF', '004'],
    ['XK', '983'], // Kosovo: GeoIP's code, a shape without id in world-atlas
    [null, null],
    [undefined, null],
    ['', null],
    ['XX', null],
    ['EU', null],
    ['T1', null],
    ['QQ', null], // well-formed but not assigned
    ['DEU', null],
  ])('%j → %j', (code, expected) => {
    expect(alpha2ToMapId(code)).toBe(expected);
  });
});

describe('normalizeNumericId', () => {
  test.each([
    ['036', '036'],
    ['36', '036'],
    [36, '036'],
    [4, '004'],
    ['276', '276'],
    [undefined, null],
    [null, null],
    ['', null],
    ['1000', null],
    [3.5, null],
    ['AU', null],
  ])('%j → %j', (id, expected) => {
    expect(normalizeNumericId(id)).toBe(expected);
  });
});

describe('featureId', () => {
  test.each([
    [{ id: '276', properties: { name: 'Germany' } }, '276'],
    [{ id: 36 }, '036'],
    [{ properties: { name: 'Kosovo' } }, '983'],
    [{ properties: { name: 'N. Cyprus' } }, null],
    [{ properties: { name: 'Somaliland' } }, null],
    [{}, null],
    [{ properties: null }, null],
  ])('%j → %j', (feature, expected) => {
    expect(featureId(feature)).toBe(expected);
  });

  test('every world-atlas shape with an id, and Kosovo, gets one the code table knows', () => {
    const ids = shapes.map(featureId);
    expect(ids.filter((id) => id === null)).toHaveLength(2); // N. Cyprus, Somaliland
    for (const id of ids) if (id) expect(mapIdToAlpha2(id)).toMatch(/^[A-Z]{2}$/);
    expect(mapIdToAlpha2('983')).toBe('XK');
  });

  test('Antarctica is left out, nothing else', () => {
    const kept = withoutAntarctica(shapes);
    expect(kept).toHaveLength(shapes.length - 1);
    expect(kept.some((s) => s.id === '010')).toBe(false);
  });
});

describe('slimShape', () => {
  const projected = { rsmKey: 'geo-7', svgPath: 'M1,2L3,4Z' };
  test.each([
    [{ id: '276', properties: { name: 'Germany' } }, { mapId: '276', name: 'Germany' }],
    [{ id: 36, properties: { name: 'Australia' } }, { mapId: '036', name: 'Australia' }],
    [{ properties: { name: 'Kosovo' } }, { mapId: '983', name: 'Kosovo' }],
    [{ properties: { name: 'Somaliland' } }, { mapId: null, name: 'Somaliland' }],
    [{ id: '250', properties: { name: 7 } }, { mapId: '250', name: null }],
    [{ properties: null }, { mapId: null, name: null }],
    [{}, { mapId: null, name: null }],
  ])('%j → %j', (feature, expected) => {
    expect(slimShape({ ...feature, ...projected })).toEqual({ ...projected, ...expected });
  });

  test('keeps the key, the path and nothing of the geometry', () => {
    const feature = {
      type: 'Feature',
      id: '276',
      properties: { name: 'Germany' },
      geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] },
      rsmKey: 'geo-3',
      svgPath: null,
    };
    expect(slimShape(feature)).toStrictEqual({ rsmKey: 'geo-3', mapId: '276', name: 'Germany', svgPath: null });
  });
});

describe('shapeMapData', () => {
  test('busy fixture: sessions per country, DE busiest, the unlocated session counted as unknown', () => {
    const data = shapeMapData(busy.countries!, 1);
    expect(data.max).toBe(2);
    expect(data.unknown).toBe(1);
    expect(data.ranked.map((c) => `${c.alpha2}:${c.value}:${c.step}`)).toEqual([
      'DE:2:5',
      'AU:1:3',
      'BR:1:3',
      'CA:1:3',
      'FR:1:3',
      'GB:1:3',
      'IN:1:3',
      'JP:1:3',
      'NL:1:3',
      'US:1:3',
    ]);
    expect(data.byId.get('276')).toEqual({ alpha2: 'DE', numericId: '276', value: 2, step: 5 });
    expect(data.byId.get('036')?.alpha2).toBe('AU');
    expect(data.legend).toEqual([
      { step: 3, from: 1, to: 1 },
      { step: 5, from: 2, to: 2 },
    ]);
  });

  test.each([
    ['nothing', {}, 0, { ranked: [], unknown: 0, max: 0 }],
    ['only unlocated sessions', {}, 3, { ranked: [], unknown: 3, max: 0 }],
    ['codes that are not countries add up under unknown', { XX: 2, EU: 1, T1: 1, QQ: 1, DE: 1 }, 0, { unknown: 5, max: 1 }],
    ['lower-case duplicates are one country', { de: 1, DE: 2 }, 0, { unknown: 0, max: 3 }],
    ['zero and negative counts are ignored', { DE: 0, FR: -2, US: 1 }, 0, { unknown: 0, max: 1 }],
    ['a single visitor is the top step', { JP: 1 }, 0, { max: 1 }],
  ])('%s', (_name, countries, unlocated, expected) => {
    expect(shapeMapData(counts(countries), unlocated)).toMatchObject(expected);
  });

  test('a country alone with one visitor is the top step', () => {
    expect(shapeMapData(counts({ JP: 1 })).byId.get('392')).toMatchObject({ value: 1, step: 5 });
  });

  test('countries the 110m map cannot draw are listed, not lost', () => {
    const data = shapeMapData(counts({ SG: 3, MT: 1, DE: 2 }));
    const drawn = new Set(withoutAntarctica(shapes).map(featureId).filter((id) => id !== null));
    expect(notDrawn(data, drawn).map((c) => c.alpha2)).toEqual(['SG', 'MT']);
  });
});

describe('describeMap', () => {
  test.each([
    [
      'busy',
      shapeMapData(busy.countries!, 1),
      `Visitors by country: ${i('Germany')} 2, ${i('Australia')} 1, ${i('Brazil')} 1, ${i('Canada')} 1, ${i('France')} 1, ${i('United Kingdom')} 1, ${i('India')} 1, ${i('Japan')} 1, ${i('Netherlands')} 1, ${i('United States')} 1; unknown 1.`,
    ],
    ['nothing', shapeMapData(counts({})), 'Visitors by country: none.'],
    ['only unknown', shapeMapData(counts({ XX: 2 })), 'Visitors by country: none; unknown 2.'],
  ])('%s', (_name, data, expected) => {
    expect(describeMap(data, 'en', format)).toBe(expected);
  });

  test('long lists are cut with a count of the rest', () => {
    const data = shapeMapData(counts({ DE: 3, FR: 2, US: 1, JP: 1 }));
    expect(describeMap(data, 'en', format, 2)).toBe(`Visitors by country: ${i('Germany')} 3, ${i('France')} 2, and 2 more countries.`);
    expect(describeMap(data, 'de', format, 3)).toBe(`Visitors by country: ${i('Deutschland')} 3, ${i('Frankreich')} 2, ${i('Japan')} 1, and 1 more country.`);
  });
});
