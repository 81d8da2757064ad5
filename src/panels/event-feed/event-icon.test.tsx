import { render } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { blend, contrastRatio, parseHex } from '../../lib/contrast';
import { THEME_SELECTORS, themeColour } from '../../test/theme-palette';
import { EventIcon, ICON_COLOUR } from './event-icon';

const TYPES = ['pageview', 'event', 'session'] as const;

test.each(TYPES)('the %s symbol is decorative and painted only in the text colour', (type) => {
  const { container } = render(<EventIcon type={type} />);
  const icon = container.firstElementChild!;
  expect(icon).toHaveAttribute('aria-hidden', 'true');
  const svg = icon.querySelector('svg')!;
  const paints = [svg, ...svg.querySelectorAll('*')].flatMap((node) => ['fill', 'stroke'].map((name) => node.getAttribute(name)));
  // currentColor follows the theme and forced colours (Windows high contrast); "none" paints nothing.
  expect(paints.filter((paint) => paint !== null && paint !== 'none' && paint !== 'currentColor')).toEqual([]);
  expect(paints).toContain('currentColor');
});

// WCAG 1.4.11, non-text contrast: each symbol against its disc (--color-border at 70 % on the panel).
describe.each(THEME_SELECTORS)('%s theme', (_name, selector) => {
  const hex = (name: string) => parseHex(themeColour(selector, name));

  test.each(TYPES)('the %s symbol is legible on its disc', (type) => {
    const disc = blend(hex('border'), 0.7, hex('panel'));
    expect(contrastRatio(hex(ICON_COLOUR[type]), disc)).toBeGreaterThanOrEqual(3);
  });
});
