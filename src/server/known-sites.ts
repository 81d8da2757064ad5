import type { WebsiteSummary } from './websites.ts';

// The website ids the account's site list holds: an id outside it costs an Umami call only within
// a small allowance, so inventing ids costs the upstream next to nothing. Umami's list leaves out
// sites read through a team or as an admin (umami-software/umami#4555), so an unlisted id is asked
// about once, within the allowance, and remembered by Umami's answer. An unknown id refreshes the
// list at most once per `refreshMs` (a site added in Umami shows up within it), never per request.

export const KNOWN_SITES_REFRESH_MS = 60_000;

/** Umami's page the proxy asks for: a full page may not be the whole list, so it refuses nothing. */
export const WEBSITES_PAGE_SIZE = 100;

/** Unlisted ids one client, and all clients together, may have Umami asked about per refresh period. */
export const UNLISTED_PROBES_PER_CLIENT = 2;
export const UNLISTED_PROBES = 20;
/** How long an id Umami called unknown is refused without asking again. */
export const REJECTED_FOR_MS = 10 * 60_000;
/** Unlisted ids remembered either way; bounded so made-up ids cannot grow the memory. */
const REMEMBERED = 1000;

export type KnownSites = {
  /** False for an id a complete list leaves out, unless Umami answered for it or the allowance lets it be asked. */
  allows(id: string, client: string): Promise<boolean>;
  /** Umami answered for the site: an unlisted id (a team's site) is served from now on. */
  confirm(id: string): void;
  /** Umami says the site is unknown: refused for REJECTED_FOR_MS without asking. */
  reject(id: string): void;
  /** A list fetched by someone else (the /api/websites route): it counts as a refresh. */
  update(sites: readonly WebsiteSummary[]): void;
};

function remember<V>(map: Map<string, V>, id: string, value: V) {
  if (map.size >= REMEMBERED) map.delete(map.keys().next().value!);
  map.set(id, value);
}

export function createKnownSites(
  list: () => Promise<WebsiteSummary[]>,
  { now = Date.now, refreshMs = KNOWN_SITES_REFRESH_MS }: { now?: () => number; refreshMs?: number } = {},
): KnownSites {
  let ids: ReadonlySet<string> | null = null;
  let triedAt = Number.NEGATIVE_INFINITY;
  let pending: Promise<void> | null = null;
  const confirmed = new Map<string, true>();
  const rejected = new Map<string, number>();
  let probes = { since: Number.NEGATIVE_INFINITY, total: 0, byClient: new Map<string, number>() };

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

  function takeProbe(client: string): boolean {
    const t = now();
    if (t - probes.since >= refreshMs) probes = { since: t, total: 0, byClient: new Map() };
    const used = probes.byClient.get(client) ?? 0;
    if (probes.total >= UNLISTED_PROBES || used >= UNLISTED_PROBES_PER_CLIENT) return false;
    probes.total += 1;
    probes.byClient.set(client, used + 1);
    return true;
  }

  return {
    async allows(id, client) {
      if (ids?.has(id) || confirmed.has(id)) return true;
      if (pending) await pending;
      else if (now() - triedAt >= refreshMs) await refresh();
      if (ids === null || ids.has(id)) return true;
      const rejectedAt = rejected.get(id);
      if (rejectedAt !== undefined && now() - rejectedAt < REJECTED_FOR_MS) return false;
      return takeProbe(client);
    },
    confirm(id) {
      if (ids?.has(id) || confirmed.has(id)) return;
      rejected.delete(id);
      remember(confirmed, id, true);
    },
    reject(id) {
      confirmed.delete(id);
      remember(rejected, id, now());
    },
    update,
  };
}
