import * as z from 'zod/mini';

/**
 * [V1] Postgres text cannot hold U+0000: a NUL that reached a query failed
 * it with a 500. Every schema of free text adds this check, so each door
 * (REST bodies, Zero mutators, auth forms) refuses it as a 400 naming the
 * field. Works in `zod/mini` and classic schemas alike: `.check(noNul)`.
 */
export const noNul = z.refine<string>(text => !text.includes('\u0000'), {
  message: 'Remove the NUL character (U+0000): text cannot contain it.',
});
