/**
 * The production server's dispatch, over real HTTP: the routing API's two POST endpoints are
 * answered by their handlers directly (the fallback — Next.js in production — never sees them);
 * every other request goes to the fallback.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/server/api-keys/api-keys";
import { db } from "@/lib/server/db";
import { as } from "@/lib/server/policies/workflow.test-helpers";
import { createAppServer, fastRoutes } from "./app-server";

let server: Server;
let base = "";
let key = "";
/** What reached the fallback (method and path). */
const fellBack: string[] = [];

beforeAll(async () => {
  server = createAppServer(await fastRoutes(), (req, res) => {
    fellBack.push(`${req.method} ${req.url}`);
    res.writeHead(418, { "content-type": "application/json" });
    res.end(JSON.stringify({ answeredBy: "fallback" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  key = (await createApiKey(await as.admin(), { name: "fast path test", scopes: ["route"] })).key;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: "POST",
    body,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
  });

/** A lead from a stored account's domain. */
async function leadFor(id: string) {
  const account = await db().account.findFirstOrThrow({ where: { isProductWorkspace: false, domain: { not: null } } });
  return {
    id,
    type: "lead",
    fields: {
      email_domain: account.domain,
      segment: account.segment ?? "smb",
      region: account.region ?? "NA",
      fit_score: 70,
      lead_source: "inbound_demo",
    },
  };
}

describe("the production server's routing fast path", () => {
  it("answers POST /api/v1/route and /route/batch itself: decisions stored, the fallback never called", async () => {
    const record = await leadFor("fast-path-1");
    const single = await post("/api/v1/route", JSON.stringify({ record }), { "x-request-id": "fast-path-req" });
    expect(single.status).toBe(201);
    expect(single.headers.get("content-type")).toBe("application/json");
    expect(single.headers.get("x-request-id")).toBe("fast-path-req");
    const body = (await single.json()) as {
      decision: { id: string; recordId: string; explanation: string; trace: unknown };
      replayed: boolean;
    };
    expect(body.replayed).toBe(false);
    expect(body.decision.recordId).toBe("fast-path-1");
    expect(body.decision.explanation.length).toBeGreaterThan(10);
    expect(body.decision.trace).toBeNull();
    expect(await db().decision.findUnique({ where: { id: body.decision.id }, select: { source: true, requestId: true } })).toEqual({
      source: "api",
      requestId: "fast-path-req",
    });

    // ?trace=1 reaches the handler through the fast path's query parsing.
    const traced = (await (await post("/api/v1/route?trace=1", JSON.stringify({ record: { ...record, id: "fast-path-2" } }))).json()) as {
      decision: { trace: unknown[] };
    };
    expect(traced.decision.trace.length).toBeGreaterThan(0);

    const batch = await post(
      "/api/v1/route/batch",
      JSON.stringify({
        records: [
          { ...record, id: "fast-path-3" },
          { ...record, id: "fast-path-4" },
        ],
      }),
    );
    expect(batch.status).toBe(201);
    expect(await db().decision.count({ where: { recordId: { in: ["fast-path-3", "fast-path-4"] } } })).toBe(2);
    expect(fellBack).toEqual([]);
  });

  it("a retry with the same Idempotency-Key answers 200 with the first decisions and says so; single and batch alike", async () => {
    const record = await leadFor("fast-path-idem-1");
    const body = JSON.stringify({ record });
    const first = await post("/api/v1/route", body, { "idempotency-key": "fast-path-idem-single" });
    const again = await post("/api/v1/route?trace=1", body, { "idempotency-key": "fast-path-idem-single" });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect([first.headers.get("idempotent-replayed"), again.headers.get("idempotent-replayed")]).toEqual([null, "true"]);
    const [a, b] = (await Promise.all([first.json(), again.json()])) as Array<{
      decision: { id: string; trace: unknown[] | null };
      replayed: boolean;
    }>;
    expect(b).toMatchObject({ replayed: true, decision: { id: a!.decision.id } });
    expect(a!.decision.trace).toBeNull();
    expect(b!.decision.trace!.length).toBeGreaterThan(0);

    const records = JSON.stringify({
      records: [
        { ...record, id: "fast-path-idem-2" },
        { ...record, id: "fast-path-idem-3" },
      ],
    });
    const batch = await post("/api/v1/route/batch", records, { "idempotency-key": "fast-path-idem-batch" });
    const batchAgain = await post("/api/v1/route/batch", records, { "idempotency-key": "fast-path-idem-batch" });
    expect([batch.status, batchAgain.status]).toEqual([201, 200]);
    const ids = async (r: Response) => ((await r.json()) as { decisions: Array<{ id: string }> }).decisions.map((d) => d.id);
    expect(await ids(batchAgain)).toEqual(await ids(batch));
    expect(await db().decision.count({ where: { recordId: { startsWith: "fast-path-idem-" } } })).toBe(3);
    // The same key with another body is refused, naming the header.
    const other = await post("/api/v1/route", JSON.stringify({ record: { ...record, id: "fast-path-idem-4" } }), {
      "idempotency-key": "fast-path-idem-single",
    });
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ error: { code: "VALIDATION", fieldErrors: { "Idempotency-Key": expect.any(Array) } } });
  });

  it("answers the handlers' own errors as JSON (bad JSON, bad key, invalid record) without the fallback", async () => {
    const bad = await post("/api/v1/route", "{not json");
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { code: "VALIDATION" } });
    expect((await post("/api/v1/route", JSON.stringify({ record: {} }), { authorization: "Bearer sy_wrong" })).status).toBe(401);
    const invalid = await post("/api/v1/route", JSON.stringify({ record: { id: "x", type: "fax", fields: {} } }));
    expect(invalid.status).toBe(422);
    expect(fellBack).toEqual([]);
  });

  it("hands every other request to the fallback: other methods on the routing paths, other paths", async () => {
    expect((await fetch(`${base}/api/v1/route`)).status).toBe(418);
    expect((await post("/api/v1/route/other", "{}")).status).toBe(418);
    expect((await fetch(`${base}/decisions?x=1`)).status).toBe(418);
    expect(fellBack).toEqual(["GET /api/v1/route", "POST /api/v1/route/other", "GET /decisions?x=1"]);
  });
});
