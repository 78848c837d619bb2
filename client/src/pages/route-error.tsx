import {isRouteErrorResponse, useRouteError} from 'react-router';
import {msg} from '../i18n/index.ts';

/** Shown instead of a blank page when a screen fails: what happened and what to do next. */
export function RouteError() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : msg.errors.route.unknown;
  console.error(error);
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
