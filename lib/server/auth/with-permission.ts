/**
 * The one authorisation wrapper. Every route handler, server action and page declares the
 * permission it needs here; the check runs on the server for every read and write.
 *
 *   export const GET = withPermission("accounts:read", async (req, { user }) => …)
 *   export const saveX = protectedAction("members:manage", schema, async (input, user) => …)
 *   const user = await requirePage("members:read")
 */
import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { NextResponse } from "next/server";
import { z } from "zod";
import { hasPermission, type Permission } from "@/lib/auth/permissions";
import { AppError, addFieldError, asAppError, errorHeaders, requestIdFrom, statusOf, toErrorBody, type FieldErrors } from "@/lib/errors";
import { log } from "@/lib/server/log";
import { getCurrentUser, type CurrentUser } from "./current-user";

export const PATH_HEADER = "x-switchyard-path";

/** One permission, or a list meaning "any of these"; null = any signed-in user. */
export type Requirement = Permission | readonly Permission[] | null;

function allows(user: CurrentUser, requirement: Requirement): boolean {
  if (requirement === null) return true;
  const anyOf = typeof requirement === "string" ? [requirement] : requirement;
  return anyOf.some((p) => hasPermission(user.role, p));
}

/** Throws UNAUTHENTICATED / FORBIDDEN as AppError; returns the user otherwise. */
export async function authorize(permission: Requirement): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  if (!allows(user, permission)) {
    throw new AppError("FORBIDDEN", "Your role does not allow this. Ask an admin if you need access.");
  }
  return user;
}

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    addFieldError(out, key, issue.message);
  }
  return out;
}

/** Normalises zod failures into AppError(VALIDATION) naming each field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = zodFieldErrors(parsed.error);
    const fields = Object.keys(fieldErrors).join(", ");
    throw new AppError("VALIDATION", `Check these fields: ${fields}.`, { fieldErrors });
  }
  return parsed.data;
}

function logUnexpected(where: string, error: unknown, requestId: string): void {
  const known = asAppError(error);
  if (!known || known.code === "UNAVAILABLE" || known.code === "CONFLICT")
    log()[known ? "warn" : "error"]({ where, requestId, err: error }, known ? `request ${known.code.toLowerCase()}` : "unexpected error");
}

interface RouteContext<P> {
  params: Promise<P>;
}

type Handler<P> = (req: Request, ctx: { user: CurrentUser; params: P }) => Promise<Response> | Response;

/** Route handler wrapper: 401/403 JSON, AppError → its status, anything else → 500 without a stack. */
export function withPermission<P = Record<string, string>>(permission: Requirement, handler: Handler<P>) {
  return async (req: Request, ctx: RouteContext<P>): Promise<Response> => {
    const requestId = requestIdFrom(req.headers.get("x-request-id"));
    try {
      const user = await authorize(permission);
      const params = (await ctx?.params) ?? ({} as P);
      return await handler(req, { user, params });
    } catch (error) {
      logUnexpected(`${req.method} ${new URL(req.url).pathname}`, error, requestId);
      return NextResponse.json(toErrorBody(error, requestId), {
        status: statusOf(error),
        headers: { ...errorHeaders(error), "x-request-id": requestId },
      });
    }
  };
}

export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; error: { code: string; message: string; fieldErrors?: FieldErrors; requestId?: string } };

/** An action as the forms call it, carrying what it requires (read by the authorisation matrix test). */
export type GuardedAction<R> = ((input: unknown) => Promise<ActionResult<R>>) & { readonly requirement: Requirement | "public" };

async function settle<R>(run: () => Promise<R>): Promise<ActionResult<R>> {
  try {
    return { ok: true, data: await run() };
  } catch (error) {
    const requestId = crypto.randomUUID();
    logUnexpected("server action", error, requestId);
    return { ok: false, error: toErrorBody(error, requestId).error };
  }
}

/**
 * Server action wrapper: the permission first (someone who may not act learns nothing about the
 * input it takes), then zod-validated input, and a result the form can show.
 */
export function protectedAction<S extends z.ZodType, R>(
  permission: Requirement,
  schema: S,
  fn: (input: z.infer<S>, user: CurrentUser) => Promise<R>,
): GuardedAction<R> {
  const action = async (input: unknown) =>
    settle(async () => {
      const user = await authorize(permission);
      return fn(parseOrThrow(schema, input), user);
    });
  return Object.assign(action, { requirement: permission });
}

/**
 * For the few actions a signed-out person may take (setting a password through a one-time
 * link): zod-validated input and the same result shape, with no session required — the action's
 * own check (the link's token) is the authorisation.
 */
export function publicAction<S extends z.ZodType, R>(schema: S, fn: (input: z.infer<S>) => Promise<R>): GuardedAction<R> {
  const action = async (input: unknown) => settle(async () => fn(parseOrThrow(schema, input)));
  return Object.assign(action, { requirement: "public" as const });
}

/**
 * For pages: what a page loads, with a record that does not exist or is outside the user's scope
 * (AppError NOT_FOUND) as the console's 404 page and FORBIDDEN as its 403 — inside the shell,
 * never a 500.
 */
export async function pageData<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    if (error instanceof AppError && error.code === "FORBIDDEN") forbidden();
    throw error;
  }
}

/** For pages: signed out → the sign-in page (coming back here after), wrong role → 403 page. */
export async function requirePage(permission: Requirement = null): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) {
    const path = (await headers()).get(PATH_HEADER) ?? "/";
    redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  }
  if (!allows(user, permission)) forbidden();
  return user;
}
