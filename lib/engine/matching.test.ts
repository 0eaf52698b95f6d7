import { describe, expect, it } from "vitest";
import { buildAccountIndex, matchRecord, normalizeDomain, normalizeName } from "./matching";
import { DEFAULT_DOMAIN_FIELDS, DEFAULT_MULTI_LABEL_SUFFIXES } from "./policy-schema";
import type { AccountContext } from "./types";

const suffixes = DEFAULT_MULTI_LABEL_SUFFIXES;

describe("normalizeDomain", () => {
  it.each([
    ["Acme.com", "acme.com"],
    ["https://www.acme.com/pricing?x=1", "acme.com"],
    ["jane.doe@EU.Sales.Acme.com", "acme.com"],
    ["shop.acme.co.uk", "acme.co.uk"],
    ["acme.com:8443", "acme.com"],
    ["localhost", null],
    ["not a domain", null],
    [42, null],
  ])("%j → %j", (input, expected) => {
    expect(normalizeDomain(input, suffixes)).toBe(expected);
  });
});

describe("normalizeName", () => {
  it.each([
    ["ACME Analytics, Inc.", "acme analytics"],
    ["Acme Analytics GmbH", "acme analytics"],
    ["Société Générale S.A.", "societe generale s a"],
  ])("%j → %j", (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });
});

const accounts: AccountContext[] = [
  { id: "A", name: "Acme Analytics", domain: "acme.com", owner_id: "ann" },
  { id: "A-dup", name: "ACME Analytics, Inc.", domain: "www.acme.com", owner_id: "bob" },
  { id: "B", name: "Bluefin", domain: "bluefin.io", owner_id: "cat" },
  { id: "B-de", name: "Bluefin DE", domain: "bluefin.de", parent_id: "B" },
  { id: "W1", name: "bluefin workspace", domain: "bluefin.io", is_product_workspace: true, parent_id: "B" },
  { id: "W2", name: "cobalt workspace", domain: "cobalt.dev", is_product_workspace: true },
  { id: "C", name: "Cobalt", domain: "cobalt.dev", owner_id: "dan" },
  { id: "W3", name: "lonely workspace", domain: "lonely.app", is_product_workspace: true },
];
const index = buildAccountIndex(accounts, { domainFields: DEFAULT_DOMAIN_FIELDS, multiLabelSuffixes: suffixes, publicDomains: new Set(["gmail.com"]) });
const match = (fields: Record<string, unknown>) => matchRecord({ id: "r", type: "lead", fields }, index);

describe("matchRecord", () => {
  it("matches by email domain and reports duplicates by domain and name", () => {
    const ctx = match({ email: "x@acme.com" });
    expect(ctx).toMatchObject({ matchedBy: "domain", duplicates: ["A-dup"] });
    expect(ctx.account?.id).toBe("A");
  });

  it("does not call a parent and its subsidiary duplicates", () => {
    const ctx = match({ account_id: "B-de" });
    expect(ctx).toMatchObject({ matchedBy: "id", duplicates: [] });
    expect(ctx.parentAccount?.id).toBe("B");
  });

  it("ignores public email domains", () => {
    expect(match({ email: "someone@gmail.com" })).toMatchObject({ account: null, matchedBy: null });
  });

  it("rolls a linked workspace up to its parent", () => {
    const ctx = match({ account_id: "W1" });
    expect(ctx).toMatchObject({ matchedBy: "workspace_parent", rolledUpFromWorkspace: "W1" });
    expect(ctx.account?.id).toBe("B");
  });

  it("rolls a workspace not linked to its parent up by domain", () => {
    const ctx = match({ account_id: "W2" });
    expect(ctx).toMatchObject({ matchedBy: "workspace_domain", rolledUpFromWorkspace: "W2" });
    expect(ctx.account?.id).toBe("C");
  });

  it("keeps a workspace with no company as itself", () => {
    expect(match({ domain: "lonely.app" }).account?.id).toBe("W3");
  });

  it("finds nothing for an unknown domain", () => {
    expect(match({ website: "https://nobody.example" }).account).toBeNull();
  });
});
