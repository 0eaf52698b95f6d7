/**
 * The wrapper for machine callers (CRMs, forms, agents): `Authorization: Bearer sy_…` with the
 * scope the route declares. Errors are the same JSON bodies as everywhere (401/403/422…).
 *
 *   export const POST = withApiKey("route", async (req, { key, requestId }) => …)
 */
import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { AppError, statusOf, toErrorBody } from "@/lib/errors";
import { verifyApiKey, type ApiKeyScope, type VerifiedKey } from "@/lib/server/api-keys/api-keys";
import { log } from "@/lib/server/log";

type Handler<P> = (req: Request, ctx: { key: VerifiedKey; params: P; requestId: string }) => Promise<Response> | Response;

export function withApiKey<P = Record<string, string>>(scope: ApiKeyScope, handler: Handler<P>) {
  return async (req: Request, ctx: { params: Promise<P> }): Promise<Response> => {
    const requestId = req.headers.get("x-request-id")?.slice(0, 100) || randomUUID();
    const started = performance.now();
    const path = new URL(req.url).pathname;
    let keyName: string | null = null;
    try {
      const key = await verifyApiKey(req.headers.get("authorization"));
      keyName = key?.name ?? null;
      if (!key) throw new AppError("UNAUTHENTICATED", "Send a valid API key: Authorization: Bearer sy_… (an admin creates keys under Admin → API keys).");
      if (!key.scopes.includes(scope)) throw new AppError("FORBIDDEN", `This API key lacks the "${scope}" scope.`);
      const params = (await ctx?.params) ?? ({} as P);
      const res = await handler(req, { key, params, requestId });
      res.headers.set("x-request-id", requestId);
      log().info({ requestId, method: req.method, path, status: res.status, ms: Math.round(performance.now() - started), apiKey: keyName }, "api request");
      return res;
    } catch (error) {
      const status = statusOf(error);
      const entry = { requestId, method: req.method, path, status, ms: Math.round(performance.now() - started), apiKey: keyName };
      if (error instanceof AppError) log().info({ ...entry, code: error.code }, "api request refused");
      else log().error({ ...entry, err: error }, "api request failed");
      return NextResponse.json(toErrorBody(error), { status, headers: { "x-request-id": requestId } });
    }
  };
}

/** The JSON body, or a 422 naming the problem (never a 500 for bad JSON). */
export async function readJson(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new AppError("VALIDATION", "The body is not valid JSON.", { fieldErrors: { body: ["Not valid JSON."] } });
  }
}
