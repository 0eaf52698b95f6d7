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
  /** `requestId`: quote it to support; the server log has the same id. */
  error: { code: ErrorCode; message: string; fieldErrors?: FieldErrors; requestId?: string };
}

const GENERIC_MESSAGE = "Something went wrong on our side. The error was logged; try again in a moment.";

/** Seconds a client should wait before retrying a 503 (the database restarting, failing over…). */
export const RETRY_AFTER_SECONDS = 5;

/** PostgreSQL SQLSTATEs and Prisma codes by what they mean to the person who sent the request. */
const LOST_RACE = new Set(["23505", "40001", "40P01", "P2002", "P2034"]);
const DATABASE_DOWN = new Set([
  "P1001",
  "P1002",
  "P1017",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "08000",
  "08001",
  "08003",
  "08006",
]);

/** What node-postgres says, without a code, when the database is gone, paused or cut off. */
const DATABASE_DOWN_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Connection terminated due to connection timeout)/;

/** The codes a database error carries: its own (pg SQLSTATE, Node's errno, Prisma's P-code) and the driver's beneath it. */
function codesOf(error: unknown): string[] {
  const out: string[] = [];
  let e: unknown = error;
  for (let depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    const x = e as {
      code?: unknown;
      message?: unknown;
      meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; originalMessage?: unknown } } };
      cause?: unknown;
    };
    if (typeof x.code === "string") out.push(x.code);
    // No code, only the driver's words: counted as the database being unreachable (08006, connection failure).
    const words = [x.message, x.meta?.driverAdapterError?.cause?.originalMessage];
    if (words.some((w) => typeof w === "string" && DATABASE_DOWN_MESSAGE.test(w))) out.push("08006");
    const original = x.meta?.driverAdapterError?.cause?.originalCode;
    if (typeof original === "string") out.push(original);
    e = x.cause;
  }
  return out;
}

/**
 * Any thrown value as the error a user sees: AppErrors as they are; a lost race (a unique key
 * someone else just took, a serialisation failure or deadlock) as CONFLICT, never a 500; the
 * database unreachable as UNAVAILABLE (503, retry). Null for everything else (INTERNAL).
 */
export function asAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  const codes = codesOf(error);
  if (codes.some((c) => LOST_RACE.has(c)))
    return new AppError("CONFLICT", "Someone else changed this at the same moment (or it already exists). Reload and try again.", {
      cause: error,
    });
  if (codes.some((c) => DATABASE_DOWN.has(c)))
    return new AppError(
      "UNAVAILABLE",
      `The database is not reachable right now. Try again in ${RETRY_AFTER_SECONDS} seconds (API clients: with the same Idempotency-Key, so a change that was saved before the answer was lost is not made twice).`,
      { cause: error },
    );
  return null;
}

/** The body a user or API client sees for any thrown value (with the request's id, when there is one). */
export function toErrorBody(error: unknown, requestId?: string): ErrorBody {
  const known = asAppError(error);
  const body: ErrorBody = known
    ? { error: { code: known.code, message: known.message, fieldErrors: known.fieldErrors } }
    : { error: { code: "INTERNAL", message: GENERIC_MESSAGE } };
  if (requestId) body.error.requestId = requestId;
  return body;
}

export function statusOf(error: unknown): number {
  const known = asAppError(error);
  return known ? httpStatusFor(known.code) : 500;
}

/** Headers an error answer carries: Retry-After on a 503. */
export function errorHeaders(error: unknown): Record<string, string> {
  return statusOf(error) === 503 ? { "retry-after": String(RETRY_AFTER_SECONDS) } : {};
}

/** The caller's X-Request-Id when it is a plain token (letters, digits, . _ : -, up to 100), else a fresh one. */
export function requestIdFrom(header: string | null | undefined): string {
  return header && /^[\w.:-]{1,100}$/.test(header) ? header : crypto.randomUUID();
}

/**
 * Adds a message for `field`, whatever the field's name: own properties only, so a field called
 * "constructor", "toString" or "__proto__" (a typo, or a probe) is an entry like any other.
 */
export function addFieldError(errors: FieldErrors, field: string, message: string): void {
  if (Object.hasOwn(errors, field)) errors[field]!.push(message);
  else Object.defineProperty(errors, field, { value: [message], enumerable: true, writable: true, configurable: true });
}
