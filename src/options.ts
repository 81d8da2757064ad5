import { isTimeZone, isUuid } from './shared/validate';
import { parseFilterSyntax } from './lib/filter-syntax';
import { hasControlCharacters, type Filter } from './shared/filters';

// URL parameters → typed, validated options. A URL is the whole configuration: unknown or
// invalid values are ignored with a console warning, never a broken page.

export const PANEL_IDS = ['totals', 'today', 'chart', 'map', 'pages', 'referrers', 'countries', 'events'] as const;
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

/** `?compare=`: the day today's figures and the chart's ghost line are set against, or none. */
export const COMPARES = ['yesterday', 'week', 'off'] as const;
export type Compare = (typeof COMPARES)[number];
export const DEFAULT_COMPARE: Compare = 'yesterday';

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
  /** Alerts, silence alarm, spike notice and filters (issue 21). */
  wall: WallOptions;
  /** IANA zone for labels and for the `timezone` sent to Umami. */
  timezone: string;
  /** BCP 47 locale for numbers, dates and country names. */
  lang: string;
  compare: Compare;
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
    wall: parseWallOptions(params, warn),
    timezone: defaults.timezone,
    lang: defaults.lang,
    compare: DEFAULT_COMPARE,
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

  const compare = params.get('compare');
  if (compare !== null) {
    const normalised = compare.trim().toLowerCase();
    if ((COMPARES as readonly string[]).includes(normalised)) options.compare = normalised as Compare;
    else warn(`Ignoring compare="${compare}": use yesterday, week or off.`);
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

// ---------------------------------------------------------------------------------------------
// A wall that speaks up (issue 21): ?alert=, ?sound, ?silence=, ?spike= and ?filter=.

/** The realtime window: a longer silence cannot be seen in it. */
export const MAX_SILENCE_MINUTES = 30;
export const DEFAULT_SILENCE_MINUTES = 15;
export const DEFAULT_SPIKE_FACTOR = 3;
/** The last 5 minutes are part of the 30-minute average, so 6× (all views in them) is the most there is. */
export const MAX_SPIKE_FACTOR = 6;
export const MAX_ALERT_EVENTS = 10;
/** Umami keeps 50 characters of an event name. */
const MAX_EVENT_NAME_LENGTH = 50;

export type WallOptions = {
  /** Custom event names that raise a toast when one arrives (`?alert=purchase,signup-click`). */
  alerts: string[];
  /** `?sound`: a chime with each toast. */
  sound: boolean;
  /** `?silence=15`: minutes without a page view before the silence alarm; null is off. */
  silenceMinutes: number | null;
  /** `?spike=3`: the last 5 minutes' views per minute against the 30-minute average; null is off. */
  spikeFactor: number | null;
  /** `?filter=`: every route asks Umami for only this traffic. */
  filters: Filter[];
};

export const NO_WALL_OPTIONS: WallOptions = { alerts: [], sound: false, silenceMinutes: null, spikeFactor: null, filters: [] };

function parseAlertNames(params: URLSearchParams, warn: Warn): string[] {
  const names: string[] = [];
  for (const raw of params.getAll('alert').flatMap((value) => value.split(','))) {
    const name = raw.trim();
    if (name === '') continue;
    if (name.length > MAX_EVENT_NAME_LENGTH || hasControlCharacters(name)) warn(`Ignoring alert "${raw}": not an event name Umami could store.`);
    else if (!names.includes(name)) names.push(name);
  }
  if (names.length > MAX_ALERT_EVENTS) warn(`Only the first ${MAX_ALERT_EVENTS} alert events apply.`);
  return names.slice(0, MAX_ALERT_EVENTS);
}

/** A bare `?name` is `fallback`; otherwise a number within [min, max], clamped with a warning. */
function parseBounded(params: URLSearchParams, name: string, { fallback, min, max, round }: { fallback: number; min: number; max: number; round: boolean }, warn: Warn): number | null {
  const raw = params.get(name);
  if (raw === null) return null;
  if (raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    warn(`Ignoring ${name}="${raw}": not a positive number.`);
    return null;
  }
  const rounded = round ? Math.round(value) : value;
  if (rounded < min || rounded > max) warn(`${name}=${raw} is outside ${min}…${max}; using ${Math.min(max, Math.max(min, rounded))}.`);
  return Math.min(max, Math.max(min, rounded));
}

export function parseWallOptions(params: URLSearchParams, warn: Warn): WallOptions {
  const filter = params.getAll('filter').join(',');
  return {
    alerts: parseAlertNames(params, warn),
    sound: parseFlag(params, 'sound', warn),
    silenceMinutes: parseBounded(params, 'silence', { fallback: DEFAULT_SILENCE_MINUTES, min: 1, max: MAX_SILENCE_MINUTES, round: true }, warn),
    // Just above 1: a factor of 1 would call every ordinary minute a spike.
    spikeFactor: parseBounded(params, 'spike', { fallback: DEFAULT_SPIKE_FACTOR, min: 1.5, max: MAX_SPIKE_FACTOR, round: false }, warn),
    filters: filter === '' ? [] : parseFilterSyntax(filter, warn),
  };
}
