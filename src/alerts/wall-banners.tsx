import { useCallback, useState } from 'react';
import type { RealtimeResult } from '../api/realtime';
import { useRealtime } from '../api/use-realtime';
import { useDashboard } from '../dashboard-context';
import { formatNumber } from '../lib/format';
import { buildSeries } from '../panels/series-chart/series-data';
import { laterView, latestViewAt, silenceAt } from './silence';
import { SPIKE_MINUTES, spikeAt } from './spike';

// The silence alarm and the spike notice: views of the realtime answer the wall already has.

const selectViews = ({ data, timezone }: RealtimeResult) => ({
  lastViewAt: latestViewAt({ events: data.events, views: data.series.views, timezone, now: data.timestamp }),
  now: data.timestamp,
});

/** `?silence=`: shows while the site that had traffic has had no page view for `minutes`. */
export function SilenceBanner({ minutes }: { minutes: number }) {
  const { websiteId } = useDashboard();
  const views = useRealtime(selectViews);
  // The last view seen per site: once the window has moved past it, the answer alone has none.
  const [seen, setSeen] = useState<ReadonlyMap<string, number | null>>(() => new Map());
  const lastViewAt = views ? laterView(seen.get(websiteId) ?? null, views.lastViewAt) : null;
  if (views && lastViewAt !== (seen.get(websiteId) ?? null)) setSeen(new Map(seen).set(websiteId, lastViewAt));

  const silence = views ? silenceAt(lastViewAt, views.now, minutes) : { silent: false as const };
  if (!silence.silent) return null;
  return (
    <p data-testid="silence-banner" role="alert" className="rounded-lg border-2 border-warn bg-warn/15 px-[0.8em] py-[0.4em] text-center text-[1.2em] font-semibold text-warn">
      No page views for {silence.minutes} {silence.minutes === 1 ? 'minute' : 'minutes'} — is tracking still working?
    </p>
  );
}

/** `?spike=`: shows while the last 5 minutes run at least `factor` times the 30-minute average. */
export function SpikeBanner({ factor }: { factor: number }) {
  const { lang } = useDashboard();
  const selectSpike = useCallback(
    ({ data, timezone }: RealtimeResult) =>
      spikeAt(buildSeries(data.series, { requestedTimezone: timezone, displayTimezone: timezone, now: data.timestamp, lang: 'en' }), data.timestamp, factor),
    [factor],
  );
  const spike = useRealtime(selectSpike);
  if (!spike?.spike) return null;
  return (
    <p data-testid="spike-banner" role="status" className="rounded-lg border-2 border-accent2 bg-accent2/15 px-[0.8em] py-[0.4em] text-center text-[1.2em] font-semibold text-accent2">
      Traffic spike: {formatNumber(spike.views, lang)} page views in the last {SPIKE_MINUTES} minutes, {new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(spike.ratio)}× the 30-minute average
    </p>
  );
}

export function WallBanners({ silenceMinutes, spikeFactor }: { silenceMinutes: number | null; spikeFactor: number | null }) {
  return (
    <>
      {silenceMinutes !== null && <SilenceBanner minutes={silenceMinutes} />}
      {spikeFactor !== null && <SpikeBanner factor={spikeFactor} />}
    </>
  );
}
