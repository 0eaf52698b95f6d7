/**
 * The production server's dispatch (server.ts): POST /api/v1/route and
 * /api/v1/route/batch go straight to their route handlers' `run` (an `ApiCall` built from Node's
 * request, the `ApiReply` written as JSON), skipping the framework's per-request work; every
 * other request — other paths, other methods on those paths — goes to `fallback` (Next.js).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { AppError, errorHeaders, requestIdFrom, statusOf, toErrorBody } from "@/lib/errors";
import type { ApiCall, ApiKeyRoute, ApiReply } from "@/lib/server/auth/with-api-key";
import { log } from "@/lib/server/log";
import { API_CSP, SECURITY_HEADERS } from "@/lib/http/security-headers.mjs";

/** The same security headers Next.js gives every other response (next.config.js). */
const HEADERS: Record<string, string> = {
  ...Object.fromEntries(SECURITY_HEADERS.map((h) => [h.key.toLowerCase(), h.value])),
  "content-security-policy": API_CSP,
};

const MAX_BODY = 16 * 1024 * 1024;

export type FastRoute = ApiKeyRoute<Record<string, string>>;

export async function fastRoutes(): Promise<Map<string, FastRoute>> {
  const [single, batch] = await Promise.all([import("@/app/api/v1/route/route"), import("@/app/api/v1/route/batch/route")]);
  return new Map<string, FastRoute>([
    ["/api/v1/route", single.POST],
    ["/api/v1/route/batch", batch.POST],
  ]);
}

/** Past this, an oversized body is no longer read to its end (the connection is cut instead). */
const MAX_DRAIN = 4 * MAX_BODY;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // Too large: read the rest without keeping it, so the client gets the answer, not a reset.
    if (size > MAX_BODY) {
      chunks.length = 0;
      if (size > MAX_DRAIN) req.destroy();
      continue;
    }
    chunks.push(chunk as Buffer);
  }
  if (size > MAX_BODY) {
    throw new AppError("VALIDATION", "The body is larger than 16 MB: send fewer records per batch.", {
      fieldErrors: { body: ["Larger than 16 MB."] },
    });
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** Node's request as the handlers' ApiCall (no web Request built). */
function toCall(req: IncomingMessage, path: string, body: Buffer): ApiCall {
  const q = (req.url ?? "").indexOf("?");
  let query: URLSearchParams | null = null;
  return {
    method: req.method ?? "POST",
    path,
    query: (name) => (q < 0 ? null : (query ??= new URLSearchParams(req.url!.slice(q + 1))).get(name)),
    header: (name) => {
      const v = req.headers[name.toLowerCase()];
      return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
    },
    json: async () => JSON.parse(body.toString("utf8")) as unknown,
  };
}

function send(res: ServerResponse, reply: ApiReply): void {
  const body = Buffer.from(JSON.stringify(reply.body));
  res.writeHead(reply.status, { ...HEADERS, ...reply.headers, "content-type": "application/json", "content-length": String(body.length) });
  res.end(body);
}

/** An HTTP server: the fast routes by POST path, everything else to `fallback`. */
export function createAppServer(routes: Map<string, FastRoute>, fallback: (req: IncomingMessage, res: ServerResponse) => void): Server {
  return createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const fast = req.method === "POST" ? routes.get(path) : undefined;
    if (!fast) {
      fallback(req, res);
      return;
    }
    void readBody(req)
      .then((body) => fast.run(toCall(req, path, body), {}))
      .then((reply) => send(res, reply))
      .catch((error: unknown) => {
        // The handlers answer their own errors; this is reading the body or writing the answer.
        if (!(error instanceof AppError)) log().error({ err: error, path }, "routing fast path failed");
        if (res.headersSent) return void res.end();
        const requestId = requestIdFrom(req.headers["x-request-id"] as string | undefined);
        res.writeHead(statusOf(error), {
          ...HEADERS,
          ...errorHeaders(error),
          "x-request-id": requestId,
          "content-type": "application/json",
        });
        res.end(JSON.stringify(toErrorBody(error, requestId)));
      });
  });
}
