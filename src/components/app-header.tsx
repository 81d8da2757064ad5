import type { ReactNode } from 'react';

export type ShellMode = 'normal' | 'kiosk' | 'embed';

type Props = {
  mode: ShellMode;
  siteName: string | null;
  /** Position in the rotation, when rotating between sites. */
  rotation: { index: number; count: number } | null;
  /** A filtered wall's filter, in words (every mode: the numbers are for that traffic only). */
  filter?: ReactNode;
  /** Freshness, stale badge, errors (the StatusBar). */
  status?: ReactNode;
  /** Kiosk only: the clock beside the status. */
  clock?: ReactNode;
  /** Normal mode only: Share, All sites. */
  actions?: ReactNode;
};

function RotationPosition({ index, count }: { index: number; count: number }) {
  return (
    <span data-testid="rotation-position" aria-label={`Site ${index + 1} of ${count}`} className="ml-[0.5em] text-[0.8em] tabular-nums text-muted">
      {index + 1}/{count}
    </span>
  );
}

/**
 * The top row. Normal: brand, site, status and actions. Kiosk and embed drop the brand and
 * every control, keeping the site name small; kiosk adds the clock next to "Updated …".
 */
export function AppHeader({ mode, siteName, rotation, filter, status, clock, actions }: Props) {
  const name = siteName && (
    <span data-testid="site-name" className={mode === 'normal' ? 'ml-[0.6em] text-muted' : 'text-muted'}>
      <bdi>{siteName}</bdi>
    </span>
  );

  if (mode !== 'normal') {
    return (
      <header className="flex items-center justify-between gap-[1em] text-[0.85em]">
        {/* Still the page's heading for screen readers, just small; no brand on a wall. */}
        <h1 className="min-w-0 truncate font-normal">
          {name ?? <span className="sr-only">Pulseboard</span>}
          {rotation && <RotationPosition {...rotation} />}
          {filter}
        </h1>
        <div className="flex min-w-0 items-center gap-[0.8em]">
          {status}
          {clock}
        </div>
      </header>
    );
  }

  return (
    <header className="flex items-center justify-between gap-[1em]">
      <h1 className="min-w-0 truncate text-[1.1em] font-semibold">
        <span className="text-accent">Pulseboard</span>
        {name}
        {rotation && <RotationPosition {...rotation} />}
        {filter}
      </h1>
      <div className="flex min-w-0 items-center gap-[0.8em]">
        {status}
        {actions}
      </div>
    </header>
  );
}
