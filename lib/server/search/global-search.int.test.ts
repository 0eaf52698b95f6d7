import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { viewerFor } from "@/lib/server/decisions/visibility";
import { as } from "@/lib/server/policies/workflow.test-helpers";
import { globalSearch } from "./global-search";

describe("the console's search box (real Postgres)", () => {
  it("finds a company by part of its name or its domain, its routed records and members, within the role's reach", async () => {
    const d = await db().decision.findFirstOrThrow({ where: { accountExternalId: { not: null } }, orderBy: { createdAt: "desc" } });
    const account = await db().account.findUniqueOrThrow({ where: { externalId: d.accountExternalId! } });
    const revops = await as.revops();
    const byName = await globalSearch(revops, await viewerFor(revops), account.name.slice(0, 6));
    expect(byName.accounts.map((a) => a.externalId)).toContain(account.externalId);
    expect(byName.decisions.some((x) => x.accountExternalId === account.externalId)).toBe(true);
    if (account.domain)
      expect(
        (await globalSearch(revops, await viewerFor(revops), `https://www.${account.domain}/pricing`)).accounts.map((a) => a.externalId),
      ).toContain(account.externalId);
    expect((await globalSearch(revops, await viewerFor(revops), "Dana")).members.map((m) => m.email)).toContain(
      "dana.ruiz@lumendata.example",
    );
    expect(await globalSearch(revops, await viewerFor(revops), "a")).toMatchObject({ accounts: [], decisions: [], members: [] });

    // A FIELD user: no accounts or members, and only the records they may see.
    const field = await as.field();
    const fieldView = await viewerFor(field);
    const theirs = await globalSearch(field, fieldView, account.name.slice(0, 6));
    expect(theirs.accounts).toEqual([]);
    expect(theirs.members).toEqual([]);
    const visible = await db().decision.findMany({
      where: { id: { in: theirs.decisions.map((x) => x.id) } },
      select: { currentAssigneeKey: true, assigneeKey: true, accountExternalId: true },
    });
    for (const v of visible)
      expect(
        fieldView.teamKeys === null ||
          fieldView.teamKeys.includes(v.assigneeKey ?? "") ||
          fieldView.teamKeys.includes(v.currentAssigneeKey ?? "") ||
          fieldView.accountIds.includes(v.accountExternalId ?? ""),
      ).toBe(true);
  });
});
