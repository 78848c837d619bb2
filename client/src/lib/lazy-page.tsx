import {lazy, Suspense, type ComponentType} from 'react';
import {msg} from '../i18n/index.ts';

/**
 * A screen whose code loads the first time it is shown. Until then its place
 * says it is loading; the rest of the app (rail, sidebar) stays. Navigations
 * run in a transition, so moving to a screen not loaded yet keeps the current
 * one on screen until the new one is ready.
 */
export function lazyPage(load: () => Promise<ComponentType>): ComponentType {
  const Page = lazy(async () => ({default: await load()}));
  return function LazyPage() {
    return (
      <Suspense
        fallback={
          <p role="status" className="m-auto p-8 text-center text-ink-muted">
            {msg.app.loading}
          </p>
        }
      >
        <Page />
      </Suspense>
    );
  };
}
