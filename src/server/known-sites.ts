import type { WebsiteSummary } from './websites.ts';

// The website ids the account's site list holds: an id outside it is refused without an Umami
// call, so inventing ids costs the upstream nothing. An unknown id refreshes the list at most
// once per `refreshMs` (a site added in Umami shows up within it), never once per request.

export const KNOWN_SITES_REFRESH_MS = 60_000;

/** Umami's page the proxy asks for: a full page may not be the whole list, so it refuses nothing. */
export const WEBSITES_PAGE_SIZE = 100;

export type KnownSites = {
  /** False only when a complete list was fetched and does not hold `id`; without one, every id is let through. */
  allows(id: string): Promise<boolean>;
  /** A list fetched by someone else (the /api/websites route): it counts as a refresh. */
  update(sites: readonly WebsiteSummary[]): void;
};

export function createKnownSites(
  list: () => Promise<WebsiteSummary[]>,
  { now = Date.now, refreshMs = KNOWN_SITES_REFRESH_MS }: { now?: () => number; refreshMs?: number } = {},
): KnownSites {
  let ids: ReadonlySet<string> | null = null;
  let triedAt = Number.NEGATIVE_INFINITY;
  let pending: Promise<void> | null = null;

  function update(sites: readonly WebsiteSummary[]) {
    triedAt = now();
    ids = sites.length >= WEBSITES_PAGE_SIZE ? null : new Set(sites.map((site) => site.id));
  }

  function refresh(): Promise<void> {
    triedAt = now();
    // A list that cannot be fetched keeps the last one; with none, the per-client limit is the guard.
    pending ??= list()
      .then(update, () => undefined)
      .finally(() => {
        pending = null;
      });
    return pending;
  }

  return {
    async allows(id) {
      if (ids?.has(id)) return true;
      if (pending) await pending;
      else if (now() - triedAt >= refreshMs) await refresh();
      return ids === null || ids.has(id);
    },
    update,
  };
}
