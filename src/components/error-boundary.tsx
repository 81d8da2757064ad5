import { Component, type ErrorInfo, type ReactNode } from 'react';

type Props = { name: string; children: ReactNode; retryMs?: number };
type State = { error: Error | null };

/** After a panel fails, it is drawn again this long after (the next data may well be fine). */
export const PANEL_RETRY_MS = 30_000;

/**
 * Keeps one broken panel from taking the rest of the dashboard down, and tries it again later:
 * a screen left on for weeks must not keep a panel dark over one bad frame.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };
  private retry: ReturnType<typeof setTimeout> | null = null;

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(`[pulseboard] panel "${this.props.name}" failed`, error, info.componentStack);
    if (this.retry) clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      this.retry = null;
      this.setState({ error: null });
    }, this.props.retryMs ?? PANEL_RETRY_MS);
  }

  override componentWillUnmount() {
    if (this.retry) clearTimeout(this.retry);
  }

  override render() {
    if (this.state.error) {
      return (
        <div role="alert" className="flex h-full items-center justify-center p-4 text-center text-muted">
          This panel could not be drawn. The rest of the dashboard keeps updating; it tries again shortly.
        </div>
      );
    }
    return this.props.children;
  }
}
