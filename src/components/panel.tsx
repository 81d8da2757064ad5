import type { ReactNode } from 'react';
import { ErrorBoundary } from './error-boundary';

type Props = {
  title: string;
  testId: string;
  className?: string;
  /** Shown in the heading's right corner (a legend, a filter). */
  aside?: ReactNode;
  children: ReactNode;
};

/** The frame every panel sits in: a titled section with its own error boundary. */
export function Panel({ title, testId, className = '', aside, children }: Props) {
  return (
    <section
      data-testid={testId}
      aria-label={title}
      className={`flex min-h-0 min-w-0 flex-col rounded-xl border border-border bg-panel p-[0.8em] ${className}`}
    >
      <header className="mb-[0.5em] flex items-center justify-between gap-2">
        <h2 className="truncate text-[0.8em] font-semibold uppercase tracking-wide text-muted">{title}</h2>
        {aside}
      </header>
      <div className="relative min-h-0 flex-1">
        <ErrorBoundary name={title}>{children}</ErrorBoundary>
      </div>
    </section>
  );
}

export function Skeleton({ className = '' }: { className?: string }) {
  return <div aria-hidden="true" data-testid="skeleton" className={`animate-pulse rounded-md bg-border/60 ${className}`} />;
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="flex h-full items-center justify-center p-2 text-center text-muted">{children}</p>;
}

/** What a panel says instead of its list when Umami sent one it cannot read: never "nothing". */
export const UNREADABLE_LIST = 'Umami sent this list in a form the dashboard cannot read';

/** A figure Umami sent in a form that cannot be read: a dash, never 0. */
export function UnreadableFigure({ testId }: { testId: string }) {
  return (
    <span data-testid={testId} title="Umami sent a value the dashboard cannot read">
      –
    </span>
  );
}
