/** Accounts at the centre (real Postgres): the decision log finds records by company name, and an account's routing timeline. */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { overrideDecisions } from "@/lib/server/decisions/overrides";
import { listDecisions } from "@/lib/server/decisions/list-decisions";
import { viewerFor } from "@/lib/server/decisions/visibility";
import { decisionListQuery } from "@/lib/schemas/decisions";
import { as, rejects } from "@/lib/server/policies/workflow.test-helpers";
import { accountIdsMatching } from "./account-names";
import { accountTimeline } from "./account-timeline";

async function accountWithDecisions() {
  const d = await db().decision.findFirstOrThrow({
    where: { accountExternalId: { not: null }, kind: "assigned" },
    orderBy: { createdAt: "desc" },
  });
  return { decision: d, account: await db().account.findUniqueOrThrow({ where: { externalId: d.accountExternalId! } }) };
}

describe("accounts at the centre (real Postgres)", () => {
  it("the decision log finds an account's records by part of its company name or its domain, and names the company on each row", async () => {
    const { decision, account } = await accountWithDecisions();
    const revops = await viewerFor(await as.revops());
    const word = account.name.split(" ")[0]!;
    const byName = await listDecisions(revops, decisionListQuery.parse({ q: word, pageSize: "100" }));
    expect(byName.rows.some((r) => r.id === decision.id)).toBe(true);
    expect(byName.rows.find((r) => r.id === decision.id)?.accountName).toBe(account.name);
    if (account.domain) expect(await accountIdsMatching(account.domain.toUpperCase())).toContain(account.externalId);
    // An id still finds exactly that record.
    expect((await listDecisions(revops, decisionListQuery.parse({ q: decision.recordId }))).rows.map((r) => r.id)).toContain(decision.id);
    expect(await accountIdsMatching("x")).toEqual([]);
  });

  it("an account's timeline: its decisions in sentences with who holds them now, and the overrides on them, newest first", async () => {
    const { decision, account } = await accountWithDecisions();
    const revops = await as.revops();
    const target = await db().member.findFirstOrThrow({ where: { active: true, email: { not: decision.currentAssigneeKey ?? "" } } });
    await overrideDecisions(revops, {
      decisionIds: [decision.id],
      toAssignee: target.email,
      reasonCode: "relationship",
      note: "Owner's book, agreed with the team lead.",
    });
    const t = await accountTimeline(revops, await viewerFor(revops), account.externalId);
    expect(t.account.name).toBe(account.name);
    const mine = t.events.filter((e) => e.decisionId === decision.id);
    expect(mine.map((e) => e.kind).sort()).toEqual(["decision", "override"]);
    const override = mine.find((e) => e.kind === "override");
    expect(override).toMatchObject({ to: target.name, reasonCode: "relationship", note: "Owner's book, agreed with the team lead." });
    expect(mine.find((e) => e.kind === "decision")).toMatchObject({ holder: target.name });
    expect(t.events.every((e, i) => i === 0 || t.events[i - 1]!.at.getTime() >= e.at.getTime())).toBe(true);
    expect((t.events.find((e) => e.kind === "decision") as { sentence: string }).sentence.length).toBeGreaterThan(20);

    await rejects(accountTimeline(revops, await viewerFor(revops), "ACC-NOPE"), "NOT_FOUND");
    const field = await as.field();
    await rejects(accountTimeline(field, await viewerFor(field), account.externalId), "FORBIDDEN");
  });
});
