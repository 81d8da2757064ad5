import { useRealtimeQuery } from '../api/use-realtime';
import type { RealtimeResult } from '../api/realtime';
import { ApiError, messageFor } from '../api/client';
import { formatAge } from '../lib/format';
import { useNowDerived } from '../lib/use-now';

const selectMeta = (result: RealtimeResult) => ({
  receivedAt: result.receivedAt,
  upstreamStaleAge: result.upstreamStaleAge,
  mode: result.mode,
  staleReason: result.staleReason,
});

function errorText(error: unknown): string {
  return error instanceof ApiError ? error.message : messageFor('unknown');
}

/**
 * Demo badge, freshness, the stale badge and the error message. A failed poll keeps the last
 * frame on screen: the badge says how old it is and the message says what to do.
 */
export function StatusBar() {
  // Not `isFetching`: a poll takes tens of milliseconds, too short for a blink anyone could see,
  // and reading it re-rendered the bar (two frames) at the start and end of every poll.
  const { data: meta, error } = useRealtimeQuery(selectMeta);

  // Stale when this poll failed but an earlier one succeeded, or when the proxy itself served
  // a cached answer because Umami failed (it says how old in a header).
  const staleSince = meta
    ? error
      ? meta.receivedAt - (meta.upstreamStaleAge ?? 0) * 1000
      : meta.upstreamStaleAge !== null
        ? meta.receivedAt - meta.upstreamStaleAge * 1000
        : null
    : null;
  // Labels, not the clock: the bar renders again only when a label changes.
  const staleAge = useNowDerived((now) => (staleSince === null ? null : formatAge(now - staleSince).replace('just now', 'a moment ago')));
  const updatedAge = useNowDerived((now) => (meta ? formatAge(now - meta.receivedAt) : null));

  return (
    <div className="flex min-w-0 flex-wrap items-center justify-end gap-[0.5em] text-[0.8em]">
      {meta?.mode === 'demo' && (
        <span data-testid="demo-badge" className="rounded-full border border-accent px-[0.6em] py-[0.1em] font-semibold text-accent" title="No Umami server is configured: this is generated demo traffic. See the README to connect yours.">
          Demo data
        </span>
      )}
      {(error || meta?.staleReason) && (
        <span data-testid="error-message" role="alert" className="min-w-0 rounded-md bg-danger/15 px-[0.6em] py-[0.1em] text-danger">
          {error ? errorText(error) : messageFor(meta?.staleReason ?? 'unknown')}
        </span>
      )}
      {staleSince !== null && (
        <span data-testid="stale-badge" className="rounded-full bg-warn/20 px-[0.6em] py-[0.1em] font-semibold text-warn" title="The numbers shown are from the last successful update.">
          Stale · {staleAge}
        </span>
      )}
      {meta && staleSince === null && (
        <span className="text-muted" data-testid="updated-at">
          <span aria-hidden="true" className="mr-[0.3em] inline-block size-[0.5em] rounded-full bg-accent/70" />
          Updated {updatedAge}
        </span>
      )}
    </div>
  );
}
