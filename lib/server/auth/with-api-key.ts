/**
 * The wrapper for machine callers (CRMs, forms, agents): `Authorization: Bearer sy_…` with the
 * scope the route declares. Errors are the same JSON bodies as everywhere (401/403/422…).
 *
 *   export const POST = withApiKey("route", async (call, { key, requestId }) => ({ status: 201, body: … }))
 *
 * Handlers see the request as an `ApiCall` (headers, query, JSON body) and answer an `ApiReply`
 * (status, JSON body, headers), not web Request/Response objects: the same handler serves Next.js
 * (the returned function) and the production server's routing fast path (`.run`, see
 * lib/server/runtime/app-server.ts), which skips building web objects for every request.
 */
import { NextResponse } from "next/server";
import { AppError, asAppError, errorHeaders, requestIdFrom, statusOf, toErrorBody } from "@/lib/errors";
import { verifyApiKey, type ApiKeyScope, type VerifiedKey } from "@/lib/server/api-keys/api-keys";
import { log } from "@/lib/server/log";

/** One API request, whatever server received it. */
export interface ApiCall {
  method: string;
  path: string;
  /** A query-string parameter, or null. */
  query(name: string): string | null;
  /** A request header (case-insensitive), or null. */
  header(name: string): string | null;
  /** The body as JSON (rejects on invalid JSON: use `readJson`). */
  json(): Promise<unknown>;
}

/** What a handler answers: serialised as JSON with this status and headers. */
export interface ApiReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

type Handler<P> = (call: ApiCall, ctx: { key: VerifiedKey; params: P; requestId: string }) => Promise<ApiReply> | ApiReply;

/** A route handler for Next.js, with `run` for servers that build their own `ApiCall`. */
export interface ApiKeyRoute<P> {
  (req: Request, ctx: { params: Promise<P> }): Promise<Response>;
  run(call: ApiCall, params: P): Promise<ApiReply>;
}

export function withApiKey<P = Record<string, string>>(scope: ApiKeyScope, handler: Handler<P>): ApiKeyRoute<P> {
  const run = async (call: ApiCall, params: P): Promise<ApiReply> => {
    const requestId = requestIdFrom(call.header("x-request-id"));
    const started = performance.now();
    let keyName: string | null = null;
    try {
      const key = await verifyApiKey(call.header("authorization"));
      keyName = key?.name ?? null;
      if (!key)
        throw new AppError(
          "UNAUTHENTICATED",
          "Send a valid API key: Authorization: Bearer sy_… (an admin creates keys under Admin → API keys).",
        );
      if (!key.scopes.includes(scope)) throw new AppError("FORBIDDEN", `This API key lacks the "${scope}" scope.`);
      const reply = await handler(call, { key, params, requestId });
      log().info(
        {
          requestId,
          method: call.method,
          path: call.path,
          status: reply.status,
          ms: Math.round(performance.now() - started),
          apiKey: keyName,
        },
        "api request",
      );
      return { ...reply, headers: { ...reply.headers, "x-request-id": requestId } };
    } catch (error) {
      const status = statusOf(error);
      const entry = {
        requestId,
        method: call.method,
        path: call.path,
        status,
        ms: Math.round(performance.now() - started),
        apiKey: keyName,
      };
      const known = asAppError(error);
      if (known && known.code !== "UNAVAILABLE") log().info({ ...entry, code: known.code }, "api request refused");
      else log().error({ ...entry, err: error }, "api request failed");
      return { status, body: toErrorBody(error, requestId), headers: { ...errorHeaders(error), "x-request-id": requestId } };
    }
  };
  const route = async (req: Request, ctx: { params: Promise<P> }): Promise<Response> => {
    const reply = await run(callFromRequest(req), ((await ctx?.params) ?? {}) as P);
    return NextResponse.json(reply.body, { status: reply.status, headers: reply.headers });
  };
  return Object.assign(route, { run });
}

/** A web Request (what Next.js hands route handlers) as an ApiCall. */
export function callFromRequest(req: Request): ApiCall {
  const url = new URL(req.url);
  return {
    method: req.method,
    path: url.pathname,
    query: (name) => url.searchParams.get(name),
    header: (name) => req.headers.get(name),
    json: () => req.json(),
  };
}

/** The JSON body, or a 422 naming the problem (never a 500 for bad JSON). */
export async function readJson(call: Pick<ApiCall, "json">): Promise<unknown> {
  try {
    return await call.json();
  } catch {
    throw new AppError("VALIDATION", "The body is not valid JSON.", { fieldErrors: { body: ["Not valid JSON."] } });
  }
}
