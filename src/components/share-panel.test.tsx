import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import { PANEL_IDS } from '../options';
import { SharePanel } from './share-panel';

const A = '23119484-709c-44bf-994c-92f109bda03b';
const B = '95b7680c-9158-4b84-b4ea-7ccc08cc94ea';
const BASE = 'https://pulse.example.com/';
const WEBSITES = [
  { id: A, name: 'Shop', domain: 'shop.example.com' },
  { id: B, name: '', domain: 'quiet.example.org' },
];

afterEach(() => vi.unstubAllGlobals());

function renderPanel(onClose = () => {}) {
  render(
    <SharePanel
      onClose={onClose}
      websites={WEBSITES}
      base={BASE}
      embedScriptSrc={`${BASE}embed.js`}
      initial={{ sites: [A], panels: [...PANEL_IDS], theme: 'dark', rotateS: 30, transparent: false, carried: { lang: 'de-DE' } }}
    />,
  );
  return {
    tv: () => (screen.getByTestId('share-tv-url') as HTMLInputElement).value,
    snippet: () => (screen.getByTestId('share-iframe-snippet') as HTMLTextAreaElement).value,
  };
}

test('starts from the current view and carries lang along', () => {
  const { tv, snippet } = renderPanel();
  expect(screen.getByTestId('share-panel')).toHaveAttribute('open');
  expect(tv()).toBe(`${BASE}?website=${A}&kiosk&lang=de-DE`);
  expect(snippet()).toContain(`src="${BASE}?website=${A}&amp;embed&amp;lang=de-DE"`);
  expect(snippet()).toContain(`<script src="${BASE}embed.js" async></script>`);
  expect(snippet()).toContain('title="Pulseboard: Shop"');
});

test('a second site turns on rotation; its seconds, theme, panels and background follow the form', () => {
  const { tv, snippet } = renderPanel();
  fireEvent.click(screen.getByRole('checkbox', { name: 'quiet.example.org' }));
  fireEvent.change(screen.getByRole('spinbutton'), { target: { value: '12' } });
  fireEvent.change(screen.getByLabelText('Theme'), { target: { value: 'auto' } });
  for (const name of ['Totals', 'Today so far', 'World map', 'Top pages', 'Top referrers', 'Top countries']) {
    fireEvent.click(screen.getByRole('checkbox', { name }));
  }
  fireEvent.click(screen.getByRole('button', { name: 'Move Live events up' }));
  fireEvent.click(screen.getByRole('checkbox', { name: 'Transparent background (iframe)' }));

  expect(tv()).toBe(`${BASE}?websites=${A},${B}&rotate=12&kiosk&panels=chart,events&theme=auto&lang=de-DE`);
  expect(snippet()).toContain(`?websites=${A},${B}&amp;rotate=12&amp;embed&amp;panels=chart,events&amp;theme=auto&amp;bg=transparent&amp;lang=de-DE"`);
  expect(snippet()).toContain('title="Pulseboard: Shop, quiet.example.org"');
});

test('a rotation below the minimum is not put in a URL', () => {
  const { tv } = renderPanel();
  fireEvent.click(screen.getByRole('checkbox', { name: 'quiet.example.org' }));
  fireEvent.change(screen.getByRole('spinbutton'), { target: { value: '2' } });
  expect(tv()).toContain('rotate=30&');
});

test('Copy writes to the clipboard', async () => {
  const writeText = vi.fn(async () => {});
  vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
  const { tv } = renderPanel();
  fireEvent.click(screen.getAllByRole('button', { name: 'Copy' })[0]!);
  expect(await screen.findByText('Copied')).toBeInTheDocument();
  expect(writeText).toHaveBeenCalledWith(tv());
});

test('when the clipboard refuses, Copy selects the text for Ctrl+C', async () => {
  vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: async () => Promise.reject(new Error('denied')) } });
  const { snippet } = renderPanel();
  fireEvent.click(screen.getAllByRole('button', { name: 'Copy' })[1]!);
  expect(await screen.findByText(/press Ctrl\+C/)).toBeInTheDocument();
  const field = screen.getByTestId('share-iframe-snippet') as HTMLTextAreaElement;
  expect(document.activeElement).toBe(field);
  expect([field.selectionStart, field.selectionEnd]).toEqual([0, snippet().length]);
});

test('Close calls onClose', () => {
  const onClose = vi.fn();
  renderPanel(onClose);
  fireEvent.click(screen.getByRole('button', { name: 'Close' }));
  expect(onClose).toHaveBeenCalledOnce();
});
