import * as z from 'zod/mini';
import {ChorusError, ErrorCode} from './errors.ts';

/**
 * What queries and mutators know about the caller. On the server it comes from
 * the verified access token; on the client from the same token's claims.
 */
export const authContextSchema = z.object({
  userID: z.uuid(),
  emailVerified: z.boolean(),
  /**
   * Set by clients: queries run over the client's own replica, which holds
   * only rows the server sent under its own, unflagged context. The server
   * builds its context from the token and never sets it.
   */
  replica: z.optional(z.boolean()),
});
export type AuthContext = z.infer<typeof authContextSchema>;

export function assertLoggedIn(ctx: AuthContext | undefined): asserts ctx is AuthContext {
  if (!ctx) {
    throw new ChorusError(ErrorCode.UNAUTHENTICATED, 'Sign in to continue.');
  }
}

/** [A2] Writes that create content need a verified email address. */
export function assertVerified(ctx: AuthContext | undefined): asserts ctx is AuthContext {
  assertLoggedIn(ctx);
  if (!ctx.emailVerified) {
    throw new ChorusError(
      ErrorCode.EMAIL_NOT_VERIFIED,
      'Verify your email address first: open the link we sent you, or ask for a new one.',
    );
  }
}

declare module '@rocicorp/zero' {
  interface DefaultTypes {
    context: AuthContext | undefined;
  }
}
