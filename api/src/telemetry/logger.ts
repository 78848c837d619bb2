import pino from 'pino';
import {logContext} from './context.ts';

export type Logger = pino.Logger;

export type LoggerOptions = {
  level?: 'debug' | 'info' | 'warn' | 'error' | undefined;
  /** `json` (one object a line, for a log pipeline) or `pretty` (the message, for a terminal). */
  format?: 'json' | 'pretty' | undefined;
  /** The process's part, on every line: `api`, `worker`. */
  name?: string | undefined;
  /** Where lines go instead of stdout (tests keep them). */
  write?: ((line: string) => void) | undefined;
};

/**
 * [OP12] Structured logs: pino, one JSON object a line, each with the
 * request id (and job id and queue) of the request or job it was written
 * for, taken from the async context, so code that only has `log(line)`
 * needs no id passed down.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const stream = options.write
    ? {write: (s: string) => options.write!(s.trimEnd())}
    : options.format === 'pretty'
      ? prettyStream(options.level === 'debug')
      : undefined;
  return pino(
    {
      level: options.level ?? 'info',
      base: {name: options.name ?? 'chorus', pid: process.pid},
      mixin: () => ({...logContext()}),
      formatters: {level: label => ({level: label})},
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    stream ?? pino.destination({dest: 1, sync: true}),
  );
}

/** `log(line)` for code that writes plain lines, through `logger` (info level). */
export const lineLog =
  (logger: Logger) =>
  (line: string): void =>
    logger.info(line);

/**
 * For `npm start` in a terminal: each message as it is, as before JSON logs;
 * request lines only at debug level (else every asset would be a line).
 */
function prettyStream(requests: boolean) {
  return {
    write(s: string) {
      const entry = JSON.parse(s) as {msg?: string; level?: string; http?: unknown; err?: {stack?: string}};
      if (entry.http && !requests) return;
      const text = entry.err?.stack ? `${entry.msg ?? ''}\n${entry.err.stack}` : (entry.msg ?? s);
      (entry.level === 'error' || entry.level === 'warn' ? process.stderr : process.stdout).write(
        `${text}\n`,
      );
    },
  };
}
