import type {Context} from 'hono';
import {z} from 'zod';
import type * as core from 'zod/v4/core';
import {ProblemError, validationProblem} from './problem.ts';

/** Reads and validates a JSON body; a bad body is a 400 naming the field. */
/** Schemas may be classic or `zod/mini` (the shared argument schemas are mini, for the client's weight). */
export async function jsonBody<S extends core.$ZodType>(c: Context, schema: S): Promise<core.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('application/json')) {
    throw new ProblemError(415, 'Unsupported Media Type', 'Send the body as application/json.');
  }
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new ProblemError(400, 'Invalid input', 'The body is not valid JSON.', {field: '(body)'});
  }
  const result = z.safeParse(schema, raw);
  if (!result.success) throw validationProblem(result.error);
  return result.data;
}

/** Validates a path or query parameter. */
export function param<S extends core.$ZodType>(name: string, value: unknown, schema: S): core.output<S> {
  const result = z.safeParse(schema, value);
  if (!result.success) throw validationProblem(result.error, name);
  return result.data;
}
