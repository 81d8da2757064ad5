import { describe, expect, test } from 'vitest';
import { blend, contrastRatio, parseHex } from '../../lib/contrast';
import { readRepoFile } from '../../test/read-repo-file';
import { cssRule, THEME_SELECTORS, themeColour } from '../../test/theme-palette';

// The feed's symbols carry their glyph's colour in their images (event-feed.css), one image per
// theme: these tests keep those colours the theme's own (src/index.css), and the glyph legible
// on its disc (WCAG 1.4.11, non-text contrast ≥ 3:1).
const feedCss = await readRepoFile('src/panels/event-feed/event-feed.css');

/** Every colour an icon rule's image paints with. */
function glyphColours(selector: string): string[] {
  const url = /background-image:\s*url\("([^"]+)"\)/.exec(cssRule(feedCss, selector))?.[1];
  if (!url) throw new Error(`${selector} has no image`);
  return [...new Set([...decodeURIComponent(url).matchAll(/(?:fill|stroke)='(#[0-9a-f]{6})'/gi)].map((m) => m[1]!.toLowerCase()))];
}

// Each theme with the prefix of its icon rules: none for the dark theme (`:root`), the theme's
// selector for the light one.
const THEMES = THEME_SELECTORS.map(([name, selector]) => [name, selector, selector === ':root' ? '' : `${selector} `] as const);

describe.each(THEMES)('%s theme', (_name, themeSelector, prefix) => {
  test.each([
    ['pageview', 'accent'],
    ['event', 'accent-2'],
    ['session', 'fg'],
  ])('the %s symbol is drawn in --color-%s, legible on its disc', (icon, colour) => {
    const expected = themeColour(themeSelector, colour).toLowerCase();
    expect(glyphColours(`${prefix}.pb-event-icon[data-icon='${icon}']`)).toEqual([expected]);
    // The disc: --color-border at 70 % on the panel (event-feed.css).
    const disc = blend(parseHex(themeColour(themeSelector, 'border')), 0.7, parseHex(themeColour(themeSelector, 'panel')));
    expect(contrastRatio(parseHex(expected), disc)).toBeGreaterThanOrEqual(3);
  });
});
