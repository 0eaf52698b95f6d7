import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { as } from "@/lib/server/policies/workflow.test-helpers";
import { routeRecords } from "@/lib/server/routing/route-records";
import { verifySignature } from "./signature";
import { backoffMs, createWebhook, deliverDueWebhooks, MAX_ATTEMPTS } from "./webhooks";

interface Received {
  headers: IncomingMessage["headers"];
  body: string;
}

let server: Server;
let url = "";
let answer = 200;
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.statusCode = answer;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});

afterAll(async () => {
  await db().webhookSubscription.deleteMany({ where: { name: { startsWith: "it-" } } });
  await new Promise((r) => server.close(r));
});

const lead = (id: string) => ({
  id,
  type: "lead" as const,
  fields: { email_domain: "example-hooks.io", segment: "mid_market", region: "EMEA", fit_score: 60, lead_source: "content" },
});

describe("webhooks (real Postgres, a real HTTP endpoint)", () => {
  it("a decision is posted, signed with the subscription's secret; the worker marks it delivered", async () => {
    const { id, secret } = await createWebhook(await as.admin(), { name: "it-crm", url, events: ["decision.created"] });
    const { decisionIds } = await routeRecords({ records: [lead("hook-1")], source: "api" });
    const outbox = await db().webhookDelivery.findMany({ where: { subscriptionId: id } });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.status).toBe("pending");

    const now = new Date();
    expect(await deliverDueWebhooks(now)).toBeGreaterThanOrEqual(1);
    const got = received.find((r) => r.body.includes(decisionIds[0]!))!;
    expect(got.headers["x-switchyard-event"]).toBe("decision.created");
    expect(verifySignature(secret, got.body, String(got.headers["x-switchyard-signature"]), Math.floor(now.getTime() / 1000))).toBe(true);
    expect(verifySignature("whsec_wrong", got.body, String(got.headers["x-switchyard-signature"]), Math.floor(now.getTime() / 1000))).toBe(
      false,
    );
    const body = JSON.parse(got.body) as { event: string; data: { recordId: string; kind: string } };
    expect(body.data.recordId).toBe("hook-1");
    const row = await db().webhookDelivery.findFirstOrThrow({ where: { subscriptionId: id } });
    expect(row.status).toBe("delivered");
    expect(row.attempts).toBe(1);
  });

  it("a failing endpoint is retried with backoff and given up after the last attempt; routing never waits for it", async () => {
    answer = 500;
    const { id } = await createWebhook(await as.admin(), { name: "it-broken", url, events: ["decision.created"] });
    const { decisionIds } = await routeRecords({ records: [lead("hook-2")], source: "api" });
    expect(await db().decision.count({ where: { id: decisionIds[0] } })).toBe(1);

    let t = Date.now();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await deliverDueWebhooks(new Date(t));
      const row = await db().webhookDelivery.findFirstOrThrow({ where: { subscriptionId: id } });
      expect(row.attempts).toBe(attempt);
      expect(row.lastStatus).toBe(500);
      expect(row.status).toBe(attempt < MAX_ATTEMPTS ? "pending" : "dead");
      if (attempt < MAX_ATTEMPTS) {
        expect(row.nextAttemptAt.getTime() - t).toBe(backoffMs(attempt));
        // Not due before its time.
        await deliverDueWebhooks(new Date(row.nextAttemptAt.getTime() - 1000));
        expect((await db().webhookDelivery.findFirstOrThrow({ where: { subscriptionId: id } })).attempts).toBe(attempt);
        t = row.nextAttemptAt.getTime();
      }
    }
    answer = 200;
  });

  it("an unreachable endpoint is recorded as an error, and the decision is there", async () => {
    const { id } = await createWebhook(await as.admin(), {
      name: "it-down",
      url: "http://127.0.0.1:9/nothing",
      events: ["decision.created"],
    });
    const { decisionIds } = await routeRecords({ records: [lead("hook-3")], source: "api" });
    await deliverDueWebhooks(new Date(Date.now() + 10 * 3_600_000));
    const row = await db().webhookDelivery.findFirstOrThrow({ where: { subscriptionId: id } });
    expect(row.status).toBe("pending");
    expect(row.lastError).toBeTruthy();
    expect(await db().decision.count({ where: { id: decisionIds[0] } })).toBe(1);
  });
});
