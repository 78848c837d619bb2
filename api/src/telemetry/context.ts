import {AsyncLocalStorage} from 'node:async_hooks';

/** What every log line written while handling one request or one job carries. */
export type LogContext = {
  /** The request's id (`X-Request-Id`), or the id of the request that queued the job. */
  requestId?: string | undefined;
  jobId?: string | undefined;
  queue?: string | undefined;
};

const storage = new AsyncLocalStorage<LogContext>();

/** The context of the request or job this code runs for, if any. */
export const logContext = (): LogContext | undefined => storage.getStore();

/** Runs `fn` (and everything it awaits) with `context` on its log lines. */
export const withLogContext = <T>(context: LogContext, fn: () => T): T => storage.run(context, fn);
