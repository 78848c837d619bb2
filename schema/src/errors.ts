import {ApplicationError} from '@rocicorp/zero';

/**
 * Error codes shared by mutators, REST and the client. "Not found" and "not
 * allowed" deliberately share NOT_FOUND wherever telling them apart would
 * reveal that a private server, room or message exists.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  EMAIL_NOT_VERIFIED: 'EMAIL_NOT_VERIFIED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  INVALID: 'INVALID',
  LIMIT_REACHED: 'LIMIT_REACHED',
  CONFLICT: 'CONFLICT',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export type ChorusErrorDetails = {code: ErrorCode; field?: string};

/** An error a user can act on; its message is written for them. */
export class ChorusError extends ApplicationError<ChorusErrorDetails> {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  constructor(code: ErrorCode, message: string, field?: string) {
    super(message, {details: field === undefined ? {code} : {code, field}});
    this.name = 'ChorusError';
    this.code = code;
    this.field = field;
  }
}

export function isChorusError(err: unknown): err is ChorusError {
  return err instanceof ChorusError;
}

/** HTTP status for each code, used by the API's problem+json handler. */
export const httpStatusForCode: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  EMAIL_NOT_VERIFIED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID: 400,
  LIMIT_REACHED: 409,
  CONFLICT: 409,
};
