import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { ApiError, messageFor } from './api/client';
import { websitesQueryOptions } from './api/queries';
import { EmptyBanner } from './components/empty-banner';
import { StatusBar } from './components/status-bar';
import { DashboardContext, type Dashboard } from './dashboard-context';
import type { Options } from './options';
import { PANELS } from './panels/registry';

export function App({ options }: { options: Options }) {
  // ?website= wins; else the first site the proxy lists (a share link lists just its own).
  const websites = useQuery({ ...websitesQueryOptions(), enabled: options.website === null });
  const websiteId = options.website ?? websites.data?.[0]?.id ?? null;
  const website = websites.data?.find((w) => w.id === websiteId);

  const dashboard = useMemo<Dashboard | null>(
    () => (websiteId ? { websiteId, timezone: options.timezone, lang: options.lang, intervalMs: options.intervalMs } : null),
    [websiteId, options.timezone, options.lang, options.intervalMs],
  );

  return (
    <div className="flex h-full flex-col gap-[0.6em] p-[0.8em]">
      <header className="flex items-center justify-between gap-[1em]">
        <h1 className="min-w-0 truncate text-[1.1em] font-semibold">
          <span className="text-accent">Pulseboard</span>
          {website && <span className="ml-[0.6em] text-muted" data-testid="site-name">{website.name || website.domain}</span>}
        </h1>
        {dashboard && (
          <DashboardContext value={dashboard}>
            <StatusBar />
          </DashboardContext>
        )}
      </header>
      {dashboard ? (
        <DashboardContext value={dashboard}>
          <EmptyBanner />
          <main className="grid min-h-0 flex-1 auto-rows-fr gap-[0.6em]">
            {options.panels.map((id) => {
              const PanelComponent = PANELS[id];
              return PanelComponent ? <PanelComponent key={id} /> : null;
            })}
          </main>
        </DashboardContext>
      ) : websites.isError ? (
        <p data-testid="error-message" role="alert" className="m-auto max-w-xl text-center text-danger">
          {websites.error instanceof ApiError ? websites.error.message : messageFor('unknown')}
        </p>
      ) : websites.data && websites.data.length === 0 ? (
        <p data-testid="error-message" role="alert" className="m-auto max-w-xl text-center text-muted">
          This Umami account has no websites yet. Add one in Umami, or open the dashboard with ?website=&lt;id&gt;.
        </p>
      ) : (
        <p className="m-auto text-muted">Loading websites…</p>
      )}
    </div>
  );
}
