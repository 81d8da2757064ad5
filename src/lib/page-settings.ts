import type { Options, Theme } from '../options';

// The URL options that style the whole page live as attributes on <html>, so that CSS (theme
// variables, kiosk overflow, transparent background) applies before React draws anything.

type MediaQuery = Pick<MediaQueryList, 'matches' | 'addEventListener' | 'removeEventListener'>;
export type MatchMedia = (query: string) => MediaQuery;

const PREFERS_LIGHT = '(prefers-color-scheme: light)';

export function resolveTheme(theme: Theme, prefersLight: boolean): 'dark' | 'light' {
  if (theme === 'auto') return prefersLight ? 'light' : 'dark';
  return theme;
}

function setFlag(root: HTMLElement, name: string, on: boolean) {
  if (on) root.setAttribute(name, '');
  else root.removeAttribute(name);
}

/**
 * Sets `lang`, `data-theme` (always the resolved `dark` or `light`), `data-bg`, `data-kiosk`
 * and `data-embed` on `root`. With `theme=auto` it follows the OS setting as it changes.
 * Returns a function that stops following it.
 */
export function applyPageSettings(
  root: HTMLElement,
  options: Pick<Options, 'lang' | 'theme' | 'transparent' | 'kiosk' | 'embed'>,
  matchMedia: MatchMedia | undefined = typeof window !== 'undefined' ? window.matchMedia?.bind(window) : undefined,
): () => void {
  root.lang = options.lang;
  setFlag(root, 'data-kiosk', options.kiosk);
  setFlag(root, 'data-embed', options.embed);
  if (options.transparent) root.dataset.bg = 'transparent';
  else delete root.dataset.bg;

  const query = options.theme === 'auto' && matchMedia ? matchMedia(PREFERS_LIGHT) : null;
  const apply = () => {
    root.dataset.theme = resolveTheme(options.theme, query?.matches ?? false);
  };
  apply();
  if (!query) return () => {};
  query.addEventListener('change', apply);
  return () => query.removeEventListener('change', apply);
}
