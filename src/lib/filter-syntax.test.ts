import { describe, expect, test } from 'vitest';
import type { Filter } from '../shared/filters';
import { describeFilter, formatFilterSyntax, parseFilterSyntax } from './filter-syntax';

const f = (name: Filter['name'], operator: Filter['operator'], value: string): Filter => ({ name, operator, value });

function parse(text: string) {
  const warnings: string[] = [];
  return { filters: parseFilterSyntax(text, (m) => warnings.push(m)), warnings };
}

describe('parseFilterSyntax', () => {
  test.each<[string, Filter[]]>([
    ['path:/checkout', [f('path', 'eq', '/checkout')]],
    ['path!:/checkout', [f('path', 'neq', '/checkout')]],
    ['path~:/blog', [f('path', 'c', '/blog')]],
    ['path!~:/blog', [f('path', 'dnc', '/blog')]],
    ['path:/checkout,hostname:shop.example.com', [f('path', 'eq', '/checkout'), f('hostname', 'eq', 'shop.example.com')]],
    // A value may hold colons, tildes and bangs; only the first colon ends the operator.
    ['title~:Sale: 50%!', [f('title', 'c', 'Sale: 50%!')]],
    ['query:utm=a:b', [f('query', 'eq', 'utm=a:b')]],
    // Names in any case, spaces around parts and values dropped.
    [' UTMSOURCE : newsletter , Event:purchase ', [f('event', 'eq', 'purchase'), f('utmSource', 'eq', 'newsletter')]],
    ['country:de', [f('country', 'eq', 'DE')]],
    ['country~:d', [f('country', 'c', 'd')]],
    ['path:/a,path:/a', [f('path', 'eq', '/a')]],
    ['', []],
    [',,', []],
  ])('%j', (text, filters) => {
    expect(parse(text)).toEqual({ filters, warnings: [] });
  });

  test.each([
    ['bogus:x', /Ignoring filter "bogus:x"/],
    ['path', /Ignoring filter "path"/],
    ['path=/x', /Ignoring filter "path=\/x"/],
    ['path~~:/x', /Ignoring filter "path~~:\/x"/],
    ['path: ', /Ignoring filter "path:": the value/],
    [`path:${'x'.repeat(201)}`, /the value must be 1 to 200 characters/],
    ['path:a\u0007b', /control characters/],
  ])('%j is left out with a warning', (text, warning) => {
    const { filters, warnings } = parse(text);
    expect(filters).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(warning)]);
  });

  test('at most 8 filters', () => {
    const { filters, warnings } = parse(Array.from({ length: 10 }, (_, i) => `path!:/${i}`).join(','));
    expect(filters).toHaveLength(8);
    expect(warnings).toEqual(['Only the first 8 filters apply.']);
  });
});

describe('formatFilterSyntax reads back to the same filters', () => {
  test.each<[Filter[], string]>([
    [[], ''],
    [[f('path', 'eq', '/checkout'), f('hostname', 'eq', 'shop.example.com')], 'path:/checkout,hostname:shop.example.com'],
    [[f('country', 'neq', 'US'), f('referrer', 'c', 'google'), f('title', 'dnc', 'Admin: x')], 'country!:US,referrer~:google,title!~:Admin: x'],
  ])('%j → %s', (filters, text) => {
    expect(formatFilterSyntax(filters)).toBe(text);
    expect(parse(text).filters).toEqual(parse(formatFilterSyntax(filters)).filters);
    expect(parse(text).filters).toEqual(expect.arrayContaining(filters));
  });
});

describe('describeFilter: the words on the wall', () => {
  test.each<[Filter, string]>([
    [f('path', 'eq', '/checkout'), 'Page is /checkout'],
    [f('country', 'neq', 'US'), 'Country is not US'],
    [f('referrer', 'c', 'google'), 'Referrer contains google'],
    [f('utmCampaign', 'dnc', 'test'), 'UTM campaign does not contain test'],
  ])('%j → %s', (filter, text) => {
    expect(describeFilter(filter)).toBe(text);
  });
});
