import { isTimeZone, isUuid } from './shared/validate';

// URL parameters → typed, validated options. A URL is the whole configuration: unknown or
// invalid values are ignored with a console warning, never a broken page.

export const PANEL_IDS = ['totals', 'chart', 'map', 'pages', 'referrers', 'countries', 'events'] as const;
export type PanelId = (typeof PANEL_IDS)[number];

export const MIN_INTERVAL_S = 5;
export const DEFAULT_INTERVAL_S = 10;
/** Umami's exact figures cost five calls a site: polled less often than the realtime answer. */
export const MIN_EXACT_INTERVAL_S = 10;
export const DEFAULT_EXACT_INTERVAL_S = 30;
/** Rotation faster than this is unreadable on a wall and hammers the proxy for nothing. */
export const MIN_ROTATE_S = 5;
export const DEFAULT_ROTATE_S = 30;

export const THEMES = ['dark', 'light', 'auto'] as const;
export type Theme = (typeof THEMES)[number];
export const DEFAULT_THEME: Theme = 'dark';

export type Options = {
  /** The site shown first (the only one unless rotating); `sites[0]`. */
  website: string | null;
  /** `website=` then `websites=`, de-duplicated, in order. */
  sites: string[];
  /** Time on each site when rotating; null unless `sites` has two or more. */
  rotateMs: number | null;
  /** Wall display: no controls or chrome, one screen, hidden idle cursor, a clock. */
  kiosk: boolean;
  /** Compact layout for small iframes; reports its height to the host page. */
  embed: boolean;
  /** `?sites`: list the websites even where the app would open one directly (the demo). */
  picker: boolean;
  theme: Theme;
  /** `bg=transparent`: let the host page's colour show through an iframe. */
  transparent: boolean;
  panels: PanelId[];
  intervalMs: number;
  /** Between updates of Umami's exact 30-minute figures (visitors, events, countries, top lists). */
  exactIntervalMs: number;
  /** IANA zone for labels and for the `timezone` sent to Umami. */
  timezone: string;
  /** BCP 47 locale for numbers, dates and country names. */
  lang: string;
  // Several sites on one screen (issue 20).
  /** `?overview`: one tile per site (those of `websites=`, else every site listed). */
  overview: boolean;
  /** `?combine` with two or more sites: one dashboard of their sums; no rotation. */
  combine: boolean;
};

export function browserTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function browserLocale(): string {
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en-US';
}

export function isLocale(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

type Warn = (message: string) => void;

const TRUE_FLAGS = ['', '1', 'true', 'yes', 'on'];
const FALSE_FLAGS = ['0', 'false', 'no', 'off'];

/** `?kiosk`, `?kiosk=1`, `?kiosk=true` turn a flag on; `=0`/`=false` off without a warning. */
function parseFlag(params: URLSearchParams, name: string, warn: Warn): boolean {
  const value = params.get(name);
  if (value === null) return false;
  const normalised = value.trim().toLowerCase();
  if (TRUE_FLAGS.includes(normalised)) return true;
  if (!FALSE_FLAGS.includes(normalised)) warn(`Ignoring ${name}="${value}": use ${name} or ${name}=1.`);
  return false;
}

function parseSites(params: URLSearchParams, warn: Warn): string[] {
  const sites: string[] = [];
  const add = (raw: string, param: string) => {
    const id = raw.trim().toLowerCase();
    if (!isUuid(id)) warn(`Ignoring ${param}="${raw}": not a UUID.`);
    else if (!sites.includes(id)) sites.push(id);
  };
  const website = params.get('website');
  if (website !== null) add(website, 'website');
  const websites = params.get('websites');
  if (websites !== null) {
    for (const raw of websites.split(',')) if (raw.trim() !== '') add(raw, 'websites');
  }
  return sites;
}

function parseRotate(params: URLSearchParams, siteCount: number, warn: Warn): number | null {
  const rotate = params.get('rotate');
  if (siteCount < 2) {
    if (rotate !== null) warn('Ignoring rotate=: it needs two or more sites in websites=.');
    return null;
  }
  if (rotate === null) return DEFAULT_ROTATE_S * 1000;
  const seconds = Number(rotate);
  if (rotate.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) {
    warn(`Ignoring rotate="${rotate}": not a positive number of seconds; using ${DEFAULT_ROTATE_S} s.`);
    return DEFAULT_ROTATE_S * 1000;
  }
  if (seconds < MIN_ROTATE_S) warn(`rotate=${rotate} is below the minimum; using ${MIN_ROTATE_S} s.`);
  return Math.round(Math.max(MIN_ROTATE_S, seconds) * 1000);
}

/** `?name=<seconds>` in ms, raised to `minS`; null when absent or not a positive number. */
function parseSeconds(params: URLSearchParams, name: string, minS: number, warn: Warn): number | null {
  const value = params.get(name);
  if (value === null) return null;
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) {
    warn(`Ignoring ${name}="${value}": not a positive number of seconds.`);
    return null;
  }
  if (seconds < minS) warn(`${name}=${value} is below the minimum; using ${minS} s.`);
  return Math.round(Math.max(minS, seconds) * 1000);
}

export function parseOptions(
  search: string,
  { warn = (m: string) => console.warn(`[pulseboard] ${m}`), defaults = { timezone: browserTimezone(), lang: browserLocale() } }: { warn?: Warn; defaults?: { timezone: string; lang: string } } = {},
): Options {
  const params = new URLSearchParams(search);
  const sites = parseSites(params, warn);
  const options: Options = {
    website: sites[0] ?? null,
    sites,
    rotateMs: parseRotate(params, sites.length, warn),
    kiosk: parseFlag(params, 'kiosk', warn),
    embed: parseFlag(params, 'embed', warn),
    picker: parseFlag(params, 'sites', warn),
    theme: DEFAULT_THEME,
    transparent: false,
    panels: [...PANEL_IDS],
    intervalMs: parseSeconds(params, 'interval', MIN_INTERVAL_S, warn) ?? DEFAULT_INTERVAL_S * 1000,
    exactIntervalMs: parseSeconds(params, 'exact', MIN_EXACT_INTERVAL_S, warn) ?? DEFAULT_EXACT_INTERVAL_S * 1000,
    timezone: defaults.timezone,
    lang: defaults.lang,
    overview: false,
    combine: false,
  };

  const theme = params.get('theme');
  if (theme !== null) {
    const normalised = theme.trim().toLowerCase();
    if ((THEMES as readonly string[]).includes(normalised)) options.theme = normalised as Theme;
    else warn(`Ignoring theme="${theme}": use dark, light or auto.`);
  }

  const bg = params.get('bg');
  if (bg !== null) {
    if (bg.trim().toLowerCase() === 'transparent') options.transparent = true;
    else warn(`Ignoring bg="${bg}": the only value is transparent.`);
  }

  const panels = params.get('panels');
  if (panels !== null) {
    const picked: PanelId[] = [];
    for (const name of panels.split(',').map((p) => p.trim().toLowerCase()).filter(Boolean)) {
      if ((PANEL_IDS as readonly string[]).includes(name)) {
        if (!picked.includes(name as PanelId)) picked.push(name as PanelId);
      } else warn(`Ignoring unknown panel "${name}".`);
    }
    if (picked.length > 0) options.panels = picked;
    else warn('No known panel in panels=; showing all.');
  }

  const tz = params.get('tz');
  if (tz !== null) {
    if (isTimeZone(tz)) options.timezone = tz;
    else warn(`Ignoring tz="${tz}": not an IANA time zone.`);
  }

  const lang = params.get('lang');
  if (lang !== null) {
    if (isLocale(lang)) options.lang = lang;
    else warn(`Ignoring lang="${lang}": not a BCP 47 language tag.`);
  }

  // Several sites on one screen (issue 20): the overview lists them, combine sums them instead of rotating.
  options.overview = parseFlag(params, 'overview', warn);
  if (options.overview) options.rotateMs = null;
  const combine = parseFlag(params, 'combine', warn);
  if (combine && options.overview) warn('Ignoring combine: the overview shows each site on its own.');
  else if (combine && sites.length < 2) warn('Ignoring combine: it needs two or more sites in websites=.');
  else if (combine) {
    options.combine = true;
    options.rotateMs = null;
  }

  return options;
}
