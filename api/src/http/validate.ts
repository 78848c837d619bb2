import type {Context} from 'hono';
import type {z} from 'zod';
import {ProblemError, validationProblem} from './problem.ts';

/** Reads and validates a JSON body; a bad body is a 400 naming the field. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
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
  const result = schema.safeParse(raw);
  if (!result.success) throw validationProblem(result.error);
  return result.data;
}

/** Validates a path or query parameter. */
export function param<S extends z.ZodType>(name: string, value: unknown, schema: S): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationProblem(result.error, name);
  return result.data;
}
