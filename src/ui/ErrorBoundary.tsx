// Catches a render error anywhere below it and hands it to the screen host, which ends the session as a crash.
import { Component, type ReactNode } from 'react';

/** Props: the tree to guard and who hears about the error. */
export interface ErrorBoundaryProps {
  children?: ReactNode;
  onError: (error: Error) => void;
}

/** Draws nothing once a child failed to render; the host restores the terminal and reports. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error): void {
    this.props.onError(error);
  }

  override render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}
