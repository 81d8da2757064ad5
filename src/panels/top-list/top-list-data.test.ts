import { describe, expect, test } from 'vitest';
import { countryName } from '../../lib/countries';
import { countryKey, DIRECT_REFERRER, referrerKey, topEntries, type TopEntriesOptions, type TopRow } from './top-list-data';
import { counts } from '../../test/counts';

const rows = (...list: [key: string, value: number, share: number, label?: string][]): TopRow[] =>
  list.map(([key, value, share, label]) => ({ key, label: label ?? key, value, share }));

describe('topEntries', () => {
  test.each<{ name: string; map: Record<string, number>; options?: TopEntriesOptions; expected: TopRow[] }>([
    { name: 'empty map', map: {}, expected: [] },
    {
      name: 'sorted by count, descending',
      map: { '/a': 1, '/b': 3, '/c': 2 },
      expected: rows(['/b', 3, 0.5], ['/c', 2, 1 / 3], ['/a', 1, 1 / 6]),
    },
    {
      name: 'ties broken by label, ascending',
      map: { '/zeta': 2, '/alpha': 2, '/mid': 5 },
      expected: rows(['/mid', 5, 5 / 9], ['/alpha', 2, 2 / 9], ['/zeta', 2, 2 / 9]),
    },
    {
      name: 'ties broken by the label, not the key',
      map: { a: 1, b: 1 },
      options: { labelFor: (key) => (key === 'a' ? 'Zulu' : 'Alpha') },
      expected: rows(['b', 1, 0.5, 'Alpha'], ['a', 1, 0.5, 'Zulu']),
    },
    {
      name: 'limit keeps the top rows; share stays of the whole list',
      map: { a: 5, b: 3, c: 2 },
      options: { limit: 2 },
      expected: rows(['a', 5, 0.5], ['b', 3, 0.3]),
    },
    { name: 'limit 0', map: { a: 1 }, options: { limit: 0 }, expected: [] },
    { name: 'negative limit', map: { a: 1 }, options: { limit: -3 }, expected: [] },
    { name: 'limit above the row count', map: { a: 1 }, options: { limit: 10 }, expected: rows(['a', 1, 1]) },
    { name: 'zero total gives share 0, not NaN', map: { a: 0, b: 0 }, expected: rows(['a', 0, 0], ['b', 0, 0]) },
    {
      name: 'negative and non-finite counts count as none',
      map: { a: -2, b: Number.NaN, c: Number.POSITIVE_INFINITY, d: 3 },
      expected: rows(['d', 3, 1], ['a', 0, 0], ['b', 0, 0], ['c', 0, 0]),
    },
    {
      name: 'folded keys with a limit: the sum decides the place',
      map: { 'google.com': 4, '': 2, null: 3, 'bing.com': 1 },
      options: { keyFor: referrerKey, limit: 1 },
      expected: rows([DIRECT_REFERRER, 5, 0.5]),
    },
    {
      name: '"" and "null" referrers become one (direct) row',
      map: { '': 2, null: 3, 'google.com': 4 },
      options: { keyFor: referrerKey },
      expected: rows([DIRECT_REFERRER, 5, 5 / 9], ['google.com', 4, 4 / 9]),
    },
    {
      name: 'codes that are not countries aggregate into one Unknown row',
      map: { DE: 3, de: 1, XX: 2, '': 1, EU: 1, US: 1 },
      options: { keyFor: countryKey, labelFor: (key) => countryName(key, 'en') },
      expected: rows(['DE', 4, 4 / 9, 'Germany'], ['unknown', 4, 4 / 9, 'Unknown'], ['US', 1, 1 / 9, 'United States']),
    },
  ])('$name', ({ map, options, expected }) => {
    const result = topEntries(counts(map), options);
    expect(result.map(({ share: _share, ...rest }) => rest)).toEqual(expected.map(({ share: _share, ...rest }) => rest));
    result.forEach((row, i) => expect(row.share).toBeCloseTo(expected[i]?.share ?? Number.NaN, 10));
  });

  test('a limit gives the same rows as sorting everything and cutting the list', () => {
    // Many ties and a few distinct counts, as on a busy site: the case the partial selection is for.
    const map = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`/p/${(i * 37) % 200}`, 1 + ((i * 7) % 5)]));
    const all = topEntries(counts(map));
    expect(all).toHaveLength(200);
    for (const limit of [1, 2, 7, 15, 199, 200, 250]) expect(topEntries(counts(map), { limit })).toEqual(all.slice(0, limit));
  });

  test('once the list is full, a lower count is passed over without a label', () => {
    const labelled: string[] = [];
    const labelFor = (key: string) => {
      labelled.push(key);
      return key;
    };
    expect(topEntries(counts({ a: 5, b: 4, c: 1, d: 1, e: 4 }), { limit: 2, labelFor }).map((row) => row.key)).toEqual(['a', 'b']);
    // e ties with the last row, so it is compared (and loses on its label); c and d are not.
    expect(labelled).toEqual(['a', 'b', 'e']);
  });

  test('the busy fixture: pages in the order a person expects', async () => {
    const body = (await import('../../test/fixtures/umami-3.1/realtime-busy.json')).default;
    const result = topEntries(counts(body.urls), { limit: 4 });
    expect(result.map((r) => [r.key, r.value])).toEqual([
      ['/products', 19],
      ['/', 16],
      ['/pricing', 12],
      ['/products/widget-pro', 12],
    ]);
  });
});

describe('referrerKey', () => {
  test.each([
    ['', DIRECT_REFERRER],
    ['  ', DIRECT_REFERRER],
    ['null', DIRECT_REFERRER],
    ['t.co', 't.co'],
  ])('%j → %j', (raw, expected) => {
    expect(referrerKey(raw)).toBe(expected);
  });
});

describe('countryKey', () => {
  test.each([
    ['DE', 'DE'],
    ['jp', 'JP'],
    ['XX', 'unknown'],
    ['', 'unknown'],
    ['null', 'unknown'],
  ])('%j → %j', (raw, expected) => {
    expect(countryKey(raw)).toBe(expected);
  });
});
