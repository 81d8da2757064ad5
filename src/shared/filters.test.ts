import { describe, expect, test } from 'vitest';
import { MAX_FILTERS, canonicalFilters, filterQuery, isFilterValue, parseFilterQuery, umamiFilterParams, type Filter } from './filters';

const f = (name: Filter['name'], operator: Filter['operator'], value: string): Filter => ({ name, operator, value });

describe('isFilterValue', () => {
  test.each([
    ['/checkout', true],
    ['shop.example.com', true],
    ['DE', true],
    ['Ünïcödé / ✓', true],
    ['50%_off', true], // Umami's LIKE wildcards: they only widen a contains, so they may stay
    ['x'.repeat(200), true],
    ['x'.repeat(201), false],
    ['', false],
    [' /checkout', false],
    ['/checkout ', false],
    ['a,b', false], // Umami would read it as the list a or b
    ['line\nbreak', false],
    ['tab\there', false],
    ['nul\u0000', false],
    ['c1\u0085', false],
    ['sep\u2028', false],
  ])('%j → %s', (value, expected) => {
    expect(isFilterValue(value)).toBe(expected);
  });
});

describe('parseFilterQuery: the proxy takes only allowed names, the four operators and valid values', () => {
  test.each<[string, Filter[] | null]>([
    ['', []],
    ['timezone=Europe/Berlin&type=path', []],
    ['path=eq.%2Fcheckout', [f('path', 'eq', '/checkout')]],
    ['country=neq.US', [f('country', 'neq', 'US')]],
    ['referrer=c.google', [f('referrer', 'c', 'google')]],
    ['title=dnc.Admin', [f('title', 'dnc', 'Admin')]],
    ['utmSource=eq.newsletter&utmCampaign=eq.spring', [f('utmSource', 'eq', 'newsletter'), f('utmCampaign', 'eq', 'spring')]],
    // A value may hold dots; only the first one ends the operator.
    ['hostname=eq.shop.example.com', [f('hostname', 'eq', 'shop.example.com')]],
    // Canonical: the same filters in any order (and repeated) are one list.
    ['path=eq.%2Fa&country=eq.DE&path=eq.%2Fa', [f('path', 'eq', '/a'), f('country', 'eq', 'DE')]],
    ['path=dnc.%2Fapi&path=dnc.%2Fadmin', [f('path', 'dnc', '/admin'), f('path', 'dnc', '/api')]],
    // Never a regex, nor any other of Umami's operators.
    ['path=re.%5E%2F(a%2B)%2B%24', null],
    ['path=nre.x', null],
    ['path=s.x', null],
    ['path=gt.1', null],
    // No prefix would mean equals to Umami; the proxy wants it said.
    ['path=%2Fcheckout', null],
    ['path=.x', null],
    ['path=eq.', null],
    ['path=eq.a,b', null],
    ['path=eq.%0Aevil', null],
    [`path=c.${'x'.repeat(201)}`, null],
    // Names outside the list are not filters: dropped like any other parameter.
    ['segment=eq.x&cohort=eq.y&match=any&eventType=2&path1=eq.x&Path=eq.x', []],
  ])('%s', (search, expected) => {
    expect(parseFilterQuery(search)).toEqual(expected);
  });

  test(`at most ${MAX_FILTERS} filters`, () => {
    const query = (n: number) => Array.from({ length: n }, (_, i) => `path=dnc.%2F${i}`).join('&');
    expect(parseFilterQuery(query(MAX_FILTERS))).toHaveLength(MAX_FILTERS);
    expect(parseFilterQuery(query(MAX_FILTERS + 1))).toBeNull();
  });
});

describe('filterQuery and parseFilterQuery agree', () => {
  test.each<[Filter[], string]>([
    [[], ''],
    [[f('path', 'eq', '/checkout')], 'path=eq.%2Fcheckout'],
    [[f('hostname', 'eq', 'shop.example.com'), f('path', 'eq', '/checkout')], 'path=eq.%2Fcheckout&hostname=eq.shop.example.com'],
    [[f('country', 'neq', 'US'), f('country', 'eq', 'DE')], 'country=eq.DE&country=neq.US'],
    [[f('title', 'c', 'a&b=c?d#e+f')], 'title=c.a%26b%3Dc%3Fd%23e%2Bf'],
    [[f('path', 'c', 'ü 1')], 'path=c.%C3%BC%201'],
  ])('%j → %s', (filters, query) => {
    expect(filterQuery(filters)).toBe(query);
    expect(parseFilterQuery(query)).toEqual(canonicalFilters(filters));
  });
});

describe('umamiFilterParams: Umami 3.1 keeps one value per key, so repeats are numbered', () => {
  test.each<[Filter[], [string, string][]]>([
    [[], []],
    [[f('path', 'eq', '/checkout')], [['path', 'eq./checkout']]],
    [
      [f('path', 'dnc', '/api'), f('country', 'eq', 'DE'), f('path', 'dnc', '/admin'), f('path', 'c', 'shop')],
      [
        ['path', 'c.shop'],
        ['path1', 'dnc./admin'],
        ['path2', 'dnc./api'],
        ['country', 'eq.DE'],
      ],
    ],
  ])('%j', (filters, params) => {
    expect(umamiFilterParams(filters)).toEqual(params);
  });
});
