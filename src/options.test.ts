import { describe, expect, test } from 'vitest';
import { DEFAULT_EXACT_INTERVAL_S, DEFAULT_INTERVAL_S, DEFAULT_ROTATE_S, NO_WALL_OPTIONS, PANEL_IDS, parseOptions, type Options, type WallOptions } from './options';

const A = '23119484-709c-44bf-994c-92f109bda03b';
const B = '95b7680c-9158-4b84-b4ea-7ccc08cc94ea';
const C = '00000000-0000-4000-8000-000000000000';

const DEFAULTS: Options = {
  website: null,
  sites: [],
  rotateMs: null,
  kiosk: false,
  embed: false,
  picker: false,
  theme: 'dark',
  transparent: false,
  panels: [...PANEL_IDS],
  intervalMs: DEFAULT_INTERVAL_S * 1000,
  exactIntervalMs: DEFAULT_EXACT_INTERVAL_S * 1000,
  wall: NO_WALL_OPTIONS,
  timezone: 'Europe/Berlin',
  lang: 'en-US',
  compare: 'yesterday',
  overview: false,
  combine: false,
};

function parse(search: string) {
  const warnings: string[] = [];
  const options = parseOptions(search, { warn: (m) => warnings.push(m), defaults: { timezone: 'Europe/Berlin', lang: 'en-US' } });
  return { options, warnings };
}

describe('parseOptions', () => {
  test('an empty query gives the defaults and no warning', () => {
    expect(parse('')).toEqual({ options: DEFAULTS, warnings: [] });
  });

  test.each<[string, Partial<Options>]>([
    [`?website=${A}`, { website: A, sites: [A] }],
    [`?website=${A.toUpperCase()}`, { website: A, sites: [A] }],
    [`?websites=${A},${B}`, { website: A, sites: [A, B], rotateMs: DEFAULT_ROTATE_S * 1000 }],
    [`?websites=${A},${B}&rotate=12`, { website: A, sites: [A, B], rotateMs: 12_000 }],
    [`?websites=${A},${B}&rotate=7.5`, { website: A, sites: [A, B], rotateMs: 7_500 }],
    [`?website=${C}&websites=${A},${B}`, { website: C, sites: [C, A, B], rotateMs: DEFAULT_ROTATE_S * 1000 }],
    [`?websites=${A},${A},${B}`, { website: A, sites: [A, B], rotateMs: DEFAULT_ROTATE_S * 1000 }],
    [`?websites=${A},,${B},`, { website: A, sites: [A, B], rotateMs: DEFAULT_ROTATE_S * 1000 }],
    [`?websites=${A}`, { website: A, sites: [A] }],
    ['?kiosk', { kiosk: true }],
    ['?kiosk=1', { kiosk: true }],
    ['?kiosk=TRUE', { kiosk: true }],
    ['?kiosk=0', { kiosk: false }],
    ['?kiosk=false', { kiosk: false }],
    ['?embed', { embed: true }],
    ['?embed=yes&kiosk', { embed: true, kiosk: true }],
    ['?theme=light', { theme: 'light' }],
    ['?theme=AUTO', { theme: 'auto' }],
    ['?theme=dark', { theme: 'dark' }],
    ['?bg=transparent', { transparent: true }],
    ['?panels=chart,totals', { panels: ['chart', 'totals'] }],
    ['?panels=map,map,events', { panels: ['map', 'events'] }],
    ['?interval=30', { intervalMs: 30_000 }],
    ['?exact=60', { exactIntervalMs: 60_000 }],
    ['?tz=America/New_York', { timezone: 'America/New_York' }],
    ['?lang=de-DE', { lang: 'de-DE' }],
    ['?compare=week', { compare: 'week' }],
    ['?compare=OFF', { compare: 'off' }],
    ['?panels=today,chart', { panels: ['today', 'chart'] }],
  ])('%s is understood without a warning', (search, expected) => {
    expect(parse(search)).toEqual({ options: { ...DEFAULTS, ...expected }, warnings: [] });
  });

  test.each<[string, Partial<Options>, RegExp]>([
    ['?website=nope', {}, /website="nope": not a UUID/],
    [`?websites=${A},nope`, { website: A, sites: [A] }, /websites="nope": not a UUID/],
    [`?website=${A}&rotate=10`, { website: A, sites: [A] }, /rotate=: it needs two or more sites/],
    [`?websites=${A},${B}&rotate=soon`, { website: A, sites: [A, B], rotateMs: DEFAULT_ROTATE_S * 1000 }, /rotate="soon"/],
    [`?websites=${A},${B}&rotate=-3`, { website: A, sites: [A, B], rotateMs: DEFAULT_ROTATE_S * 1000 }, /rotate="-3"/],
    [`?websites=${A},${B}&rotate=1`, { website: A, sites: [A, B], rotateMs: 5_000 }, /rotate=1 is below the minimum; using 5 s/],
    ['?kiosk=maybe', {}, /kiosk="maybe"/],
    ['?embed=2', {}, /embed="2"/],
    ['?theme=neon', {}, /theme="neon": use dark, light or auto/],
    ['?bg=red', {}, /bg="red": the only value is transparent/],
    ['?panels=chart,bogus', { panels: ['chart'] }, /unknown panel "bogus"/],
    ['?panels=bogus', {}, /unknown panel "bogus"/],
    ['?interval=fast', {}, /interval="fast"/],
    ['?interval=1', { intervalMs: 5_000 }, /below the minimum; using 5 s/],
    ['?exact=often', {}, /exact="often"/],
    ['?exact=2', { exactIntervalMs: 10_000 }, /exact=2 is below the minimum; using 10 s/],
    ['?tz=Mars/Olympus', {}, /tz="Mars\/Olympus"/],
    ['?lang=not_a_locale!', {}, /lang="not_a_locale!"/],
    ['?compare=month', {}, /compare="month": use yesterday, week or off/],
  ])('%s falls back with a warning', (search, expected, warning) => {
    const { options, warnings } = parse(search);
    expect(options).toEqual({ ...DEFAULTS, ...expected });
    expect(warnings).toEqual(expect.arrayContaining([expect.stringMatching(warning)]));
  });

  test('warns on the console by default, prefixed so it can be found', () => {
    const logged: unknown[][] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void logged.push(args);
    try {
      parseOptions('?theme=neon', { defaults: { timezone: 'UTC', lang: 'en' } });
    } finally {
      console.warn = original;
    }
    expect(logged).toEqual([['[pulseboard] Ignoring theme="neon": use dark, light or auto.']]);
  });
});

describe('sites (the picker on demand)', () => {
  test.each([
    ['', false],
    ['?sites', true],
    ['?sites=1', true],
    ['?sites=0', false],
  ])('%s → picker %s', (search, picker) => {
    expect(parseOptions(search, { warn: () => {}, defaults: { timezone: 'UTC', lang: 'en-US' } }).picker).toBe(picker);
  });
});

describe('wall options: alerts, sound, silence, spike and filter', () => {
  const wall = (search: string) => parse(search);

  test.each<[string, Partial<WallOptions>]>([
    ['?alert=purchase', { alerts: ['purchase'] }],
    ['?alert=purchase,signup-click&alert=purchase', { alerts: ['purchase', 'signup-click'] }],
    ['?alert= purchase , ,Sign up ', { alerts: ['purchase', 'Sign up'] }],
    ['?sound', { sound: true }],
    ['?sound=0', { sound: false }],
    ['?silence', { silenceMinutes: 15 }],
    ['?silence=5', { silenceMinutes: 5 }],
    ['?silence=30', { silenceMinutes: 30 }],
    ['?silence=2.4', { silenceMinutes: 2 }],
    ['?spike', { spikeFactor: 3 }],
    ['?spike=2.5', { spikeFactor: 2.5 }],
    ['?filter=path:/checkout,hostname:shop.example.com', { filters: [{ name: 'path', operator: 'eq', value: '/checkout' }, { name: 'hostname', operator: 'eq', value: 'shop.example.com' }] }],
    ['?filter=country!:us&filter=referrer~:google', { filters: [{ name: 'referrer', operator: 'c', value: 'google' }, { name: 'country', operator: 'neq', value: 'US' }] }],
  ])('%s is understood without a warning', (search, expected) => {
    expect(wall(search)).toEqual({ options: { ...DEFAULTS, wall: { ...NO_WALL_OPTIONS, ...expected } }, warnings: [] });
  });

  test.each<[string, Partial<WallOptions>, RegExp]>([
    [`?alert=${'x'.repeat(51)},purchase`, { alerts: ['purchase'] }, /not an event name/],
    ['?alert=a%0Ab', {}, /not an event name/],
    [`?alert=${Array.from({ length: 12 }, (_, i) => `e${i}`).join(',')}`, { alerts: Array.from({ length: 10 }, (_, i) => `e${i}`) }, /first 10 alert events/],
    ['?sound=loud', {}, /sound="loud"/],
    ['?silence=0', {}, /silence="0": not a positive number/],
    ['?silence=soon', {}, /silence="soon"/],
    ['?silence=45', { silenceMinutes: 30 }, /silence=45 is outside 1…30; using 30/],
    ['?spike=1', { spikeFactor: 1.5 }, /spike=1 is outside 1.5…6; using 1.5/],
    ['?spike=10', { spikeFactor: 6 }, /spike=10 is outside 1.5…6; using 6/],
    ['?spike=-2', {}, /spike="-2"/],
    ['?filter=path:/a,bogus:x', { filters: [{ name: 'path', operator: 'eq', value: '/a' }] }, /filter "bogus:x"/],
    ['?filter=path=/a', {}, /filter "path=\/a"/],
    ['?filter=path:', {}, /filter "path:": the value must be/],
  ])('%s falls back with a warning', (search, expected, warning) => {
    const { options, warnings } = wall(search);
    expect(options.wall).toEqual({ ...NO_WALL_OPTIONS, ...expected });
    expect(warnings).toEqual(expect.arrayContaining([expect.stringMatching(warning)]));
  });
});

describe('overview and combine (several sites on one screen)', () => {
  test.each<[string, Partial<Options>, RegExp | null]>([
    ['?overview', { overview: true }, null],
    [`?overview&kiosk&websites=${A},${B}`, { overview: true, kiosk: true, website: A, sites: [A, B], rotateMs: null }, null],
    [`?websites=${A},${B},${C}&combine`, { combine: true, website: A, sites: [A, B, C], rotateMs: null }, null],
    [`?websites=${A},${B}&combine&rotate=20`, { combine: true, website: A, sites: [A, B], rotateMs: null }, null],
    [`?website=${A}&combine`, { website: A, sites: [A] }, /combine: it needs two or more sites/],
    [`?overview&combine&websites=${A},${B}`, { overview: true, website: A, sites: [A, B], rotateMs: null }, /the overview shows each site/],
    ['?overview=maybe', {}, /overview="maybe"/],
  ])('%s', (search, expected, warning) => {
    const { options, warnings } = parse(search);
    expect(options).toEqual({ ...DEFAULTS, ...expected });
    if (warning) expect(warnings).toEqual(expect.arrayContaining([expect.stringMatching(warning)]));
    else expect(warnings).toEqual([]);
  });
});
