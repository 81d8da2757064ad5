import { DEFAULT_COMPARE, DEFAULT_THEME, PANEL_IDS, type Compare, type PanelId, type Theme, type WallOptions } from '../options';
import { formatFilterSyntax } from './filter-syntax';

// Builds the URLs Pulseboard hands out: the wall (kiosk) URL, the iframe snippet and the
// site picker's links. The URL is the whole configuration, so these are the inverse of
// parseOptions (src/options.ts); the tests round-trip them through it.

/** A query parameter; a null value is a bare flag (`?kiosk`). */
export type Param = readonly [name: string, value: string | null];

/** Parameters a view carries over from the current URL as they are (a private dashboard's token). */
export const CARRIED_PARAMS = ['interval', 'exact', 'tz', 'lang', 'token'] as const;
export type Carried = Partial<Record<(typeof CARRIED_PARAMS)[number], string>>;

/** How a view shows two or more sites: one after another, as tiles side by side, or added up. */
export const SEVERAL_MODES = ['rotate', 'overview', 'combine'] as const;
export type Several = (typeof SEVERAL_MODES)[number];

export type ShareView = {
  sites: string[];
  /** Used when `sites` has two or more. */
  several: Several;
  panels: PanelId[];
  theme: Theme;
  /** Seconds on each site; used when `sites` has two or more. */
  rotateS: number;
  /** `bg=transparent`, for the iframe only: a wall has no page behind it. */
  transparent: boolean;
  /** The day today's figures are set against. */
  compare: Compare;
  carried: Carried;
  /** Alerts, silence alarm, spike notice and filter (issue 21). */
  wall: WallOptions;
};

export type ViewMode = 'dashboard' | 'tv' | 'embed';

// Commas, slashes and colons are legal in a query and keep `panels=totals,chart`,
// `tz=Europe/Berlin` and `filter=path:/checkout` readable in a URL that people copy around.
function encode(value: string): string {
  return encodeURIComponent(value).replace(/%2C/gi, ',').replace(/%2F/gi, '/').replace(/%3A/gi, ':');
}

export function formatQuery(params: readonly Param[]): string {
  if (params.length === 0) return '';
  return `?${params.map(([name, value]) => (value === null ? encode(name) : `${encode(name)}=${encode(value)}`)).join('&')}`;
}

function isDefaultPanels(panels: readonly PanelId[]): boolean {
  return panels.length === PANEL_IDS.length && panels.every((id, i) => id === PANEL_IDS[i]);
}

export function viewParams(view: ShareView, mode: ViewMode): Param[] {
  const params: Param[] = [];
  if (view.sites.length === 1) params.push(['website', view.sites[0]!]);
  else if (view.sites.length > 1) {
    params.push(['websites', view.sites.join(',')]);
    params.push(view.several === 'rotate' ? ['rotate', String(view.rotateS)] : [view.several, null]);
  }
  if (mode === 'tv') params.push(['kiosk', null]);
  if (mode === 'embed') params.push(['embed', null]);
  if (view.panels.length > 0 && !isDefaultPanels(view.panels)) params.push(['panels', view.panels.join(',')]);
  if (view.theme !== DEFAULT_THEME) params.push(['theme', view.theme]);
  if (mode === 'embed' && view.transparent) params.push(['bg', 'transparent']);
  if (view.compare !== DEFAULT_COMPARE) params.push(['compare', view.compare]);
  params.push(...wallParams(view.wall));
  for (const name of CARRIED_PARAMS) {
    const value = view.carried[name];
    if (value !== undefined) params.push([name, value]);
  }
  return params;
}

/** The wall options as parseWallOptions (src/options.ts) reads them back. */
export function wallParams(wall: WallOptions): Param[] {
  const params: Param[] = [];
  if (wall.filters.length > 0) params.push(['filter', formatFilterSyntax(wall.filters)]);
  if (wall.alerts.length > 0) params.push(['alert', wall.alerts.join(',')]);
  if (wall.alerts.length > 0 && wall.sound) params.push(['sound', null]);
  if (wall.silenceMinutes !== null) params.push(['silence', String(wall.silenceMinutes)]);
  if (wall.spikeFactor !== null) params.push(['spike', String(wall.spikeFactor)]);
  return params;
}

/** `base` is the app's address without a query, e.g. `https://pulse.example.com/`. */
export function viewUrl(base: string, view: ShareView, mode: ViewMode): string {
  return `${base}${formatQuery(viewParams(view, mode))}`;
}

/** The carried parameters present in a query string, e.g. `location.search`. */
export function carriedFrom(search: string): Carried {
  const params = new URLSearchParams(search);
  const carried: Carried = {};
  for (const name of CARRIED_PARAMS) {
    const value = params.get(name);
    if (value !== null) carried[name] = value;
  }
  return carried;
}

const SITE_PARAMS = ['website', 'websites', 'rotate', 'overview', 'combine', 'kiosk', 'embed', 'sites'];

/** The current query minus what picks the site and the mode (theme, language, token… stay). */
function keptParams(search: string): Param[] {
  return [...new URLSearchParams(search)]
    .filter(([name]) => !SITE_PARAMS.includes(name))
    .map(([name, value]) => [name, value === '' ? null : value]);
}

/** Links for one site from the site picker, keeping the rest of the current query. */
export function siteLinks(base: string, search: string, websiteId: string): Record<ViewMode, string> {
  const kept = keptParams(search);
  const site: Param = ['website', websiteId];
  return {
    dashboard: `${base}${formatQuery([site, ...kept])}`,
    tv: `${base}${formatQuery([site, ['kiosk', null], ...kept])}`,
    embed: `${base}${formatQuery([site, ['embed', null], ...kept])}`,
  };
}

/** Back to the site picker from a dashboard, keeping the rest of the query. */
export function pickerUrl(base: string, search: string): string {
  return `${base}${formatQuery(keptParams(search))}`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The HTML a host page pastes: the iframe (marked for embed.js) and the script that sizes it
 * to its content. `height` is the first height, before the script has measured anything.
 */
export function iframeSnippet({ src, scriptSrc, title, height = 300 }: { src: string; scriptSrc: string; title: string; height?: number }): string {
  return [
    `<iframe data-pulseboard-embed src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" style="width: 100%; height: ${height}px; border: 0;" loading="lazy"></iframe>`,
    `<script src="${escapeAttribute(scriptSrc)}" async></script>`,
  ].join('\n');
}
