import { describe, expect, test } from 'vitest';
import { countryFlag, countryName, normalizeCountry } from './countries';

describe('normalizeCountry', () => {
  test.each([
    ['DE', 'DE'],
    ['de', 'DE'],
    [' us ', 'US'],
    [null, null],
    [undefined, null],
    ['', null],
    ['XX', null],
    ['EU', null],
    ['T1', null],
    ['DEU', null],
    ['1A', null],
  ])('%j → %j', (input, expected) => {
    expect(normalizeCountry(input)).toBe(expected);
  });
});

describe('countryName', () => {
  test.each([
    ['DE', 'en', 'Germany'],
    ['DE', 'de', 'Deutschland'],
    ['US', 'fr', 'États-Unis'],
    [null, 'en', 'Unknown'],
    ['XX', 'en', 'Unknown'],
  ])('%j in %s → %s', (code, lang, expected) => {
    expect(countryName(code, lang)).toBe(expected);
  });
});

describe('countryFlag', () => {
  test.each([
    ['DE', '🇩🇪'],
    ['jp', '🇯🇵'],
    [null, ''],
    ['EU', ''],
  ])('%j → %j', (code, expected) => {
    expect(countryFlag(code)).toBe(expected);
  });
});
