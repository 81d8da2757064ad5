import { describe, expect, test } from 'vitest';
import { browserLabel, deviceLabel, osLabel, titleCase } from './user-agent-labels';

describe('browserLabel', () => {
  test.each([
    ['chrome', 'Chrome'],
    ['crios', 'Chrome (iOS)'],
    ['edge-chromium', 'Edge'],
    ['firefox', 'Firefox'],
    ['fxios', 'Firefox (iOS)'],
    ['safari', 'Safari'],
    ['ios', 'Safari (iOS)'],
    ['samsung', 'Samsung Internet'],
    ['opera', 'Opera'],
    ['CHROME', 'Chrome'],
    ['vivaldi', 'Vivaldi'],
    ['new-browser_x', 'New Browser X'],
    [null, null],
    [undefined, null],
    ['', null],
    ['  ', null],
  ])('%j → %j', (code, expected) => {
    expect(browserLabel(code)).toBe(expected);
  });
});

describe('osLabel', () => {
  test.each([
    ['ios', 'iOS'],
    ['iOS', 'iOS'],
    ['Mac OS', 'macOS'],
    ['Windows 10', 'Windows 10'],
    ['Windows 7', 'Windows 7'],
    ['Android OS', 'Android'],
    ['Chrome OS', 'ChromeOS'],
    ['Linux', 'Linux'],
    ['Open BSD', 'OpenBSD'],
    ['haiku', 'Haiku'],
    [null, null],
  ])('%j → %j', (code, expected) => {
    expect(osLabel(code)).toBe(expected);
  });
});

describe('deviceLabel', () => {
  test.each([
    ['desktop', 'Desktop'],
    ['laptop', 'Laptop'],
    ['mobile', 'Mobile'],
    ['tablet', 'Tablet'],
    ['smarttv', 'Smart TV'],
    ['car', 'Car'],
    [null, null],
  ])('%j → %j', (code, expected) => {
    expect(deviceLabel(code)).toBe(expected);
  });
});

describe('titleCase', () => {
  test.each([
    ['edge-ios', 'Edge Ios'],
    ['Windows 10', 'Windows 10'],
    ['BlackBerry OS', 'BlackBerry OS'],
    ['  spaced  out ', 'Spaced Out'],
  ])('%j → %j', (code, expected) => {
    expect(titleCase(code)).toBe(expected);
  });
});

describe("names that are Object's own property names", () => {
  test.each([
    [browserLabel, '__proto__', 'Proto'],
    [osLabel, 'constructor', 'Constructor'],
    [deviceLabel, 'toString', 'ToString'],
    [browserLabel, 'hasOwnProperty', 'HasOwnProperty'],
  ])('%o(%j) → %j, as sent, never an object or a function', (label, code, expected) => {
    expect(label(code)).toBe(expected);
  });
});
