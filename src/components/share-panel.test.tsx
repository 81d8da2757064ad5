import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import { NO_WALL_OPTIONS, PANEL_IDS } from '../options';
import { SharePanel } from './share-panel';

const A = '23119484-709c-44bf-994c-92f109bda03b';
const B = '95b7680c-9158-4b84-b4ea-7ccc08cc94ea';
const BASE = 'https://pulse.example.com/';
const WEBSITES = [
  { id: A, name: 'Shop', domain: 'shop.example.com' },
  { id: B, name: '', domain: 'quiet.example.org' },
];

afterEach(() => vi.unstubAllGlobals());

function renderPanel(onClose = () => {}, wall = NO_WALL_OPTIONS) {
  render(
    <SharePanel
      onClose={onClose}
      websites={WEBSITES}
      base={BASE}
      embedScriptSrc={`${BASE}embed.js`}
      initial={{ sites: [A], several: 'rotate', panels: [...PANEL_IDS], theme: 'dark', rotateS: 30, transparent: false, compare: 'yesterday', carried: { lang: 'de-DE' }, wall }}
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
  fireEvent.change(screen.getByLabelText(/Show each site for/), { target: { value: '12' } });
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

test('two sites side by side or added up, and today against last week, go into both links', () => {
  const { tv, snippet } = renderPanel();
  fireEvent.click(screen.getByRole('checkbox', { name: 'quiet.example.org' }));
  fireEvent.click(screen.getByRole('radio', { name: 'Side by side (overview tiles)' }));
  expect(screen.queryByLabelText(/Show each site for/)).toBeNull();
  fireEvent.change(screen.getByLabelText('Compare with'), { target: { value: 'week' } });
  expect(tv()).toBe(`${BASE}?websites=${A},${B}&overview&kiosk&compare=week&lang=de-DE`);
  fireEvent.click(screen.getByRole('radio', { name: 'Added up on one dashboard' }));
  expect(snippet()).toContain(`?websites=${A},${B}&amp;combine&amp;embed&amp;compare=week&amp;lang=de-DE"`);
});

test('a rotation below the minimum is not put in a URL', () => {
  const { tv } = renderPanel();
  fireEvent.click(screen.getByRole('checkbox', { name: 'quiet.example.org' }));
  fireEvent.change(screen.getByLabelText(/Show each site for/), { target: { value: '2' } });
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

test('alerts, chime, silence, spike and filter go into both links', () => {
  const { tv, snippet } = renderPanel();
  fireEvent.change(screen.getByLabelText('Toast when these custom events arrive'), { target: { value: 'purchase, signup-click' } });
  fireEvent.click(screen.getByRole('checkbox', { name: 'Chime with each toast' }));
  fireEvent.change(screen.getByLabelText(/Silence alarm after/), { target: { value: '15' } });
  fireEvent.change(screen.getByLabelText(/Spike notice at/), { target: { value: '3' } });
  fireEvent.click(screen.getByRole('button', { name: 'Add a filter' }));
  fireEvent.change(screen.getByLabelText('Filter 1: value'), { target: { value: '/checkout' } });
  fireEvent.click(screen.getByRole('button', { name: 'Add a filter' }));
  fireEvent.change(screen.getByLabelText('Filter 2: field'), { target: { value: 'country' } });
  fireEvent.change(screen.getByLabelText('Filter 2: operator'), { target: { value: 'neq' } });
  fireEvent.change(screen.getByLabelText('Filter 2: value'), { target: { value: 'us' } });

  const wall = 'filter=path:/checkout,country!:US&alert=purchase,signup-click&sound&silence=15&spike=3';
  expect(tv()).toBe(`${BASE}?website=${A}&kiosk&${wall}&lang=de-DE`);
  expect(snippet()).toContain(`?website=${A}&amp;embed&amp;${wall.replaceAll('&', '&amp;')}&amp;lang=de-DE"`);

  fireEvent.click(screen.getByRole('button', { name: 'Remove filter 1' }));
  expect(tv()).toContain('filter=country!:US&');
});

test('starts from the wall options of the current view and says what a link would leave out', () => {
  const { tv } = renderPanel(() => {}, { alerts: ['purchase'], sound: false, silenceMinutes: 5, spikeFactor: null, filters: [{ name: 'hostname', operator: 'eq', value: 'shop.example.com' }] });
  expect(tv()).toBe(`${BASE}?website=${A}&kiosk&filter=hostname:shop.example.com&alert=purchase&silence=5&lang=de-DE`);
  fireEvent.change(screen.getByLabelText(/Silence alarm after/), { target: { value: '90' } });
  expect(tv()).toContain('&silence=30&');
  expect(screen.getByTestId('share-wall-warnings')).toHaveTextContent('silence=90 is outside 1…30; using 30');
});
