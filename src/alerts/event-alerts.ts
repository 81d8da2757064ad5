import type { RealtimeEvent } from '../api/realtime-schema';

// Event alerts (`?alert=purchase`): which custom events in an answer are news, and the toasts
// they make. Umami's realtime answer repeats the newest 100 rows on every poll, so an event is
// news once: when its id first appears, after the page's first answer for that site.

export type AlertAnswer = { events: readonly RealtimeEvent[]; timestamp: number };

/** What a site's watch remembers between answers. */
export type EventWatch = {
  /** The server time of the site's first answer: events up to it were there before the page. */
  since: number;
  /** Ids seen so far and their times; forgotten once they are older than the window. */
  seen: ReadonlyMap<string, number>;
};

/**
 * The answer's events of the chosen names that were not seen before and are newer than the
 * page (newest first), and the watch to use for the next answer. The first answer only
 * remembers: what was already there when the page opened is no news.
 */
export function watchEvents(
  watch: EventWatch | null,
  answer: AlertAnswer,
  names: ReadonlySet<string>,
  windowMs: number,
): { watch: EventWatch; arrived: RealtimeEvent[] } {
  // Two windows back: a stale answer the proxy serves late can still hold rows one window old.
  const forgetBefore = answer.timestamp - 2 * windowMs;
  const seen = new Map<string, number>();
  if (watch) for (const [id, at] of watch.seen) if (at >= forgetBefore) seen.set(id, at);
  const arrived: RealtimeEvent[] = [];
  for (const event of answer.events) {
    if (seen.has(event.id)) continue;
    seen.set(event.id, event.createdAt);
    // Only the event row: a session's first row is copied as a `session` row with the same name.
    if (watch && event.type === 'event' && event.eventName !== null && names.has(event.eventName) && event.createdAt > watch.since) arrived.push(event);
  }
  return { watch: { since: watch?.since ?? answer.timestamp, seen }, arrived };
}

export type AlertToast = {
  /** One toast per site and event name while it shows: later arrivals add to it. */
  key: string;
  siteId: string;
  name: string;
  count: number;
  /** Distinct pages, newest first. */
  pages: string[];
  /** Distinct country codes, newest first (visitors without one are left out). */
  countries: string[];
  expiresAt: number;
};

export type ToastLimits = { durationMs: number; max: number };

const distinctFirst = (values: readonly string[]) => [...new Set(values)];

/**
 * The toasts after `arrived` (one site's news, newest first): several of one name at once are
 * one toast ("3 × purchase"), added to a toast of that name still showing, which then shows
 * for the full duration again. Expired toasts go; beyond `max`, the oldest go.
 */
export function addArrivals(toasts: readonly AlertToast[], siteId: string, arrived: readonly RealtimeEvent[], now: number, { durationMs, max }: ToastLimits): AlertToast[] {
  let next = toasts.filter((toast) => toast.expiresAt > now);
  const byName = new Map<string, RealtimeEvent[]>();
  for (const event of arrived) {
    if (event.eventName === null) continue;
    byName.set(event.eventName, [...(byName.get(event.eventName) ?? []), event]);
  }
  for (const [name, events] of byName) {
    const key = `${siteId}\u0000${name}`;
    const current = next.find((toast) => toast.key === key);
    const pages = events.map((event) => event.urlPath);
    const countries = events.map((event) => event.country).filter((country): country is string => country !== null);
    const toast: AlertToast = {
      key,
      siteId,
      name,
      count: (current?.count ?? 0) + events.length,
      pages: distinctFirst([...pages, ...(current?.pages ?? [])]),
      countries: distinctFirst([...countries, ...(current?.countries ?? [])]),
      expiresAt: now + durationMs,
    };
    // The newest toast last, nearest the eye's path down the wall.
    next = [...next.filter((t) => t.key !== key), toast];
  }
  return next.length > max ? next.slice(next.length - max) : next;
}

/** The toasts still showing at `now`; the same array when none expired. */
export function liveToasts(toasts: readonly AlertToast[], now: number): readonly AlertToast[] {
  return toasts.every((toast) => toast.expiresAt > now) ? toasts : toasts.filter((toast) => toast.expiresAt > now);
}

/** Up to `shown` items, and how many more there are ("+N more"). */
export function someOf(items: readonly string[], shown = 2): { shown: readonly string[]; more: number } {
  return { shown: items.slice(0, shown), more: Math.max(0, items.length - shown) };
}
