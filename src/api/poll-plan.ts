import { POLL_SPREAD } from './poll-schedule';

// How often a screen showing several sites may poll without spending more than the proxy's
// upstream budget (UPSTREAM_BUDGET, reported with the site list). The proxy refuses an exact
// route once half its window is used, so a plan keeps every call of a round inside that half.

export type UpstreamBudget = { limit: number; windowMs: number };

export type PollPlan = {
  intervalMs: number;
  exactIntervalMs: number;
  /** The intervals were lengthened to fit the budget. */
  stretched: boolean;
  /** Upstream calls this plan can cost in any one budget window, at most. */
  callsPerWindow: number;
  /** What fits: calls in a window the proxy serves without refusing one. */
  capacity: number;
};

/** Stretched intervals move in these steps, so the wall says "every 35 s", not "every 33.3 s". */
export const STRETCH_STEP_MS = 5_000;
/** Past this the wall would be too stale to be worth showing; the plan says so by not fitting. */
export const MAX_STRETCHED_INTERVAL_MS = 15 * 60_000;
/** One call of the window kept for the site list, which the page reloads every few minutes. */
const RESERVED_CALLS = 1;

/**
 * Most calls in any window of `windowMs` from `sites` sites each polled every `intervalMs` at
 * evenly spread moments (`slotOffsetMs`), `perPoll` calls at each moment. One more per kind
 * for timers that fire a little late.
 */
export function callsInWindow(sites: number, perPoll: number, intervalMs: number, windowMs: number): number {
  if (sites === 0 || perPoll === 0) return 0;
  return perPoll * (Math.ceil((windowMs * sites) / intervalMs) + 1);
}

/** Calls the proxy serves in one window without refusing any: an exact route needs under half used. */
export function budgetCapacity({ limit }: UpstreamBudget): number {
  return Math.max(0, Math.ceil(limit / 2) - RESERVED_CALLS);
}

/**
 * The shortest intervals, no shorter than asked, at which `sites` sites fit the budget: one
 * realtime call per site per `intervalMs`, `exactRoutes` calls per site per `exactIntervalMs`.
 * Both stretch by the same factor, so the exact figures stay as much slower as asked.
 */
export function planPolling({
  sites,
  exactRoutes,
  intervalMs,
  exactIntervalMs,
  budget,
}: {
  sites: number;
  exactRoutes: number;
  intervalMs: number;
  exactIntervalMs: number;
  budget: UpstreamBudget | null;
}): PollPlan {
  const cost = (realtime: number, exact: number) =>
    callsInWindow(sites, 1, realtime, budget?.windowMs ?? 0) + callsInWindow(sites, exactRoutes, exact, budget?.windowMs ?? 0);
  const capacity = budget ? budgetCapacity(budget) : Infinity;
  // One site polls as asked: one screen of one site always did, and the proxy keeps realtime alive.
  if (!budget || sites < 2 || cost(intervalMs, exactIntervalMs) <= capacity) {
    return { intervalMs, exactIntervalMs, stretched: false, callsPerWindow: budget ? cost(intervalMs, exactIntervalMs) : 0, capacity };
  }
  const ratio = exactIntervalMs / intervalMs;
  let realtime = Math.ceil(intervalMs / STRETCH_STEP_MS) * STRETCH_STEP_MS;
  for (; ; realtime += STRETCH_STEP_MS) {
    const exact = Math.ceil((realtime * ratio) / 1000) * 1000;
    const calls = cost(realtime, exact);
    if (calls <= capacity || realtime >= MAX_STRETCHED_INTERVAL_MS) {
      return { intervalMs: realtime, exactIntervalMs: exact, stretched: true, callsPerWindow: calls, capacity };
    }
  }
}

/**
 * Where in the interval this site's polls fall when a stretched wall spreads its sites: by the
 * site's place among all of them sorted, so two screens showing the same sites ask at the same
 * moment and share one upstream call.
 */
export function slotOffsetMs(websiteId: string, siteIds: readonly string[], intervalMs: number): number {
  const sorted = [...new Set(siteIds)].sort();
  const rank = sorted.indexOf(websiteId);
  return rank <= 0 ? 0 : Math.floor((rank * intervalMs) / sorted.length);
}

/** Calls per site per minute at these intervals: what the README's cost table counts. */
export function callsPerSitePerMinute(exactRoutes: number, intervalMs: number, exactIntervalMs: number): number {
  return 60_000 / intervalMs + (exactRoutes * 60_000) / exactIntervalMs;
}

/** A stretched wall's sites and spreads: each site's polls at its own place in the interval. */
export type PollSlots = {
  siteIds: readonly string[];
  /** This screen's spread at the intervals asked for (POLL_SPREAD of them), not the stretched ones. */
  spreadMs: number;
  exactSpreadMs: number;
};

/** The slots of a plan's sites, or null when it was not stretched (every site on the shared slot); intervals as asked for. */
export function pollSlots(stretched: boolean, siteIds: readonly string[], intervalMs: number, exactIntervalMs: number): PollSlots | null {
  return stretched ? { siteIds, spreadMs: POLL_SPREAD * intervalMs, exactSpreadMs: POLL_SPREAD * exactIntervalMs } : null;
}

/** Milliseconds from `now` until this site's first slot: a stretched wall starts each site there, not all at once. */
export function msUntilFirstSlot(offsetMs: number, intervalMs: number, now: number): number {
  return (((offsetMs - now) % intervalMs) + intervalMs) % intervalMs;
}

export type SlotKind = 'realtime' | 'exact';

/** This site's slot on a stretched wall; undefined when every site polls on the shared slot. */
export function siteSlot(slots: PollSlots | null | undefined, websiteId: string, intervalMs: number, kind: SlotKind): { offsetMs: number; spreadMs: number } | undefined {
  if (!slots) return undefined;
  return { offsetMs: slotOffsetMs(websiteId, slots.siteIds, intervalMs), spreadMs: kind === 'exact' ? slots.exactSpreadMs : slots.spreadMs };
}
