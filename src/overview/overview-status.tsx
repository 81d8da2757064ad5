import { cadenceText } from './overview-data';

/** The wall's header: the demo badge, and how often it updates (slower when the upstream budget asks for it). */
export function OverviewStatus({ demo, intervalMs, sites, stretched }: { demo: boolean; intervalMs: number; sites: number; stretched: boolean }) {
  return (
    <div className="flex min-w-0 flex-wrap items-center justify-end gap-[0.5em] text-[0.8em]">
      {demo && (
        <span data-testid="demo-badge" className="rounded-full border border-accent px-[0.6em] py-[0.1em] font-semibold text-accent" title="No Umami server is configured: this is generated demo traffic. See the README to connect yours.">
          Demo data
        </span>
      )}
      <span
        data-testid="overview-cadence"
        className={stretched ? 'text-warn' : 'text-muted'}
        title={stretched ? 'Slower than asked, so that all sites together stay inside the Umami rate limit the server is configured with (UPSTREAM_BUDGET).' : undefined}
      >
        {cadenceText(intervalMs, sites, stretched)}
      </span>
    </div>
  );
}
