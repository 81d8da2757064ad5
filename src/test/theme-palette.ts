import { readRepoFile } from './read-repo-file';

/** The themes as src/index.css declares them: `:root` is dark, `html[data-theme='light']` light. */
export const THEME_SELECTORS = [
  ['dark', ':root'],
  ['light', "html[data-theme='light']"],
] as const;

/** The declarations of the rule for `selector` in `css` (its first one): the text inside its braces. */
function cssRule(css: string, selector: string): string {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no rule for ${selector}`);
  return css.slice(start, css.indexOf('}', start));
}

// Read from disk: a CSS import comes back empty under Vitest.
const themes = await readRepoFile('src/index.css');

/** A theme's `--color-<name>` as src/index.css writes it (#rrggbb); throws if the theme has none. */
export function themeColour(selector: string, name: string): string {
  const value = new RegExp(`--color-${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(cssRule(themes, selector))?.[1];
  if (!value) throw new Error(`${selector} has no --color-${name}`);
  return value;
}
