import { describe, expect, test } from 'vitest';
import { readRepoFile } from '../test/read-repo-file';
import { blend, contrastRatio, parseHex } from './contrast';

test.each([
  ['#000000', '#ffffff', 21],
  ['#ffffff', '#ffffff', 1],
  ['#777777', '#ffffff', 4.48],
  ['#0369a1', '#ffffff', 5.93],
])('contrast of %s on %s is %s', (a, b, expected) => {
  expect(contrastRatio(parseHex(a), parseHex(b))).toBeCloseTo(expected, 1);
});

test('blend mixes a translucent colour over an opaque one', () => {
  expect(blend([255, 0, 0], 0.2, [255, 255, 255])).toEqual([255, 204, 204]);
});

// The palettes as src/index.css declares them: `:root` is dark, `html[data-theme='light']` light.
// Read from disk: a CSS import comes back empty under Vitest.
const css = await readRepoFile('src/index.css');
function palette(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  const block = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries([...block.matchAll(/--color-([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!]));
}

describe.each([
  ['dark', ':root'],
  ['light', "html[data-theme='light']"],
])('the %s theme meets WCAG AA', (_name, selector) => {
  const colours = palette(selector);
  const hex = (name: string) => {
    const value = colours[name];
    if (!value) throw new Error(`${selector} has no --color-${name}`);
    return parseHex(value);
  };

  test.each(['fg', 'muted', 'accent', 'accent-2', 'warn', 'danger'])('--color-%s text on the page and on a panel', (name) => {
    expect(contrastRatio(hex(name), hex('bg'))).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(hex(name), hex('panel'))).toBeGreaterThanOrEqual(4.5);
  });

  // The stale badge and the error message sit on a 15–20 % tint of their own colour.
  test.each(['warn', 'danger'])('--color-%s text on its own tint', (name) => {
    expect(contrastRatio(hex(name), blend(hex(name), 0.2, hex('panel')))).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(hex(name), blend(hex(name), 0.2, hex('bg')))).toBeGreaterThanOrEqual(4.5);
  });
});
