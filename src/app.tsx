import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo } from 'react';
import { ApiError, messageFor } from './api/client';
import { websitesQueryOptions } from './api/websites';
import type { Website } from './api/websites-schema';
import { AppHeader, type ShellMode } from './components/app-header';
import { DashboardLayout } from './components/dashboard-layout';
import { EmptyBanner } from './components/empty-banner';
import { FilterBadge } from './components/filter-badge';
import { ShareButton } from './components/share-button';
import { StatusBar } from './components/status-bar';
import { DashboardContext } from './dashboard-context';
import { carriedFrom, pickerUrl } from './lib/embed-url';
import { useRotation } from './lib/use-rotation';
import { DEFAULT_ROTATE_S, type Options } from './options';
import { useDashboards } from './use-dashboards';

// Only the no-website case needs it: loaded then, so the dashboard's first chunk stays small.
const SitePicker = lazy(() => import('./components/site-picker').then((m) => ({ default: m.SitePicker })));
// Kiosk only, and rotation only, likewise.
const KeepSitesWarm = lazy(() => import('./components/keep-sites-warm').then((m) => ({ default: m.KeepSitesWarm })));
const KioskClock = lazy(() => import('./components/kiosk-clock').then((m) => ({ default: m.KioskClock })));
// Alerts, silence and spike only with their options (issue 21).
const AlertToasts = lazy(() => import('./alerts/alert-toasts').then((m) => ({ default: m.AlertToasts })));
const WallBanners = lazy(() => import('./alerts/wall-banners').then((m) => ({ default: m.WallBanners })));
// The overview wall (?overview) likewise.
const OverviewWall = lazy(() => import('./overview/overview-wall').then((m) => ({ default: m.OverviewWall })));
const OverviewStatus = lazy(() => import('./overview/overview-status').then((m) => ({ default: m.OverviewStatus })));

const NO_WEBSITES: Website[] = [];

export function App({ options }: { options: Options }) {
  // Always asked for: it names the site in the header and feeds the picker and the share panel.
  const websites = useQuery(websitesQueryOptions());
  const listed = websites.data?.websites ?? NO_WEBSITES;
  // A fresh `npm start` (demo source) opens a live dashboard at once; the picker is one click away.
  const demo = websites.data?.mode === 'demo';
  const rotationIndex = useRotation(options.sites.length, options.rotateMs);
  // ?website= / ?websites= win; else the only site the proxy lists; with several, the picker.
  const showPicker = !options.overview && options.sites.length === 0 && listed.length > 1 && (!demo || options.picker);
  const websiteId = options.sites[rotationIndex] ?? (!showPicker && (listed.length === 1 || demo) ? (listed[0]?.id ?? null) : null);
  const website = listed.find((w) => w.id === websiteId);
  const mode: ShellMode = options.kiosk ? 'kiosk' : options.embed ? 'embed' : 'normal';
  const base = `${window.location.origin}${window.location.pathname}`;
  const pickerHref = pickerUrl(base, window.location.search);

  const { wall: wallOptions } = options;
  const { wallSites, combined, plan, overview: overviewDashboard, dashboard } = useDashboards({ options, websites, websiteId });
  // The demo opens a site by itself, so its picker link asks for the list explicitly.
  const allSitesUrl = demo ? `${pickerHref}${pickerHref.includes('?') ? '&' : '?'}sites` : pickerHref;

  // Alerts watch every site on the wall, on the wall's plan (an overview of every listed site included).
  const wallDashboard = options.overview ? overviewDashboard : dashboard;
  const watchedSites = useMemo(
    () => (options.overview ? wallSites.map((s) => s.id) : options.sites.length > 0 ? options.sites : websiteId ? [websiteId] : []),
    [options.overview, wallSites, options.sites, websiteId],
  );
  const siteNames = useMemo(() => new Map((websites.data?.websites ?? []).map((w) => [w.id, w.name || w.domain])), [websites.data]);
  const headerName = options.overview ? 'Overview' : combined ? combined.map((s) => s.name).join(' + ') : website ? website.name || website.domain : null;

  return (
    <div className="app-shell flex h-full flex-col gap-[0.6em] p-[0.8em]" data-mode={mode}>
      <AppHeader
        mode={mode}
        siteName={headerName}
        rotation={options.sites.length > 1 && options.rotateMs !== null && !options.overview ? { index: rotationIndex, count: options.sites.length } : null}
        filter={wallOptions.filters.length > 0 ? <FilterBadge filters={wallOptions.filters} /> : null}
        status={
          options.overview ? (
            <Suspense fallback={null}>
              <OverviewStatus demo={demo} intervalMs={plan.intervalMs} sites={wallSites.length} stretched={plan.stretched} />
            </Suspense>
          ) : dashboard && !showPicker ? (
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
            {websiteId && !options.overview && (
              <ShareButton
                websites={listed}
                base={base}
                embedScriptSrc={new URL(`${import.meta.env.BASE_URL}embed.js`, window.location.origin).href}
                initial={{
                  sites: options.sites.length > 0 ? options.sites : [websiteId],
                  several: options.combine ? 'combine' : 'rotate',
                  panels: options.panels,
                  theme: options.theme,
                  rotateS: options.rotateMs ? options.rotateMs / 1000 : DEFAULT_ROTATE_S,
                  transparent: options.transparent,
                  compare: options.compare,
                  carried: carriedFrom(window.location.search),
                  wall: wallOptions,
                }}
              />
            )}
          </>
        }
      />
      {wallOptions.alerts.length > 0 && !showPicker && watchedSites.length > 0 && wallDashboard && (
        <DashboardContext value={wallDashboard}>
          <Suspense fallback={null}>
            <AlertToasts sites={watchedSites} siteNames={siteNames} alerts={wallOptions.alerts} sound={wallOptions.sound} />
          </Suspense>
        </DashboardContext>
      )}
      {options.overview ? (
        overviewDashboard ? (
          <DashboardContext value={overviewDashboard}>
            <Suspense fallback={null}>
              <OverviewWall sites={wallSites} base={base} search={window.location.search} />
            </Suspense>
          </DashboardContext>
        ) : websites.isError ? (
          <p data-testid="error-message" role="alert" className="m-auto max-w-xl text-center text-danger">
            {websites.error instanceof ApiError ? websites.error.message : messageFor('unknown')}
          </p>
        ) : websites.data ? (
          <p data-testid="error-message" role="alert" className="m-auto max-w-xl text-center text-muted">
            No websites to show. Add one in Umami, or open the overview with ?websites=&lt;id&gt;,&lt;id&gt;.
          </p>
        ) : (
          <p className="m-auto text-muted">Loading websites…</p>
        )
      ) : showPicker ? (
        <Suspense fallback={null}>
          <SitePicker websites={listed} base={base} search={window.location.search} />
        </Suspense>
      ) : dashboard ? (
        <DashboardContext value={dashboard}>
          {options.sites.length > 1 && options.rotateMs !== null && (
            <Suspense fallback={null}>
              <KeepSitesWarm sites={options.sites} />
            </Suspense>
          )}
          <EmptyBanner />
          {(wallOptions.silenceMinutes !== null || wallOptions.spikeFactor !== null) && (
            <Suspense fallback={null}>
              <WallBanners silenceMinutes={wallOptions.silenceMinutes} spikeFactor={wallOptions.spikeFactor} />
            </Suspense>
          )}
          <DashboardLayout panels={combined ? options.panels.filter((id) => id !== 'today') : options.panels} />
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
