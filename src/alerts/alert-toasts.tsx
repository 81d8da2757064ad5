import { useQueries } from '@tanstack/react-query';
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { REALTIME_WINDOW_MS, realtimeQueryOptions, type RealtimeResult } from '../api/realtime';
import { useSiteSlots } from '../api/use-site-slots';
import { useDashboard } from '../dashboard-context';
import { countryName } from '../lib/countries';
import { createChime, type Chime } from './chime';
import { addArrivals, liveToasts, someOf, watchEvents, type AlertAnswer, type AlertToast, type EventWatch } from './event-alerts';
import './alerts.css';

/** Long enough to be read from across a room, short enough not to cover the wall. */
export const TOAST_MS = 8_000;
const LIMITS = { durationMs: TOAST_MS, max: 4 };

/** The answer's rows, its server time, and when it arrived (the toasts' clock). */
const selectAnswer = ({ data, receivedAt }: RealtimeResult): AlertAnswer & { receivedAt: number } => ({ events: data.events, timestamp: data.timestamp, receivedAt });

type Props = {
  /** Every site on the wall: a sale on a site rotated out of view still reaches the room. */
  sites: readonly string[];
  /** Names for the toasts when several sites are watched. */
  siteNames: ReadonlyMap<string, string>;
  alerts: readonly string[];
  sound: boolean;
};

type State = {
  /** Per site: the last answer read, and its watch. */
  sites: ReadonlyMap<string, { answer: AlertAnswer; watch: EventWatch }>;
  toasts: readonly AlertToast[];
  /** How many batches of news there were: each one chimes once. */
  news: number;
};

const INITIAL: State = { sites: new Map(), toasts: [], news: 0 };

/**
 * Event alerts: reads the realtime answers the wall already polls (the same queries, so no extra
 * request) and shows a toast for each chosen custom event that arrives after the page opened.
 */
export function AlertToasts({ sites, siteNames, alerts, sound }: Props) {
  // The wall's own interval and poll slots: a watcher on its own timer would poll a stretched wall faster than its plan.
  const { timezone, intervalMs, filter, lang } = useDashboard();
  const { slots, started } = useSiteSlots(sites, 'realtime');
  const answers = useQueries({
    queries: sites.map((id, i) => ({ ...realtimeQueryOptions(id, { timezone, intervalMs, filter, slot: slots[i] }), enabled: started[i] ?? true, select: selectAnswer })),
  }).map((query) => query.data);
  const names = useMemo(() => new Set(alerts), [alerts]);
  const [state, setState] = useState<State>(INITIAL);
  const chime = useRef<Chime | null>(null);

  // Each new answer is read while rendering ("state from props"): its toast shows in the same commit.
  let next = state;
  sites.forEach((id, i) => {
    const answer = answers[i];
    const last = next.sites.get(id);
    if (!answer || last?.answer === answer) return;
    const { watch, arrived } = watchEvents(last?.watch ?? null, answer, names, REALTIME_WINDOW_MS);
    const read = new Map(next.sites).set(id, { answer, watch });
    next =
      arrived.length > 0
        ? { sites: read, toasts: addArrivals(next.toasts, id, arrived, answer.receivedAt, LIMITS), news: next.news + 1 }
        : { ...next, sites: read };
  });
  if (next !== state) setState(next);

  useEffect(() => {
    if (!sound) return;
    const created = createChime();
    chime.current = created;
    return () => {
      created.dispose();
      chime.current = null;
    };
  }, [sound]);

  useEffect(() => {
    if (state.news > 0) chime.current?.play();
  }, [state.news]);

  // Each toast leaves on its own time.
  const { toasts } = state;
  useEffect(() => {
    if (toasts.length === 0) return;
    const soonest = Math.min(...toasts.map((toast) => toast.expiresAt));
    const timer = setTimeout(() => setState((current) => ({ ...current, toasts: liveToasts(current.toasts, Date.now()) })), Math.max(0, soonest - Date.now()));
    return () => clearTimeout(timer);
  }, [toasts]);

  return (
    <div className="pb-toasts" role="status" aria-live="polite">
      {next.toasts.map((toast) => (
        <Toast key={toast.key} toast={toast} siteName={sites.length > 1 ? (siteNames.get(toast.siteId) ?? null) : null} lang={lang} />
      ))}
    </div>
  );
}

function Toast({ toast, siteName, lang }: { toast: AlertToast; siteName: string | null; lang: string }) {
  const pages = someOf(toast.pages);
  const countries = someOf(toast.countries.map((code) => countryName(code, lang)));
  // Each string from Umami in its own <bdi>: a U+202E in one page must not reorder the others.
  const groups = [
    siteName === null ? [] : [<bdi key="site">{siteName}</bdi>],
    pages.shown.length > 0 ? [<Isolated key="pages" {...pages} />] : [],
    countries.shown.length > 0 ? [<Isolated key="countries" {...countries} />] : [],
  ].flat();
  return (
    <div
      data-testid="alert-toast"
      data-count={toast.count}
      className="pb-toast min-w-[16em] max-w-[min(40em,90vw)] rounded-xl border-2 border-accent bg-panel px-[1.2em] py-[0.6em] text-center shadow-2xl shadow-black/40"
    >
      <p className="truncate text-[1.8em] font-bold leading-tight text-accent">
        {toast.count > 1 && `${toast.count} × `}
        <bdi>{toast.name}</bdi>
      </p>
      {groups.length > 0 && (
        <p className="truncate text-[1.05em] text-fg">
          {groups.map((group, i) => (
            <Fragment key={group.key}>
              {i > 0 && ' · '}
              {group}
            </Fragment>
          ))}
        </p>
      )}
    </div>
  );
}

/** "a, b +2 more", each item isolated. */
function Isolated({ shown, more }: { shown: readonly string[]; more: number }) {
  return (
    <>
      {shown.map((item, i) => (
        <Fragment key={i}>
          {i > 0 && ', '}
          <bdi>{item}</bdi>
        </Fragment>
      ))}
      {more > 0 && ` +${more} more`}
    </>
  );
}
