import {Component, type ReactNode} from 'react';
import {msg} from '../i18n/index.ts';

type BoundaryProps = {pathname: string; children: ReactNode};
type BoundaryState = {error: unknown; pathname: string; failed: boolean};

/**
 * Catches a screen that throws while rendering (or whose code fails to load
 * after a deploy) and shows {@link RouteError} in its place. Going to another
 * address tries again.
 */
export class RouteErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = {error: undefined, pathname: this.props.pathname, failed: false};

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return {error, failed: true};
  }

  static getDerivedStateFromProps(props: BoundaryProps, state: BoundaryState): Partial<BoundaryState> | null {
    if (props.pathname === state.pathname) return null;
    return {pathname: props.pathname, error: undefined, failed: false};
  }

  override componentDidCatch(error: unknown) {
    console.error(error);
  }

  override render() {
    return this.state.failed ? <RouteError error={this.state.error} /> : this.props.children;
  }
}

/** Shown instead of a blank page when a screen fails: what happened and what to do next. */
export function RouteError({error}: {error: unknown}) {
  const detail = error instanceof Error ? error.message : msg.errors.route.unknown;
  return (
    <main role="alert" className="m-auto flex max-w-md flex-col gap-3 p-6 text-center">
      <h1 className="text-xl font-bold">{msg.errors.route.title}</h1>
      <p className="text-ink-muted">{msg.errors.route.body}</p>
      <p className="text-xs break-words text-ink-muted">{detail}</p>
      <div className="flex justify-center gap-3">
        <button
          className="rounded-lg bg-brand px-4 py-2 text-white dark:text-[#111]"
          onClick={() => window.location.reload()}
        >
          {msg.errors.route.reload}
        </button>
        <a className="rounded-lg px-4 py-2 underline" href="/">
          {msg.errors.route.home}
        </a>
      </div>
    </main>
  );
}
