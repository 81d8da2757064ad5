import { describe, expect, test } from 'vitest';
import { blend, contrastRatio, parseHex } from '../../lib/contrast';
import { THEME_SELECTORS, themeColour } from '../../test/theme-palette';

// Text on the surfaces these panels paint themselves, in both palettes of src/index.css:
// the share bar behind a top-list row (accent at 20 %, top-list.css), the mark of a new feed
// row (accent at 12 %, event-feed.css; checked at 18 %, with room to spare) and a pressed filter
// button (--color-bg text on --color-accent, feed-filter-control.tsx).
describe.each(THEME_SELECTORS)('%s theme', (_name, selector) => {
  const hex = (name: string) => parseHex(themeColour(selector, name));

  test.each([
    ['share bar', 0.2],
    ['new-row glow', 0.18],
  ])('fg, muted and accent-2 text on the %s meet WCAG AA', (_surface, alpha) => {
    const surface = blend(hex('accent'), alpha, hex('panel'));
    for (const text of ['fg', 'muted', 'accent-2']) {
      expect(contrastRatio(hex(text), surface), text).toBeGreaterThanOrEqual(4.5);
    }
  });

  test('a pressed filter button: page background colour on accent', () => {
    expect(contrastRatio(hex('bg'), hex('accent'))).toBeGreaterThanOrEqual(4.5);
  });
});
