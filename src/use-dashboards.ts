import { useMemo } from 'react';
import type { CombinedSite } from './api/combine-sites';
import { exactQueriesOptions } from './api/exact';
import { planPolling, pollSlots } from './api/poll-plan';
import type { WebsitesResult } from './api/websites';
import type { Website } from './api/websites-schema';
import type { Dashboard } from './dashboard-context';
import type { Options } from './options';
import { filterQuery } from './shared/filters';

/** Exact routes a tile reads: online now, stats and the page list. */
const TILE_EXACT_ROUTES = 3;
/** Exact routes a site's dashboard reads. */
const DASHBOARD_EXACT_ROUTES = exactQueriesOptions('', 1).length;

const NO_WEBSITES: Website[] = [];

export type WallSite = { id: string; name: string; domain: string };

const nameOf = (id: string, listed: readonly Website[]) => {
  const site = listed.find((w) => w.id === id);
  return site?.name || site?.domain || id;
};

type Input = {
  options: Options;
  /** `/api/websites` as the app's query holds it. */
  websites: { data: WebsitesResult | undefined; isError: boolean };
  /** The site on screen (rotation, the only one, the demo's first), or null. */
  websiteId: string | null;
};

/**
 * What each screen polls and how often: one site's dashboard, several summed (`?combine`), or the
 * overview's tiles, with intervals stretched to the proxy's upstream budget (issue 20, poll-plan.ts).
 * Several sites wait for the budget (it comes with the site list): polling first would be the burst the plan avoids.
 */
export function useDashboards({ options, websites, websiteId }: Input) {
  const listed = websites.data?.websites ?? NO_WEBSITES;
  const filter = useMemo(() => filterQuery(options.wall.filters), [options.wall.filters]);
  const wallSites = useMemo<WallSite[]>(
    () =>
      options.overview
        ? options.sites.length > 0
          ? options.sites.map((id) => ({ id, name: nameOf(id, listed), domain: listed.find((w) => w.id === id)?.domain ?? '' }))
          : listed.map(({ id, name, domain }) => ({ id, name, domain }))
        : [],
    [options.overview, options.sites, listed],
  );
  const combined = useMemo<CombinedSite[] | null>(() => (options.combine ? options.sites.map((id) => ({ id, name: nameOf(id, listed) })) : null), [options.combine, options.sites, listed]);
  const polledIds = useMemo(() => (options.overview ? wallSites.map((s) => s.id) : options.sites.length > 1 ? options.sites : []), [options.overview, options.sites, wallSites]);
  const budget = websites.data?.budget ?? null;
  const planned = polledIds.length < 2 || websites.data !== undefined || websites.isError;
  const plan = useMemo(
    () =>
      planPolling({
        sites: polledIds.length,
        exactRoutes: options.overview ? TILE_EXACT_ROUTES : DASHBOARD_EXACT_ROUTES,
        intervalMs: options.intervalMs,
        exactIntervalMs: options.exactIntervalMs,
        budget,
      }),
    [polledIds.length, options.overview, options.intervalMs, options.exactIntervalMs, budget],
  );
  const slots = useMemo(
    () => pollSlots(plan.stretched, polledIds, options.intervalMs, options.exactIntervalMs),
    [plan.stretched, polledIds, options.intervalMs, options.exactIntervalMs],
  );
  // What every screen of this wall shares: its clock, language, filter and polling plan.
  const wall = useMemo(
    () => ({ timezone: options.timezone, lang: options.lang, intervalMs: plan.intervalMs, exactIntervalMs: plan.exactIntervalMs, filter, slots }),
    [options.timezone, options.lang, plan.intervalMs, plan.exactIntervalMs, filter, slots],
  );
  // The overview's tiles share one context: its first site stands for the wall's settings.
  const overviewSite = wallSites[0]?.id;
  const overview = useMemo<Dashboard | null>(
    () => (overviewSite && planned ? { ...wall, websiteId: overviewSite, compare: 'off' } : null),
    [overviewSite, planned, wall],
  );
  const dashboard = useMemo<Dashboard | null>(
    () =>
      websiteId && !options.overview && planned
        ? // Several sites summed have no one "today" to compare: the strip and the faint line are left out.
          { ...wall, websiteId, compare: combined ? 'off' : options.compare, combined }
        : null,
    [websiteId, options.overview, planned, wall, options.compare, combined],
  );
  return { wallSites, combined, plan, filter, overview, dashboard };
}
