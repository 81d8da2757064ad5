// URL parameters → typed, validated options. A URL is the whole configuration: unknown or
// invalid values are ignored with a console warning, never a broken page.

export const PANEL_IDS = ['totals', 'chart', 'map', 'pages', 'referrers', 'countries', 'events'] as const;
export type PanelId = (typeof PANEL_IDS)[number];

export const MIN_INTERVAL_S = 5;
export const DEFAULT_INTERVAL_S = 10;

export type Options = {
  website: string | null;
  panels: PanelId[];
  intervalMs: number;
  /** IANA zone for labels and for the `timezone` sent to Umami. */
  timezone: string;
  /** BCP 47 locale for numbers, dates and country names. */
  lang: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function browserTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function browserLocale(): string {
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en-US';
}

export function isTimezone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export function isLocale(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

type Warn = (message: string) => void;

export function parseOptions(
  search: string,
  { warn = (m: string) => console.warn(`[pulseboard] ${m}`), defaults = { timezone: browserTimezone(), lang: browserLocale() } }: { warn?: Warn; defaults?: { timezone: string; lang: string } } = {},
): Options {
  const params = new URLSearchParams(search);
  const options: Options = {
    website: null,
    panels: [...PANEL_IDS],
    intervalMs: DEFAULT_INTERVAL_S * 1000,
    timezone: defaults.timezone,
    lang: defaults.lang,
  };

  const website = params.get('website');
  if (website !== null) {
    if (isUuid(website.trim())) options.website = website.trim().toLowerCase();
    else warn(`Ignoring website="${website}": not a UUID.`);
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

  const interval = params.get('interval');
  if (interval !== null) {
    const seconds = Number(interval);
    if (!Number.isFinite(seconds) || seconds <= 0) warn(`Ignoring interval="${interval}": not a positive number of seconds.`);
    else {
      if (seconds < MIN_INTERVAL_S) warn(`interval=${interval} is below the minimum; using ${MIN_INTERVAL_S} s.`);
      options.intervalMs = Math.round(Math.max(MIN_INTERVAL_S, seconds) * 1000);
    }
  }

  const tz = params.get('tz');
  if (tz !== null) {
    if (isTimezone(tz)) options.timezone = tz;
    else warn(`Ignoring tz="${tz}": not an IANA time zone.`);
  }

  const lang = params.get('lang');
  if (lang !== null) {
    if (isLocale(lang)) options.lang = lang;
    else warn(`Ignoring lang="${lang}": not a BCP 47 language tag.`);
  }

  return options;
}
