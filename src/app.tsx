import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo } from 'react';
import { ApiError, messageFor } from './api/client';
import { websitesQueryOptions } from './api/websites';
import { AppHeader, type ShellMode } from './components/app-header';
import { DashboardLayout } from './components/dashboard-layout';
import { EmptyBanner } from './components/empty-banner';
import { FilterBadge } from './components/filter-badge';
import { ShareButton } from './components/share-button';
import { StatusBar } from './components/status-bar';
import { DashboardContext, type Dashboard } from './dashboard-context';
import { carriedFrom, pickerUrl } from './lib/embed-url';
import { useRotation } from './lib/use-rotation';
import { DEFAULT_ROTATE_S, type Options } from './options';
import { filterQuery } from './shared/filters';

// Only the no-website case needs it: loaded then, so the dashboard's first chunk stays small.
const SitePicker = lazy(() => import('./components/site-picker').then((m) => ({ default: m.SitePicker })));
// Kiosk only, and rotation only, likewise.
const KeepSitesWarm = lazy(() => import('./components/keep-sites-warm').then((m) => ({ default: m.KeepSitesWarm })));
const KioskClock = lazy(() => import('./components/kiosk-clock').then((m) => ({ default: m.KioskClock })));
// Alerts, silence and spike only with their options (issue 21).
const AlertToasts = lazy(() => import('./alerts/alert-toasts').then((m) => ({ default: m.AlertToasts })));
const WallBanners = lazy(() => import('./alerts/wall-banners').then((m) => ({ default: m.WallBanners })));

export function App({ options }: { options: Options }) {
  // Always asked for: it names the site in the header and feeds the picker and the share panel.
  const websites = useQuery(websitesQueryOptions());
  const listed = websites.data?.websites ?? [];
  // A fresh `npm start` (demo source) opens a live dashboard at once; the picker is one click away.
  const demo = websites.data?.mode === 'demo';
  const rotationIndex = useRotation(options.sites.length, options.rotateMs);
  // ?website= / ?websites= win; else the only site the proxy lists; with several, the picker.
  const showPicker = options.sites.length === 0 && listed.length > 1 && (!demo || options.picker);
  const websiteId = options.sites[rotationIndex] ?? (!showPicker && (listed.length === 1 || demo) ? (listed[0]?.id ?? null) : null);
  const website = listed.find((w) => w.id === websiteId);
  const mode: ShellMode = options.kiosk ? 'kiosk' : options.embed ? 'embed' : 'normal';
  const base = `${window.location.origin}${window.location.pathname}`;
  const pickerHref = pickerUrl(base, window.location.search);
  // The demo opens a site by itself, so its picker link asks for the list explicitly.
  const allSitesUrl = demo ? `${pickerHref}${pickerHref.includes('?') ? '&' : '?'}sites` : pickerHref;

  const { wall } = options;
  const filter = useMemo(() => filterQuery(wall.filters), [wall.filters]);
  const dashboard = useMemo<Dashboard | null>(
    () =>
      websiteId
        ? {
            websiteId,
            timezone: options.timezone,
            lang: options.lang,
            intervalMs: options.intervalMs,
            exactIntervalMs: options.exactIntervalMs,
            compare: options.compare,
            filter,
          }
        : null,
    [websiteId, options.timezone, options.lang, options.intervalMs, options.exactIntervalMs, options.compare, filter],
  );
  const watchedSites = options.sites.length > 0 ? options.sites : websiteId ? [websiteId] : [];
  const siteNames = useMemo(() => new Map((websites.data?.websites ?? []).map((w) => [w.id, w.name || w.domain])), [websites.data]);

  return (
    <div className="app-shell flex h-full flex-col gap-[0.6em] p-[0.8em]" data-mode={mode}>
      <AppHeader
        mode={mode}
        siteName={website ? website.name || website.domain : null}
        rotation={options.sites.length > 1 ? { index: rotationIndex, count: options.sites.length } : null}
        filter={wall.filters.length > 0 ? <FilterBadge filters={wall.filters} /> : null}
        status={
          dashboard && !showPicker ? (
            <DashboardContext value={dashboard}>
              <StatusBar />
            </DashboardContext>
          ) : null
        }
        clock={
          mode === 'kiosk' ? (
            <Suspense fallback={null}>
              <KioskClock lang={options.lang} timezone={options.timezone} />
            </Suspense>
          ) : null
        }
        actions={
          <>
            {(options.sites.length > 0 || demo) && listed.length > 1 && (
              <a href={allSitesUrl} className="text-[0.8em] text-muted hover:text-accent">
                All sites
              </a>
            )}
            {websiteId && (
              <ShareButton
                websites={listed}
                base={base}
                embedScriptSrc={new URL(`${import.meta.env.BASE_URL}embed.js`, window.location.origin).href}
                initial={{
                  sites: options.sites.length > 0 ? options.sites : [websiteId],
                  panels: options.panels,
                  theme: options.theme,
                  rotateS: options.rotateMs ? options.rotateMs / 1000 : DEFAULT_ROTATE_S,
                  transparent: options.transparent,
                  carried: carriedFrom(window.location.search),
                  wall,
                }}
              />
            )}
          </>
        }
      />
      {options.sites.length > 1 && (
        <Suspense fallback={null}>
          <KeepSitesWarm
            sites={options.sites}
            timezone={options.timezone}
            intervalMs={options.intervalMs}
            exactIntervalMs={options.exactIntervalMs}
            compare={options.compare}
            filter={filter}
          />
        </Suspense>
      )}
      {wall.alerts.length > 0 && !showPicker && watchedSites.length > 0 && (
        <Suspense fallback={null}>
          <AlertToasts
            sites={watchedSites}
            siteNames={siteNames}
            alerts={wall.alerts}
            sound={wall.sound}
            timezone={options.timezone}
            intervalMs={options.intervalMs}
            filter={filter}
            lang={options.lang}
          />
        </Suspense>
      )}
      {showPicker ? (
        <Suspense fallback={null}>
          <SitePicker websites={listed} base={base} search={window.location.search} />
        </Suspense>
      ) : dashboard ? (
        <DashboardContext value={dashboard}>
          <EmptyBanner />
          {(wall.silenceMinutes !== null || wall.spikeFactor !== null) && (
            <Suspense fallback={null}>
              <WallBanners silenceMinutes={wall.silenceMinutes} spikeFactor={wall.spikeFactor} />
            </Suspense>
          )}
          <DashboardLayout panels={options.panels} />
        </DashboardContext>
      ) : websites.isError ? (
        <p data-testid="error-message" role="alert" className="m-auto max-w-xl text-center text-danger">
          {websites.error instanceof ApiError ? websites.error.message : messageFor('unknown')}
        </p>
      ) : websites.data && listed.length === 0 ? (
        <p data-testid="error-message" role="alert" className="m-auto max-w-xl text-center text-muted">
          This Umami account has no websites yet. Add one in Umami, or open the dashboard with ?website=&lt;id&gt;.
        </p>
      ) : (
        <p className="m-auto text-muted">Loading websites…</p>
      )}
    </div>
  );
}
