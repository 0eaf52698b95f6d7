import { describe, expect, it } from "vitest";
import { accountListQuery } from "@/lib/schemas/accounts";
import { db } from "@/lib/server/db";
import { getAccountHealth } from "./account-health";
import { listAccounts } from "./list-accounts";

const q = (raw: Record<string, string>) => accountListQuery.parse(raw);

describe("listAccounts (real Postgres)", () => {
  it("pages through every account exactly once", async () => {
    const total = await db().account.count();
    const first = await listAccounts(q({ pageSize: "100" }));
    expect(first.total).toBe(total);
    expect(first.pageCount).toBe(Math.ceil(total / 100));
    const last = await listAccounts(q({ pageSize: "100", page: String(first.pageCount) }));
    expect(last.rows.length).toBe(total - (first.pageCount - 1) * 100);
    const second = await listAccounts(q({ pageSize: "100", page: "2" }));
    const ids = new Set(first.rows.map((r) => r.id));
    expect(second.rows.some((r) => ids.has(r.id))).toBe(false);
  });

  it("filters by segment, region and status together", async () => {
    const page = await listAccounts(q({ segment: "enterprise", region: "EMEA", status: "customer", pageSize: "100" }));
    expect(page.total).toBe(await db().account.count({ where: { segment: "enterprise", region: "EMEA", customerStatus: "customer" } }));
    expect(page.total).toBeGreaterThan(0);
    for (const r of page.rows) expect([r.segment, r.region, r.customerStatus]).toEqual(["enterprise", "EMEA", "customer"]);
  });

  it("finds unlinked workspaces and flags them", async () => {
    const page = await listAccounts(q({ flag: "unlinked_workspace", pageSize: "100" }));
    expect(page.total).toBeGreaterThan(0);
    for (const r of page.rows) {
      expect(r.parent).toBeNull();
      expect(r.flags).toContain("unlinked_workspace");
    }
  });

  it("searches names and domains case-insensitively", async () => {
    const any = await db().account.findFirstOrThrow({ where: { domain: { not: null }, isProductWorkspace: false } });
    const byDomain = await listAccounts(q({ q: any.domain!.toUpperCase() }));
    expect(byDomain.rows.map((r) => r.id)).toContain(any.id);
    const byId = await listAccounts(q({ q: any.externalId.toLowerCase() }));
    expect(byId.rows.map((r) => r.id)).toEqual([any.id]);
  });

  it("sorts by employees descending with unknown sizes last", async () => {
    const page = await listAccounts(q({ sort: "employees", dir: "desc", pageSize: "100" }));
    const sizes = page.rows.map((r) => r.employeeCount ?? -1);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    const last = await listAccounts(q({ sort: "employees", dir: "desc", pageSize: "25", page: String(Math.ceil(page.total / 25)) }));
    expect(last.rows.at(-1)?.employeeCount).toBeNull();
  });

  it("falls back to safe defaults for nonsense parameters", () => {
    expect(q({ sort: "DROP TABLE", dir: "sideways", page: "-3", pageSize: "100000", segment: "giant" })).toMatchObject({
      sort: "name",
      dir: "asc",
      page: 1,
      pageSize: 25,
      segment: undefined,
    });
  });
});

describe("getAccountHealth", () => {
  it("counts what will reach exception paths", async () => {
    const h = await getAccountHealth();
    expect(h.total).toBe(await db().account.count());
    expect(h.unlinkedWorkspaces).toBe(await db().account.count({ where: { isProductWorkspace: true, parentId: null } }));
    expect(h.duplicateDomainGroups).toBeGreaterThanOrEqual(30);
    expect(h.missingFirmographics).toBeGreaterThanOrEqual(50);
  });
});
