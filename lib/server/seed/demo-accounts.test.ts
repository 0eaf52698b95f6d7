import { describe, expect, it } from "vitest";
import { generateDemoAccounts, type OwnerPools } from "./demo-accounts";

const pools: OwnerPools = {
  enterprise: { NA: ["na@x"], EMEA: ["emea@x"], APAC: ["apac@x"] },
  midMarket: ["mm@x"],
  smb: ["smb@x"],
  csm: ["csm@x"],
  partner: ["partner@x"],
};
const now = new Date("2026-11-25T12:00:00Z");

describe("generateDemoAccounts", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    expect(generateDemoAccounts(pools, now, 7)).toEqual(generateDemoAccounts(pools, now, 7));
    expect(generateDemoAccounts(pools, now, 7)).not.toEqual(generateDemoAccounts(pools, now, 8));
  });

  it("lists parents before their children and uses unique external ids", () => {
    const accounts = generateDemoAccounts(pools, now);
    const seen = new Set<string>();
    for (const a of accounts) {
      if (a.parentExternalId) expect(seen.has(a.parentExternalId)).toBe(true);
      expect(seen.has(a.externalId)).toBe(false);
      seen.add(a.externalId);
    }
  });

  it("keeps segments consistent with employee counts", () => {
    for (const a of generateDemoAccounts(pools, now)) {
      if (a.segment === null || a.employeeCount === null) continue;
      const expected = a.employeeCount >= 2000 ? "enterprise" : a.employeeCount >= 200 ? "mid_market" : "smb";
      expect(a.segment).toBe(expected);
    }
  });

  it("assigns enterprise owners from the account's own region", () => {
    for (const a of generateDemoAccounts(pools, now)) {
      if (a.segment === "enterprise" && a.ownerEmail && !a.parentExternalId && (a.region === "EMEA" || a.region === "APAC")) {
        expect(a.ownerEmail).toBe(a.region === "EMEA" ? "emea@x" : "apac@x");
      }
    }
  });
});
