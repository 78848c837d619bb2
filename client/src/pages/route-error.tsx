import {isRouteErrorResponse, useRouteError} from 'react-router';

/** Shown instead of a blank page when a screen fails: what happened and what to do next. */
export function RouteError() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Unknown error';
  console.error(error);
  return (
    <main role="alert" className="m-auto flex max-w-md flex-col gap-3 p-6 text-center">
      <h1 className="text-xl font-bold">Something went wrong on this screen</h1>
      <p className="text-ink-muted">
        Your messages are safe. Reload the page to continue; if this keeps happening, tell us what you were
        doing.
      </p>
      <p className="text-xs break-words text-ink-muted">{detail}</p>
      <div className="flex justify-center gap-3">
        <button
          className="rounded-lg bg-brand px-4 py-2 text-white dark:text-[#111]"
          onClick={() => window.location.reload()}
        >
          Reload
        </button>
        <a className="rounded-lg px-4 py-2 underline" href="/">
          Go home
        </a>
      </div>
    </main>
  );
}
