import { Component, type ErrorInfo, type ReactNode } from 'react';

type Props = { name: string; children: ReactNode };
type State = { error: Error | null };

/** Keeps one broken panel from taking the rest of the dashboard down. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(`[pulseboard] panel "${this.props.name}" failed`, error, info.componentStack);
  }

  override render() {
    if (this.state.error) {
      return (
        <div role="alert" className="flex h-full items-center justify-center p-4 text-center text-muted">
          This panel could not be drawn. The rest of the dashboard keeps updating.
        </div>
      );
    }
    return this.props.children;
  }
}
