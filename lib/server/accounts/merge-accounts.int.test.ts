/**
 * Duplicate accounts resolved on real Postgres: a lead stops as a DUPLICATE exception; RevOps
 * keeps one account as the primary and merges the other into it; the exception routes again on
 * the primary; a new lead naming the merged account routes as the primary; undo restores it.
 */
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { as } from "@/lib/server/policies/workflow.test-helpers";
import { invalidateAccountIndex } from "@/lib/server/routing/account-index";
import { routeRecords } from "@/lib/server/routing/route-records";
import { upsertAccount } from "./upsert-accounts";
import { duplicateCandidates, mergeAccounts, unmergeAccount } from "./merge-accounts";

const actor = { id: null, email: "api-key:merge-test" };
const IDS = ["MERGE-A", "MERGE-B", "MERGE-CHILD"];

afterAll(async () => {
  await db().account.updateMany({ where: { externalId: { in: IDS } }, data: { mergedIntoId: null, parentId: null } });
  await db().account.deleteMany({ where: { externalId: { in: IDS } } });
  invalidateAccountIndex();
});

describe("resolving duplicate accounts", () => {
  it("mark the primary, merge, route again; a record naming the merged account routes as the primary; undo", async () => {
    expect(
      (
        await upsertAccount(actor, "MERGE-A", {
          name: "Merge Twins Inc",
          domain: "merge-twins.example",
          segment: "mid_market",
          region: "NA",
          customer_status: "customer",
          owner: "dana.ruiz@lumendata.example",
        })
      ).problems,
    ).toEqual([]);
    expect(
      (
        await upsertAccount(actor, "MERGE-B", {
          name: "Merge Twins",
          domain: "www.merge-twins.example",
          segment: "mid_market",
          region: "NA",
          industry: "Software",
          employee_count: 420,
        })
      ).problems,
    ).toEqual([]);
    expect(
      (await upsertAccount(actor, "MERGE-CHILD", { name: "Merge Twins Labs", domain: "mergelabs.example", parent_external_id: "MERGE-B" }))
        .problems,
    ).toEqual([]);
    invalidateAccountIndex();
    const lead = (id: string, fields: Record<string, unknown>) => ({
      id,
      type: "lead" as const,
      fields: { segment: "mid_market", region: "NA", fit_score: 70, lead_source: "content", ...fields },
    });
    const { decisionIds } = await routeRecords({
      records: [lead("merge-lead-1", { email_domain: "ana@merge-twins.example" })],
      source: "api",
    });
    const stopped = await db().decision.findUniqueOrThrow({ where: { id: decisionIds[0] } });
    expect(stopped).toMatchObject({ kind: "exception", reasonCode: "DUPLICATE", resolvedAt: null });
    const candidates = await duplicateCandidates(stopped.id);
    expect(candidates.map((c) => c.externalId).sort()).toEqual(["MERGE-A", "MERGE-B"]);

    await expect(mergeAccounts(await as.field(), { primary: "MERGE-A", duplicates: ["MERGE-B"] })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(mergeAccounts(await as.approver(), { primary: "MERGE-A", duplicates: ["MERGE-B"] })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(mergeAccounts(await as.revops(), { primary: "MERGE-A", duplicates: ["MERGE-NOPE"] })).rejects.toMatchObject({
      code: "NOT_FOUND",
      fieldErrors: { duplicates: [expect.stringContaining("MERGE-NOPE")] },
    });

    const r = await mergeAccounts(await as.revops(), { primary: "MERGE-A", duplicates: ["MERGE-B"] });
    expect(r).toMatchObject({ primary: "MERGE-A", merged: ["MERGE-B"], filled: { industry: "MERGE-B", employeeCount: "MERGE-B" } });
    // The waiting record routed again, on the primary; the old exception is closed.
    expect(r.rerouted).toHaveLength(1);
    expect(r.rerouted[0]!.from).toBe(stopped.id);
    const again = await db().decision.findUniqueOrThrow({ where: { id: r.rerouted[0]!.to } });
    expect(again).toMatchObject({ reroutedFromId: stopped.id, accountExternalId: "MERGE-A" });
    expect(again.reasonCode).not.toBe("DUPLICATE");
    expect(await db().decision.findUniqueOrThrow({ where: { id: stopped.id } })).toMatchObject({ resolution: "rerouted" });
    const a = await db().account.findUniqueOrThrow({ where: { externalId: "MERGE-A" }, include: { merged: true, children: true } });
    expect(a).toMatchObject({ industry: "Software", employeeCount: 420 });
    expect(a.merged.map((m) => m.externalId)).toEqual(["MERGE-B"]);
    expect(a.children.map((c) => c.externalId)).toEqual(["MERGE-CHILD"]);
    expect((await db().auditEvent.findFirstOrThrow({ where: { action: "account.merged", entityId: "MERGE-A" } })).summary).toContain(
      "merged Merge Twins (MERGE-B) into it",
    );

    // A new lead naming the merged account by id routes as the primary, with no duplicate.
    const byId = await routeRecords({ records: [lead("merge-lead-2", { account_id: "MERGE-B" })], source: "api" });
    const second = await db().decision.findUniqueOrThrow({ where: { id: byId.decisionIds[0] } });
    expect(second.accountExternalId).toBe("MERGE-A");
    expect(second.reasonCode).not.toBe("DUPLICATE");

    // Undo: MERGE-B is its own company again, and the two look like duplicates once more.
    await unmergeAccount(await as.revops(), "MERGE-B");
    await expect(unmergeAccount(await as.revops(), "MERGE-B")).rejects.toMatchObject({ code: "CONFLICT" });
    const third = await routeRecords({ records: [lead("merge-lead-3", { email_domain: "bo@merge-twins.example" })], source: "api" });
    expect(await db().decision.findUniqueOrThrow({ where: { id: third.decisionIds[0] } })).toMatchObject({
      kind: "exception",
      reasonCode: "DUPLICATE",
    });
    await db().decision.updateMany({
      where: { recordId: { in: ["merge-lead-3"] } },
      data: { resolvedAt: new Date(), resolution: "rerouted" },
    });
  });
});
