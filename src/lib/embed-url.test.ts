import { describe, expect, test } from 'vitest';
import { NO_WALL_OPTIONS, PANEL_IDS, parseOptions } from '../options';
import { carriedFrom, formatQuery, iframeSnippet, pickerUrl, siteLinks, viewParams, viewUrl, type ShareView, type ViewMode } from './embed-url';

const A = '23119484-709c-44bf-994c-92f109bda03b';
const B = '95b7680c-9158-4b84-b4ea-7ccc08cc94ea';
const BASE = 'https://pulse.example.com/';

const VIEW: ShareView = { sites: [A], several: 'rotate', panels: [...PANEL_IDS], theme: 'dark', rotateS: 30, transparent: false, compare: 'yesterday', carried: {}, wall: NO_WALL_OPTIONS };

function parseStrict(url: string) {
  const warnings: string[] = [];
  const options = parseOptions(new URL(url).search, { warn: (m) => warnings.push(m), defaults: { timezone: 'UTC', lang: 'en' } });
  return { options, warnings };
}

describe('formatQuery', () => {
  test.each<[Parameters<typeof formatQuery>[0], string]>([
    [[], ''],
    [[['kiosk', null]], '?kiosk'],
    [[['panels', 'totals,chart'], ['tz', 'Europe/Berlin']], '?panels=totals,chart&tz=Europe/Berlin'],
    [[['token', 'a b&c=d']], '?token=a%20b%26c%3Dd'],
  ])('%j → %s', (params, expected) => {
    expect(formatQuery(params)).toBe(expected);
  });
});

describe('viewUrl', () => {
  test.each<[string, ShareView, ViewMode, string]>([
    ['one site, defaults', VIEW, 'dashboard', `${BASE}?website=${A}`],
    ['the wall', VIEW, 'tv', `${BASE}?website=${A}&kiosk`],
    ['rotation', { ...VIEW, sites: [A, B], rotateS: 20 }, 'tv', `${BASE}?websites=${A},${B}&rotate=20&kiosk`],
    ['the overview of several sites', { ...VIEW, sites: [A, B], several: 'overview' }, 'tv', `${BASE}?websites=${A},${B}&overview&kiosk`],
    ['several sites added up', { ...VIEW, sites: [A, B], several: 'combine' }, 'embed', `${BASE}?websites=${A},${B}&combine&embed`],
    ['one site: no rotation, overview or sum', { ...VIEW, several: 'combine' }, 'tv', `${BASE}?website=${A}&kiosk`],
    ['today against last week', { ...VIEW, compare: 'week' }, 'tv', `${BASE}?website=${A}&kiosk&compare=week`],
    ['today against nothing', { ...VIEW, compare: 'off' }, 'dashboard', `${BASE}?website=${A}&compare=off`],
    ['panels in their order', { ...VIEW, panels: ['chart', 'totals'] }, 'embed', `${BASE}?website=${A}&embed&panels=chart,totals`],
    ['theme', { ...VIEW, theme: 'light' }, 'tv', `${BASE}?website=${A}&kiosk&theme=light`],
    ['transparent only in the iframe', { ...VIEW, transparent: true }, 'tv', `${BASE}?website=${A}&kiosk`],
    ['transparent iframe', { ...VIEW, theme: 'light', transparent: true }, 'embed', `${BASE}?website=${A}&embed&theme=light&bg=transparent`],
    ['carried parameters', { ...VIEW, carried: { lang: 'de-DE', token: 'abc' } }, 'dashboard', `${BASE}?website=${A}&lang=de-DE&token=abc`],
    [
      'a wall that speaks up',
      { ...VIEW, wall: { alerts: ['purchase', 'signup-click'], sound: true, silenceMinutes: 15, spikeFactor: 2.5, filters: [{ name: 'path', operator: 'eq', value: '/checkout' }, { name: 'country', operator: 'neq', value: 'US' }] } },
      'tv',
      `${BASE}?website=${A}&kiosk&filter=path:/checkout,country!:US&alert=purchase,signup-click&sound&silence=15&spike=2.5`,
    ],
    ['a chime needs an alert to ring for', { ...VIEW, wall: { ...NO_WALL_OPTIONS, sound: true } }, 'tv', `${BASE}?website=${A}&kiosk`],
    ['a filter value is encoded where it must be', { ...VIEW, wall: { ...NO_WALL_OPTIONS, filters: [{ name: 'title', operator: 'c', value: 'Q&A #1 + more' }] } }, 'embed', `${BASE}?website=${A}&embed&filter=title~:Q%26A%20%231%20%2B%20more`],
  ])('%s', (_name, view, mode, expected) => {
    expect(viewUrl(BASE, view, mode)).toBe(expected);
  });

  test.each<ViewMode>(['dashboard', 'tv', 'embed'])('a %s URL parses back to the same view without warnings', (mode) => {
    const view: ShareView = {
      sites: [A, B],
      several: 'rotate',
      panels: ['events', 'totals', 'map'],
      theme: 'auto',
      rotateS: 45,
      transparent: true,
      compare: 'week',
      carried: { interval: '20', exact: '60', tz: 'America/New_York', lang: 'fr-FR' },
      wall: {
        alerts: ['purchase', 'Sign up'],
        sound: true,
        silenceMinutes: 10,
        spikeFactor: 4,
        filters: [
          { name: 'path', operator: 'c', value: '/blog' },
          { name: 'hostname', operator: 'eq', value: 'shop.example.com' },
          { name: 'utmSource', operator: 'dnc', value: 'spam: a&b' },
        ],
      },
    };
    const { options, warnings } = parseStrict(viewUrl(BASE, view, mode));
    expect(warnings).toEqual([]);
    expect(options).toMatchObject({
      sites: [A, B],
      rotateMs: 45_000,
      panels: ['events', 'totals', 'map'],
      theme: 'auto',
      kiosk: mode === 'tv',
      embed: mode === 'embed',
      transparent: mode === 'embed',
      intervalMs: 20_000,
      exactIntervalMs: 60_000,
      compare: 'week',
      timezone: 'America/New_York',
      lang: 'fr-FR',
      wall: view.wall,
    });
  });

  test.each<[ShareView['several'], { overview: boolean; combine: boolean; rotateMs: number | null }]>([
    ['overview', { overview: true, combine: false, rotateMs: null }],
    ['combine', { overview: false, combine: true, rotateMs: null }],
  ])('several sites as %s parse back without warnings', (several, expected) => {
    const { options, warnings } = parseStrict(viewUrl(BASE, { ...VIEW, sites: [A, B], several }, 'tv'));
    expect(warnings).toEqual([]);
    expect(options).toMatchObject({ sites: [A, B], ...expected });
  });

  test('no panels chosen leaves panels= out rather than sending an empty list', () => {
    expect(viewParams({ ...VIEW, panels: [] }, 'dashboard')).toEqual([['website', A]]);
  });
});

test('carriedFrom keeps interval, exact, tz, lang and token and nothing else', () => {
  expect(carriedFrom(`?website=${A}&kiosk&tz=UTC&token=t0k&theme=light&lang=de&exact=60`)).toEqual({ tz: 'UTC', token: 't0k', lang: 'de', exact: '60' });
});

test('siteLinks swap the site and the mode but keep the rest of the query', () => {
  expect(siteLinks(BASE, `?websites=${A},${B}&rotate=9&kiosk&theme=light&token=t0k`, B)).toEqual({
    dashboard: `${BASE}?website=${B}&theme=light&token=t0k`,
    tv: `${BASE}?website=${B}&kiosk&theme=light&token=t0k`,
    embed: `${BASE}?website=${B}&embed&theme=light&token=t0k`,
  });
});

test('a site link leaves the overview and the sum of several sites behind', () => {
  expect(siteLinks(BASE, `?websites=${A},${B}&combine&compare=week`, A).tv).toBe(`${BASE}?website=${A}&kiosk&compare=week`);
  expect(siteLinks(BASE, `?websites=${A},${B}&overview`, B).dashboard).toBe(`${BASE}?website=${B}`);
});

test('pickerUrl drops the site and the mode only', () => {
  expect(pickerUrl(BASE, `?website=${A}&embed&lang=de&theme=auto`)).toBe(`${BASE}?lang=de&theme=auto`);
  expect(pickerUrl(BASE, `?website=${A}`)).toBe(BASE);
});

test('iframeSnippet escapes the URL and the title for an HTML attribute', () => {
  const snippet = iframeSnippet({
    src: `${BASE}?website=${A}&embed`,
    scriptSrc: `${BASE}embed.js`,
    title: 'Pulseboard: "Shop" <live>',
  });
  expect(snippet).toBe(
    `<iframe data-pulseboard-embed src="${BASE}?website=${A}&amp;embed" title="Pulseboard: &quot;Shop&quot; &lt;live&gt;" style="width: 100%; height: 300px; border: 0;" loading="lazy"></iframe>\n` +
      `<script src="${BASE}embed.js" async></script>`,
  );
  const iframe = new DOMParser().parseFromString(snippet, 'text/html').querySelector('iframe');
  expect(iframe?.getAttribute('src')).toBe(`${BASE}?website=${A}&embed`);
  expect(iframe?.hasAttribute('data-pulseboard-embed')).toBe(true);
});
