import { describe, expect, inject, it } from "vitest";
import { db } from "@/lib/server/db";
import { as } from "@/lib/server/policies/workflow.test-helpers";
import { myTeamFairness } from "./fairness";
import { routingInsights } from "./insights";

describe("routing insights (real Postgres, demo traffic routed by the router)", () => {
  it("adds up: days to totals, totals to the log; rates, reasons, fields, rules and the fairness ledger agree with the data", async () => {
    const now = new Date(inject("seedNow"));
    const data = await routingInsights(28, now);
    expect(data.days).toHaveLength(28);
    const from = new Date(`${data.from}T00:00:00Z`);
    const end = new Date(new Date(`${data.to}T00:00:00Z`).getTime() + 86_400_000);
    const inRange = await db().decision.count({ where: { createdAt: { gte: from, lt: end } } });
    expect(data.totals.total).toBe(inRange);
    expect(data.days.reduce((n, d) => n + d.assigned + d.queued + d.suppressed + d.exception, 0)).toBe(inRange);
    const exceptions = await db().decision.count({ where: { kind: "exception", createdAt: { gte: from, lt: end } } });
    expect(data.totals.exception).toBe(exceptions);
    expect(data.exceptionsByReason.reduce((n, r) => n + r.count, 0)).toBe(exceptions);
    expect(data.totals.exceptionRate).toBeCloseTo((exceptions / inRange) * 100, 0);
    // Missing inputs are declared inputs of the live policy.
    const live = await db().policy.findFirstOrThrow({ where: { key: { not: "concurrency-lab" } }, include: { liveVersion: true } });
    const declared = new Set(((live.liveVersion!.document as { inputs: Array<{ name: string }> }).inputs ?? []).map((i) => i.name));
    expect(data.missingInputs.length).toBeGreaterThan(0);
    for (const m of data.missingInputs) expect(declared.has(m.field), m.field).toBe(true);
    // Rule hits add up to the assigned and queued decisions; live rules that never fired are listed.
    expect(data.rules.reduce((n, r) => n + r.hits, 0)).toBe(data.days.reduce((n, d) => n + d.assigned + d.queued, 0));
    for (const r of data.neverFired) expect(data.rules.find((x) => x.rule === r)?.hits).toBe(0);
    // Fairness: shares within a team with assignments add up to 100 %.
    const teams = new Map<string, number>();
    for (const f of data.fairness) teams.set(f.team, (teams.get(f.team) ?? 0) + f.share);
    for (const [team, share] of teams)
      if (data.fairness.some((f) => f.team === team && f.assigned > 0)) expect(share, team).toBeCloseTo(100, 0);
  });

  it("a rep sees the fairness ledger of their own team only", async () => {
    const field = await as.field();
    const rows = await myTeamFairness(field, 28, new Date(inject("seedNow")));
    expect(rows.length).toBeGreaterThan(1);
    expect(new Set(rows.map((r) => r.team))).toEqual(new Set(["Enterprise AEs — EMEA"]));
    expect(rows.some((r) => r.member === field.memberKey)).toBe(true);
    await expect(myTeamFairness(await as.revops(), 28)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
