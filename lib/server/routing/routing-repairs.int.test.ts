/**
 * The routing repairs through the real API (POST /api/v1/route over HTTP, PUT /api/v1/accounts
 * through its route handler), on the seeded database with the reference policy live:
 * an inactive or unknown owner is never assigned, registrable domains come from the Public
 * Suffix List, undeclared fields are warned about (or refused), account types are not guessed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUT as putAccount } from "@/app/api/v1/accounts/[externalId]/route";
import { listenFastPath } from "@/lib/server/runtime/app-server.test-helpers";
import { upsertAccount } from "@/lib/server/accounts/upsert-accounts";
import { createApiKey } from "@/lib/server/api-keys/api-keys";
import { db } from "@/lib/server/db";
import { approvedVersion, as } from "@/lib/server/policies/workflow.test-helpers";
import { publishVersion } from "@/lib/server/policies/workflow";
import { invalidateAccountIndex } from "./account-index";

let fastPath: Awaited<ReturnType<typeof listenFastPath>>;
let base = "";
let routeKey = "";
let accountsKey = "";
const actor = { id: null, email: "api-key:repairs-test" };

beforeAll(async () => {
  fastPath = await listenFastPath();
  base = fastPath.base;
  routeKey = (await createApiKey(await as.admin(), { name: "repairs route", scopes: ["route"] })).key;
  accountsKey = (await createApiKey(await as.admin(), { name: "repairs accounts", scopes: ["accounts:write"] })).key;
  // A member who has left, still the owner of a named account (and of one under a .com.mx domain).
  const team = await db().team.findFirstOrThrow();
  await db().member.create({
    data: {
      name: "Lee Left",
      email: "lee.left@lumendata.example",
      title: "AE",
      function: "account_executive",
      teamId: team.id,
      active: false,
    },
  });
  for (const [id, name, domain, owner] of [
    ["REPAIR-LEFT", "Left Behind Corp", "leftbehind.example", "lee.left@lumendata.example"],
    ["REPAIR-MX", "Acme Repair México", "acmerepair.com.mx", "dana.ruiz@lumendata.example"],
    // An account that carries a free-mail domain (a CRM import mistake): never matched on it.
    ["REPAIR-FREEMAIL", "Someone on Yahoo México", "yahoo.com.mx", "dana.ruiz@lumendata.example"],
  ] as const) {
    const r = await upsertAccount(actor, id, { name, domain, segment: "enterprise", region: "LATAM", is_named_account: true, owner });
    expect(r.problems).toEqual([]);
  }
  invalidateAccountIndex();
});

afterAll(async () => {
  // Leave the shared database as the other files expect it: the demo's 40 members and accounts.
  await db().account.deleteMany({ where: { externalId: { in: ["REPAIR-LEFT", "REPAIR-MX", "REPAIR-FREEMAIL", "REPAIR-TYPES"] } } });
  await db().member.delete({ where: { email: "lee.left@lumendata.example" } });
  invalidateAccountIndex();
  await fastPath.close();
});

interface RoutedBody {
  decision: {
    id: string;
    kind: string;
    reasonCode?: string;
    assignee?: string;
    ruleKey?: string | null;
    message?: string;
    fields?: string[];
    warnings?: Array<{ field: string; suggestion: string | null }>;
    inputs: Record<string, unknown>;
  };
}
const route = async (fields: Record<string, unknown>, id: string) => {
  const res = await fetch(`${base}/api/v1/route`, {
    method: "POST",
    headers: { authorization: `Bearer ${routeKey}`, "content-type": "application/json" },
    body: JSON.stringify({ record: { id, type: "lead", fields: { segment: "enterprise", region: "LATAM", ...fields } } }),
  });
  return {
    status: res.status,
    body: (await res.json()) as RoutedBody & { error?: { code: string; fieldErrors?: Record<string, string[]> } },
  };
};

describe("routing repairs through the API", () => {
  it("an inactive owner is never assigned: OWNER_INACTIVE naming them, stored as an exception", async () => {
    const { status, body } = await route({ email_domain: "leftbehind.example" }, "repair-inactive-1");
    expect(status).toBe(201);
    expect(body.decision).toMatchObject({
      kind: "exception",
      reasonCode: "OWNER_INACTIVE",
      ruleKey: "named-account-owner",
      fields: ["account.owner_id"],
    });
    expect(body.decision.message).toContain("lee.left@lumendata.example");
    const stored = await db().decision.findUniqueOrThrow({ where: { id: body.decision.id } });
    expect(stored).toMatchObject({ kind: "exception", reasonCode: "OWNER_INACTIVE", assigneeKey: null, currentAssigneeKey: null });
    // The state it saw holds the owner, so replay reproduces it (and the member's load did not move).
    expect((stored.stateSnapshot as { members: Record<string, { active: boolean }> }).members["lee.left@lumendata.example"]).toMatchObject({
      active: false,
    });
    expect((await db().member.findUniqueOrThrow({ where: { email: "lee.left@lumendata.example" } })).activeLoad).toBe(0);
  });

  it("registrable domains from the Public Suffix List: ana@x.com.mx is not Acme's .com.mx account; ventas.acmerepair.com.mx is", async () => {
    const stranger = await route({ email_domain: "ana@x.com.mx" }, "repair-psl-1");
    expect(stranger.status).toBe(201);
    expect(stranger.body.decision.inputs["account.id"]).toBeNull();
    expect(stranger.body.decision.ruleKey).not.toBe("named-account-owner");
    const acme = await route({ email_domain: "luis@ventas.acmerepair.com.mx" }, "repair-psl-2");
    expect(acme.body.decision).toMatchObject({ kind: "assigned", assignee: "dana.ruiz@lumendata.example", ruleKey: "named-account-owner" });
    expect(acme.body.decision.inputs["account.id"]).toBe("REPAIR-MX");
    // A free-mail domain from the maintained list is never matched, though an account carries it.
    const gmail = await route({ email_domain: "someone@yahoo.com.mx" }, "repair-psl-3");
    expect(gmail.body.decision.inputs["account.id"]).toBeNull();
  });

  it("an undeclared field is warned about on the stored decision, the near-miss named", async () => {
    const { status, body } = await route({ email_domain: "nobody-here.example", fit_scor: 80 }, "repair-unknown-1");
    expect(status).toBe(201);
    expect(body.decision.warnings).toEqual([expect.objectContaining({ field: "fit_scor", suggestion: "fit_score" })]);
    const stored = await db().decision.findUniqueOrThrow({ where: { id: body.decision.id } });
    expect((stored.decision as { warnings?: unknown[] }).warnings).toHaveLength(1);
  });

  it("with unknownFields: reject live, the API answers 422 naming the field and stores nothing; other requests still route", async () => {
    const reject = await approvedVersion((d) => {
      d.unknownFields = "reject";
    }, "Refuse fields the policy does not declare.");
    await publishVersion(await as.admin(), reject.id, "Repairs test: reject undeclared fields.");
    const before = await db().decision.count();
    const [bad, good] = await Promise.all([
      route({ email_domain: "nobody-here.example", fit_scor: 80 }, "repair-reject-1"),
      route({ email_domain: "nobody-here.example", fit_score: 80 }, "repair-reject-2"),
    ]);
    expect(bad.status).toBe(422);
    expect(bad.body.error?.fieldErrors?.["record.fields.fit_scor"]?.[0]).toContain('did you mean "fit_score"');
    expect(good.status).toBe(201);
    expect(await db().decision.count()).toBe(before + 1);
    expect(await db().decision.count({ where: { recordId: "repair-reject-1" } })).toBe(0);
    // Back to warn for the files after this one.
    const warn = await approvedVersion((d) => {
      d.unknownFields = "warn";
    }, "Back to warnings.");
    await publishVersion(await as.admin(), warn.id, "Repairs test: restore.");
  });

  it("receivedAt starts the SLA clock (stored canonically, replayable); a bad one is a 422 naming it; a body cannot hand-assign", async () => {
    const post = async (record: Record<string, unknown>) => {
      const res = await fetch(`${base}/api/v1/route`, {
        method: "POST",
        headers: { authorization: `Bearer ${routeKey}`, "content-type": "application/json" },
        body: JSON.stringify({ record }),
      });
      return {
        status: res.status,
        body: (await res.json()) as {
          decision?: { id: string; slaMinutes?: number | null; slaDueAt?: string | null; ruleKey?: string };
          error?: { fieldErrors?: Record<string, string[]> };
        },
      };
    };
    const fields = { email_domain: "luis@ventas.acmerepair.com.mx", segment: "enterprise", region: "LATAM" };
    const bad = await post({ id: "repair-received-0", type: "lead", fields, receivedAt: "2026-02-30T10:00:00Z" });
    expect(bad.status).toBe(422);
    expect(bad.body.error?.fieldErrors?.["record.receivedAt"]?.[0]).toContain("ISO 8601");
    const received = new Date(Date.now() - 90 * 60_000);
    const offset = received.toISOString().replace("Z", "+00:00");
    const ok = await post({ id: "repair-received-1", type: "lead", fields, receivedAt: offset, manualQueue: "routing-review" });
    expect(ok.status).toBe(201);
    const d = ok.body.decision!;
    expect(d.ruleKey).toBe("named-account-owner");
    expect(d.slaMinutes).toBeGreaterThan(0);
    expect(d.slaDueAt).toBe(new Date(received.getTime() + d.slaMinutes! * 60_000).toISOString());
    const stored = await db().decision.findUniqueOrThrow({ where: { id: d.id } });
    expect(stored.record).toEqual({ id: "repair-received-1", type: "lead", fields, receivedAt: received.toISOString() });
  });

  it("PUT /api/v1/accounts refuses wrong types and unknown fields, naming each; nothing is written", async () => {
    const put = (externalId: string, body: unknown) =>
      putAccount(
        new Request(`http://localhost/api/v1/accounts/${externalId}`, {
          method: "PUT",
          headers: { authorization: `Bearer ${accountsKey}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
        { params: Promise.resolve({ externalId }) },
      );
    const res = await put("REPAIR-TYPES", {
      name: "Typed Co",
      employee_count: "20",
      is_strategic: "yes",
      fit_score: 101,
      owner_email: "dana.ruiz@lumendata.example",
    });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { fieldErrors: Record<string, string[]> } };
    expect(Object.keys(error.fieldErrors).sort()).toEqual(["employee_count", "fit_score", "is_strategic", "owner_email"]);
    expect(error.fieldErrors.employee_count![0]).toBe('employee_count must be a number, not the text "20".');
    expect(error.fieldErrors.is_strategic![0]).toContain('not "yes"');
    expect(await db().account.count({ where: { externalId: "REPAIR-TYPES" } })).toBe(0);
    const ok = await put("REPAIR-TYPES", { name: "Typed Co", employee_count: 20, is_strategic: true, fit_score: 100 });
    expect(ok.status).toBe(201);
    expect(await db().account.findUniqueOrThrow({ where: { externalId: "REPAIR-TYPES" } })).toMatchObject({
      employeeCount: 20,
      isStrategic: true,
      fitScore: 100,
    });
  });
});
