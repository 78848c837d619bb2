import type {Context} from 'hono';
import {HTTPException} from 'hono/http-exception';
import type {ContentfulStatusCode} from 'hono/utils/http-status';
import {httpStatusForCode, isChorusError} from '@chorus/schema';
import {z} from 'zod';
import type {Logger} from '../telemetry/logger.ts';
import {fieldDetail} from './field-labels.ts';
import {restFieldName} from './rest-field.ts';
import {DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable} from './unavailable.ts';

/** RFC 9457 problem details, the body of every error the API returns. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** For validation errors: the first field at fault, as a dotted path. */
  field?: string;
  /** Every field at fault (dotted path) with its own message, for the form to show beside each. */
  errors?: {field: string; message: string}[];
};

/** The one error class routes throw; `onError` turns it into problem+json. */
export class ProblemError extends HTTPException {
  readonly problem: Problem;
  readonly headers: Record<string, string>;
  constructor(
    status: ContentfulStatusCode,
    title: string,
    detail: string,
    extra: Partial<Problem> & {headers?: Record<string, string>} = {},
  ) {
    super(status, {message: detail});
    const {headers = {}, ...rest} = extra;
    this.headers = headers;
    this.problem = {type: 'about:blank', title, status, detail, ...rest};
  }
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

export function validationProblem(error: z.core.$ZodError, prefix?: string): ProblemError {
  const errors = error.issues.map(issue => ({
    field: [prefix, ...issue.path].filter(p => p !== undefined).join('.') || '(body)',
    message: issue.message,
  }));
  const first = errors[0] ?? {field: '(body)', message: 'Invalid input.'};
  // `detail` is for people (alerts); the field names stay in `field` and `errors`.
  return new ProblemError(400, 'Invalid input', fieldDetail(first.field, first.message), {
    field: first.field,
    errors,
  });
}

const fieldProblem = (field: string, message: string) => ({field, errors: [{field, message}]});

/**
 * Built through the context so headers a route set before throwing survive
 * (a failed refresh must still clear the refresh cookie).
 */
export function problemResponse(c: Context, problem: Problem, headers: Record<string, string> = {}) {
  c.header('content-type', 'application/problem+json');
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return c.body(JSON.stringify(problem), problem.status as ContentfulStatusCode);
}

/** The app's single error handler. Unknown errors are logged and answered generically. */
export function onError(err: Error, c: Context, logger?: Logger): Response {
  if (err instanceof ProblemError) return problemResponse(c, err.problem, err.headers);
  if (err instanceof z.core.$ZodError) return problemResponse(c, validationProblem(err).problem);
  if (isChorusError(err)) {
    const status = httpStatusForCode[err.code];
    return problemResponse(c, {
      type: `https://chorus.chat/problems/${err.code.toLowerCase().replaceAll('_', '-')}`,
      title: titles[status] ?? 'Error',
      status,
      detail: err.message,
      ...(err.field ? fieldProblem(restFieldName(err.field), err.message) : {}),
    });
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    return problemResponse(c, {
      type: 'about:blank',
      title: titles[status] ?? 'Error',
      status,
      detail: err.message || titles[status] || 'Error',
    });
  }
  if (isDatabaseUnavailable(err)) {
    const line = `database unavailable: ${c.req.method} ${c.req.path}: ${err.message}`;
    if (logger) logger.warn(line);
    else console.warn(line);
    return problemResponse(
      c,
      {
        type: 'about:blank',
        title: 'Service Unavailable',
        status: 503,
        detail: `Chorus cannot reach its database right now. Try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds.`,
      },
      {'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS)},
    );
  }
  if (logger) logger.error({err}, `unhandled error: ${c.req.method} ${c.req.path}`);
  else console.error('Unhandled error', c.req.method, c.req.path, err);
  return problemResponse(c, {
    type: 'about:blank',
    title: 'Internal Server Error',
    status: 500,
    detail: 'Something went wrong on our side. Try again; if it keeps happening, tell us.',
  });
}

export function notFound(c: Context): Response {
  return problemResponse(c, {
    type: 'about:blank',
    title: 'Not Found',
    status: 404,
    detail: `No route for ${c.req.method} ${c.req.path}.`,
  });
}
