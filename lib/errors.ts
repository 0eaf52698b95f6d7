/**
 * The one error type the application throws on purpose. Route handlers and server actions turn
 * it into a response through `toErrorBody` / `httpStatusFor`; anything else becomes INTERNAL
 * with a generic message (the stack goes to the server log, never to the user).
 */
export const ERROR_CODES = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 422,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Field path → messages, e.g. { "email": ["Enter an email address"] }. */
export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: FieldErrors;

  constructor(code: ErrorCode, message: string, options?: { fieldErrors?: FieldErrors; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = options?.fieldErrors;
  }
}

export function httpStatusFor(code: ErrorCode): number {
  return ERROR_CODES[code];
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fieldErrors?: FieldErrors };
}

const GENERIC_MESSAGE = "Something went wrong on our side. The error was logged; try again in a moment.";

/** The body a user or API client sees for any thrown value. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof AppError) {
    return { error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors } };
  }
  return { error: { code: "INTERNAL", message: GENERIC_MESSAGE } };
}

export function statusOf(error: unknown): number {
  return error instanceof AppError ? httpStatusFor(error.code) : 500;
}
