// A React error boundary around one panel of the lab: when the panel throws while rendering, it shows one line saying which
// panel failed and why, with a Retry button, and the rest of the page keeps working (runs, controls, the other panels).
import { Component, type ErrorInfo, type ReactNode } from 'react';

export interface PanelBoundaryProps {
  /** The panel's name as the message says it ("the library", "the plot"). */
  name: string;
  children: ReactNode;
}

interface BoundaryState { error: Error | null; attempt: number }

export class PanelBoundary extends Component<PanelBoundaryProps, BoundaryState> {
  state: BoundaryState = { error: null, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`GlassLab: ${this.props.name} failed`, error, info.componentStack);
  }

  private readonly retry = () => this.setState((s) => ({ error: null, attempt: s.attempt + 1 }));

  render(): ReactNode {
    const { error, attempt } = this.state;
    if (!error) return <PanelAttempt key={attempt}>{this.props.children}</PanelAttempt>;
    const why = error.message.length > 120 ? `${error.message.slice(0, 120)}…` : error.message;
    return (
      <section className="panel panel-failed" role="alert" data-testid="panel-failed">
        <p>{this.props.name[0].toUpperCase() + this.props.name.slice(1)} stopped working: {why}. The rest of the lab still works.</p>
        <button type="button" data-testid="panel-retry" onClick={this.retry}>Retry</button>
      </section>
    );
  }
}

/** Remounts the panel on each retry (a fresh key), so it starts from a clean state. */
function PanelAttempt({ children }: { children: ReactNode }) {
  return <>{children}</>;
}
