import {z} from 'zod';

/** The API's error body (RFC 9457). */
export const problemSchema = z.object({
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  field: z.string().optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export class ApiError extends Error {
  readonly status: number;
  readonly field: string | undefined;
  constructor(problem: Problem) {
    super(problem.detail);
    this.status = problem.status;
    this.field = problem.field;
  }
}

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  email: z.string().nullable(),
  emailVerified: z.boolean(),
  pictureUrl: z.string().nullable(),
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
export async function api<S extends z.ZodType>(
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
        ...(init.body === undefined ? {} : {'content-type': 'application/json'}),
        ...(init.token ? {authorization: `Bearer ${init.token}`} : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiError({
      title: 'Offline',
      status: 0,
      detail: 'Cannot reach Chorus. Check your connection and try again.',
    });
  }
  if (!res.ok) {
    const problem = problemSchema.safeParse(await res.json().catch(() => null));
    throw new ApiError(
      problem.success
        ? problem.data
        : {
            title: res.statusText,
            status: res.status,
            detail: `The server answered ${res.status}. Try again.`,
          },
    );
  }
  if (res.status === 204) return schema.parse(undefined);
  return schema.parse(await res.json());
}
