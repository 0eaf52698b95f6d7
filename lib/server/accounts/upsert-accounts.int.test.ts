import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { as } from "@/lib/server/policies/workflow.test-helpers";
import { routeRecords } from "@/lib/server/routing/route-records";
import { importAccountsCsv, upsertAccount } from "./upsert-accounts";

const header = "external_id,name,domain,segment,region,customer_status,employee_count,owner,parent_external_id,is_strategic";

describe("account sync (real Postgres)", () => {
  it("a CSV with problems imports nothing and names each problem by line and field", async () => {
    const before = await db().account.count();
    const csv = [
      header,
      "IMP-1,Good Co,good.example,enterprise,EMEA,prospect,3000,dana.ruiz@lumendata.example,,false",
      "IMP-2,Bad Co,bad.example,huge,EMEA,prospect,ten,nobody@lumendata.example,IMP-404,maybe",
      "IMP-1,Twice,twice.example,smb,NA,prospect,10,,,",
      "IMP-3,Guessed Co,guessed.example,smb,NA,prospect,20.5,,,yes",
    ].join("\n");
    const r = await importAccountsCsv(await as.revops(), csv, false);
    expect(r.imported).toBe(false);
    const at = (row: number, field: string) => r.problems.find((p) => p.row === row && p.field === field);
    expect(at(3, "segment")?.message).toContain("enterprise, mid_market, smb");
    expect(at(3, "employee_count")).toBeTruthy();
    expect(at(3, "is_strategic")?.message).toContain("true or false");
    expect(at(4, "external_id")?.message).toContain("row 2");
    // Nothing is guessed: "yes" is not true, 20.5 is not a whole number.
    expect(at(5, "is_strategic")?.message).toBe('Use true or false, not "yes".');
    expect(at(5, "employee_count")?.message).toBe("employee_count must be a whole number.");
    expect(await db().account.count()).toBe(before);
  });

  it("a clean CSV is checked, then imported in one go, owners and parents (from the same file) linked; a FIELD user cannot import", async () => {
    const csv = [
      header,
      "IMP-10,Parent Group,parentgroup.example,enterprise,EMEA,customer,5000,dana.ruiz@lumendata.example,,true",
      "IMP-11,Parent Group UK,parentgroup.example.co.uk,mid_market,EMEA,customer,400,,IMP-10,false",
    ].join("\n");
    const dry = await importAccountsCsv(await as.revops(), csv, true);
    expect(dry).toMatchObject({ imported: false, rows: 2, created: 2, updated: 0, problems: [] });
    expect(await db().account.count({ where: { externalId: { in: ["IMP-10", "IMP-11"] } } })).toBe(0);
    const done = await importAccountsCsv(await as.revops(), csv, false);
    expect(done).toMatchObject({ imported: true, created: 2, updated: 0 });
    const child = await db().account.findUniqueOrThrow({ where: { externalId: "IMP-11" }, include: { parent: true } });
    expect(child.parent?.externalId).toBe("IMP-10");
    const parent = await db().account.findUniqueOrThrow({ where: { externalId: "IMP-10" }, include: { owner: true } });
    expect(parent.owner?.email).toBe("dana.ruiz@lumendata.example");
    expect(parent.isStrategic).toBe(true);
    await expect(importAccountsCsv(await as.field(), csv, true)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("PUT one account: validation names the field; an update is what the next routed record sees", async () => {
    const actor = { id: null, email: "api-key:test" };
    const bad = await upsertAccount(actor, "IMP-20", { name: "X", segment: "galactic", owner: "ghost@lumendata.example" });
    expect(bad.problems.map((p) => p.field).sort()).toEqual(["owner", "segment"].sort());
    expect(
      (
        await upsertAccount(actor, "IMP-20", {
          name: "Routing Sees Me",
          domain: "routingseesme.example",
          segment: "mid_market",
          region: "NA",
        })
      ).created,
    ).toBe(true);
    const first = await routeRecords({
      records: [{ id: "put-1", type: "product_signal", fields: { account_id: "IMP-20", signal_score: 80 } }],
      source: "api",
    });
    const d1 = await db().decision.findUniqueOrThrow({ where: { id: first.decisionIds[0] } });
    expect((d1.decision as { inputs: Record<string, unknown> }).inputs["account.segment"]).toBe("mid_market");
    expect(
      (
        await upsertAccount(actor, "IMP-20", {
          name: "Routing Sees Me",
          domain: "routingseesme.example",
          segment: "enterprise",
          region: "NA",
        })
      ).created,
    ).toBe(false);
    const second = await routeRecords({
      records: [{ id: "put-2", type: "product_signal", fields: { account_id: "IMP-20", signal_score: 80 } }],
      source: "api",
    });
    const d2 = await db().decision.findUniqueOrThrow({ where: { id: second.decisionIds[0] } });
    expect((d2.decision as { inputs: Record<string, unknown> }).inputs["account.segment"]).toBe("enterprise");
  });
});
