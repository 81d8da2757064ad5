import { expect, test } from 'vitest';
import { applyPageSettings, resolveTheme, type MatchMedia } from './page-settings';

const BASE = { lang: 'de-DE', theme: 'dark', transparent: false, kiosk: false, embed: false } as const;

function fakeMedia(initiallyLight: boolean) {
  const listeners = new Set<() => void>();
  const query = {
    matches: initiallyLight,
    addEventListener: (_: string, l: () => void) => void listeners.add(l),
    removeEventListener: (_: string, l: () => void) => void listeners.delete(l),
  };
  const matchMedia = (() => query) as unknown as MatchMedia;
  const flip = (light: boolean) => {
    query.matches = light;
    for (const l of listeners) l();
  };
  return { matchMedia, flip, listeners };
}

test.each([
  ['dark', false, 'dark'],
  ['dark', true, 'dark'],
  ['light', false, 'light'],
  ['auto', false, 'dark'],
  ['auto', true, 'light'],
] as const)('theme=%s with an OS that prefers light=%s resolves to %s', (theme, prefersLight, expected) => {
  expect(resolveTheme(theme, prefersLight)).toBe(expected);
});

test('sets lang and the mode attributes on the root element', () => {
  const root = document.createElement('html');
  applyPageSettings(root, { ...BASE, theme: 'light', transparent: true, kiosk: true, embed: true });
  expect(root.lang).toBe('de-DE');
  expect(root.dataset.theme).toBe('light');
  expect(root.dataset.bg).toBe('transparent');
  expect(root.hasAttribute('data-kiosk')).toBe(true);
  expect(root.hasAttribute('data-embed')).toBe(true);

  applyPageSettings(root, BASE);
  expect(root.dataset.theme).toBe('dark');
  expect(root.hasAttribute('data-bg')).toBe(false);
  expect(root.hasAttribute('data-kiosk')).toBe(false);
  expect(root.hasAttribute('data-embed')).toBe(false);
});

test('theme=auto follows the OS until cleaned up', () => {
  const root = document.createElement('html');
  const media = fakeMedia(true);
  const stop = applyPageSettings(root, { ...BASE, theme: 'auto' }, media.matchMedia);
  expect(root.dataset.theme).toBe('light');
  media.flip(false);
  expect(root.dataset.theme).toBe('dark');
  stop();
  expect(media.listeners.size).toBe(0);
  media.flip(true);
  expect(root.dataset.theme).toBe('dark');
});

test('a fixed theme does not listen to the OS', () => {
  const root = document.createElement('html');
  const media = fakeMedia(true);
  applyPageSettings(root, BASE, media.matchMedia);
  expect(root.dataset.theme).toBe('dark');
  expect(media.listeners.size).toBe(0);
});
