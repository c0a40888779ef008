import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** Changing it (e.g. the route) clears a caught error. */
  resetKey?: unknown;
}

interface State {
  error: Error | null;
}

/** Keeps one broken page from blanking the whole app; the rest of the layout stays usable. */
export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Page crashed', error, info.componentStack);
  }

  componentDidUpdate(prev: Props) {
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  render() {
    if (!this.state.error) return this.props.children;
    // A chunk that failed to load after a redeploy is fixed by a reload, not by a retry.
    const stale = /dynamically imported module|Failed to fetch/i.test(this.state.error.message);
    return (
      <div className="notice notice-error" role="alert">
        <strong>This page stopped working. </strong>
        {stale ? 'A newer version of the dashboard is available.' : this.state.error.message}
        <button
          type="button"
          className="button button-small"
          onClick={() => (stale ? window.location.reload() : this.setState({ error: null }))}
        >
          {stale ? 'Reload' : 'Try again'}
        </button>
      </div>
    );
  }
}
