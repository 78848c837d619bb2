import * as z from 'zod/mini';
import {msg} from '../i18n/index.ts';

/** The API's error body (RFC 9457). */
export const problemSchema = z.object({
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  field: z.optional(z.string()),
  errors: z.optional(z.array(z.object({field: z.string(), message: z.string()}))),
});
export type Problem = z.infer<typeof problemSchema>;

export class ApiError extends Error {
  readonly status: number;
  readonly field: string | undefined;
  /** Every field at fault, with its message (validation problems name all of them). */
  readonly fieldErrors: Record<string, string>;
  /** For a 429 (or a 409 of a file being scanned): the seconds the server asked to wait (`Retry-After`). */
  readonly retryAfterSeconds: number | undefined;
  constructor(problem: Problem, retryAfterSeconds?: number) {
    super(problem.detail);
    this.status = problem.status;
    this.field = problem.field;
    this.retryAfterSeconds = retryAfterSeconds;
    this.fieldErrors = {};
    for (const e of problem.errors ?? []) this.fieldErrors[e.field] ??= e.message;
    if (problem.field) this.fieldErrors[problem.field] ??= problem.detail;
  }
}

/** What a form shows for a failed call: a message, and each field's own message to show beside it. */
export type FormError = {message: string; fieldErrors: Record<string, string>};

export function formError(err: unknown): FormError {
  return {
    message: err instanceof Error ? err.message : String(err),
    fieldErrors: err instanceof ApiError ? err.fieldErrors : {},
  };
}

/** Whether none of the form's `fields` can show the error beside it, so the form shows it at the top. */
export const isFormWide = (error: FormError | undefined, fields: string[]): error is FormError =>
  error !== undefined && !fields.some(field => field in error.fieldErrors);

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  email: z.nullable(z.string()),
  emailVerified: z.boolean(),
  pictureUrl: z.nullable(z.string()),
  externalLink: z.nullable(z.string()),
});
export type User = z.infer<typeof userSchema>;

export const tokenResponseSchema = z.object({
  accessToken: z.string(),
  expiresIn: z.number(),
  user: userSchema,
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/**
 * Calls the API and parses the answer with `schema` (zod at the edge). Errors
 * become ApiError with the server's own explanation; a network failure says so.
 */
export async function api<S extends z.ZodMiniType>(
  path: string,
  schema: S,
  init: {method?: string; body?: unknown; token?: string | undefined} = {},
): Promise<z.output<S>> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      credentials: 'same-origin',
      headers: {
        // Answers are parsed as JSON; a route that can also redirect (a file's download) answers JSON then.
        accept: 'application/json',
        ...(init.body === undefined ? {} : {'content-type': 'application/json'}),
        ...(init.token ? {authorization: `Bearer ${init.token}`} : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiError({
      title: 'Offline',
      status: 0,
      detail: msg.errors.offline,
    });
  }
  if (!res.ok) {
    const problem = problemSchema.safeParse(await res.json().catch(() => null));
    const retryAfter = Number.parseInt(res.headers.get('retry-after') ?? '', 10);
    const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined;
    // A 429 problem's detail already says when to retry; anything else in
    // front of the API (a proxy) may answer 429 without one.
    const fallback =
      res.status === 429
        ? msg.errors.tooManyAttempts(retryAfterSeconds)
        : msg.errors.serverAnswered(res.status);
    throw new ApiError(
      problem.success ? problem.data : {title: res.statusText, status: res.status, detail: fallback},
      retryAfterSeconds,
    );
  }
  if (res.status === 204) return schema.parse(undefined);
  return schema.parse(await res.json());
}
