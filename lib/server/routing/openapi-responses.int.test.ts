/**
 * The OpenAPI document's response schemas against what the API really sends: every canonical
 * record of the demo suite routed over HTTP (the production server's fast path), one at a time
 * and as a batch, then read back through GET /api/v1/decisions/{id}; an error too. Each answer
 * must parse with the zod schema the document is generated from, and carry no key the document
 * does not list.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { GET as getDecision } from "@/app/api/v1/decisions/[id]/route";
import { parseSuiteText } from "@/lib/engine/test-suite";
import { decisionResponseSchema, errorBodySchema, routeBatchResponseSchema, routeResponseSchema } from "@/lib/schemas/decision-view";
import { createApiKey } from "@/lib/server/api-keys/api-keys";
import { db } from "@/lib/server/db";
import { as } from "@/lib/server/policies/workflow.test-helpers";
import { listenFastPath } from "@/lib/server/runtime/app-server.test-helpers";
import { openApiDocument } from "@/lib/api/openapi";

type Json = Record<string, unknown>;
const doc = openApiDocument("http://localhost");
const schemas = doc.components.schemas as Record<string, Json>;

/** Every property name the document allows at this level of a schema (through $ref, allOf, anyOf, oneOf). */
function documentedKeys(schema: Json): Set<string> {
  const keys = new Set<string>();
  const visit = (s: Json) => {
    if (typeof s.$ref === "string") return visit(schemas[s.$ref.split("/").pop()!]!);
    for (const k of Object.keys((s.properties as Json | undefined) ?? {})) keys.add(k);
    for (const part of [...((s.allOf as Json[]) ?? []), ...((s.anyOf as Json[]) ?? []), ...((s.oneOf as Json[]) ?? [])]) visit(part);
  };
  visit(schema);
  return keys;
}

function expectDocumented(body: Json, schema: Json, where: string) {
  const allowed = documentedKeys(schema);
  for (const k of Object.keys(body)) expect(allowed.has(k), `${where}: "${k}" is sent but not in the OpenAPI document`).toBe(true);
}

function expectParses(schema: z.ZodType, body: unknown, where: string) {
  const r = schema.safeParse(body);
  expect(r.success ? [] : r.error.issues, where).toEqual([]);
}

const decisionKeys = () => documentedKeys(schemas.Decision!);

let fast: Awaited<ReturnType<typeof listenFastPath>>;
let key = "";
beforeAll(async () => {
  fast = await listenFastPath();
  key = (await createApiKey(await as.admin(), { name: "openapi responses", scopes: ["route", "decisions:read"] })).key;
});
afterAll(async () => {
  await fast.close();
});

const suite = parseSuiteText(readFileSync("examples/lumen-suite.yaml", "utf8"));
if (!suite.ok) throw new Error("the demo suite does not parse");
const records = suite.suite.cases.map((c, i) => ({ ...c.record, id: `openapi-${i}-${c.id}` }));
/** Routed last, with everyone made unavailable (this file has its own database): it waits in a queue. */
const waiting = {
  id: "openapi-waiting",
  type: "lead",
  fields: { email_domain: "openapi-waiting.example", segment: "enterprise", region: "NA", fit_score: 70 },
};

const post = (path: string, body: unknown) =>
  fetch(`${fast.base}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("API responses match the OpenAPI document", () => {
  it("POST /api/v1/route (with and without the trace) and GET /api/v1/decisions/{id}, for every canonical record", async () => {
    const kinds = new Set<string>();
    for (const [i, record] of [...records, waiting].entries()) {
      if (record === waiting) await db().member.updateMany({ data: { active: false } });
      const res = await post(`/api/v1/route${i % 2 ? "?trace=1" : ""}`, { record });
      expect(res.status, record.id).toBe(201);
      const body = (await res.json()) as Json;
      expectParses(routeResponseSchema, body, record.id);
      expectDocumented(body, schemas.RouteResponse!, "POST /route");
      const decision = body.decision as Json;
      for (const k of Object.keys(decision)) expect(decisionKeys().has(k), `decision.${k} is not documented`).toBe(true);
      kinds.add(decision.kind as string);

      const read = await getDecision.run(
        {
          method: "GET",
          path: "",
          query: () => null,
          header: (n) => (n === "authorization" ? `Bearer ${key}` : null),
          json: async () => ({}),
        },
        { id: decision.id as string },
      );
      expect(read.status).toBe(200);
      const again = JSON.parse(JSON.stringify(read.body)) as Json;
      expectParses(decisionResponseSchema, again, `GET ${record.id}`);
      for (const k of Object.keys(again.decision as Json)) expect(decisionKeys().has(k), `GET decision.${k} is not documented`).toBe(true);
    }
    // The suite covers every kind of outcome: each was checked against the document.
    expect([...kinds].sort()).toEqual(["assigned", "exception", "queued", "suppressed"]);
  });

  it("POST /api/v1/route/batch", async () => {
    await db().member.updateMany({ data: { active: true } });
    const res = await post("/api/v1/route/batch?trace=1", { records: records.map((r) => ({ ...r, id: `${r.id}-batch` })) });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Json;
    expectParses(routeBatchResponseSchema, body, "batch");
    expectDocumented(body, schemas.RouteBatchResponse!, "POST /route/batch");
  });

  it("an error answer", async () => {
    const res = await post("/api/v1/route", { record: { id: "x", type: "spaceship", fields: {} } });
    expect(res.status).toBe(422);
    const body = (await res.json()) as Json;
    expectParses(errorBodySchema, body, "error");
    expectDocumented(body.error as Json, (schemas.Error!.properties as Json).error as Json, "error");
  });
});
