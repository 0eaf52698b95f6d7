import { describe, expect, it } from "vitest";
import {
  buildAccountIndex,
  isPublicDomain,
  matchingOptionsFor,
  matchRecord,
  normalizeDomain,
  normalizeName,
  type MatchingOptions,
} from "./matching";
import { DEFAULT_DOMAIN_FIELDS } from "./policy-schema";
import type { AccountContext } from "./types";

describe("normalizeDomain (Public Suffix List)", () => {
  it.each([
    ["Acme.com", "acme.com"],
    ["https://www.acme.com/pricing?x=1", "acme.com"],
    ["jane.doe@EU.Sales.Acme.com", "acme.com"],
    ["shop.acme.co.uk", "acme.co.uk"],
    ["acme.com:8443", "acme.com"],
    // Suffixes a hand list missed: the company keeps its own label.
    ["ana@x.com.mx", "x.com.mx"],
    ["ventas.acme.com.mx", "acme.com.mx"],
    ["raj@sales.bigco.co.in", "bigco.co.in"],
    ["https://www.firma.com.tr/", "firma.com.tr"],
    ["kk@shop.example.co.za", "example.co.za"],
    // Private suffixes (github.io, herokuapp.com) keep the customer's label.
    ["docs.acme.github.io", "acme.github.io"],
    // Nothing registrable.
    ["com.mx", null],
    ["co.in", null],
    ["192.168.1.10", null],
    ["  Acme.COM.  ", "acme.com"],
    ["localhost", null],
    ["not a domain", null],
    [42, null],
  ])("%j → %j", (input, expected) => {
    expect(normalizeDomain(input)).toBe(expected);
  });

  it("takes one more label under a policy's own extra suffix", () => {
    expect(normalizeDomain("team.acme.corp.example", ["corp.example"])).toBe("acme.corp.example");
    expect(normalizeDomain("corp.example", ["corp.example"])).toBeNull();
  });
});

describe("public email domains", () => {
  const builtIn: MatchingOptions = matchingOptionsFor({ matching: { domainFields: [], multiLabelSuffixes: [] }, lists: {} });
  it.each(["gmail.com", "yahoo.com.mx", "outlook.com", "web.de", "hotmail.co.uk", "qq.com"])("%s is public by default", (d) => {
    expect(isPublicDomain(d, builtIn)).toBe(true);
  });
  it.each(["acme.com", "acme.com.mx", "stripe.com"])("%s is not", (d) => {
    expect(isPublicDomain(d, builtIn)).toBe(false);
  });
  it("a policy can opt out of the built-in list and keep its own", () => {
    const own = matchingOptionsFor({
      matching: { domainFields: [], multiLabelSuffixes: [], excludePublicDomains: false, publicDomainsList: "mine" },
      lists: { mine: [" Corp-Mail.Example "] },
    });
    expect(isPublicDomain("gmail.com", own)).toBe(false);
    expect(isPublicDomain("corp-mail.example", own)).toBe(true);
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
const options: MatchingOptions = {
  domainFields: DEFAULT_DOMAIN_FIELDS,
  multiLabelSuffixes: [],
  excludeBuiltInPublicDomains: true,
  publicDomains: new Set(),
};
const index = buildAccountIndex(accounts, options);
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

  it("ignores public email domains, even when an account carries one", () => {
    const withFreeMail = buildAccountIndex(
      [
        ...accounts,
        { id: "G", name: "Someone on Gmail", domain: "gmail.com" },
        { id: "Y", name: "Someone on Yahoo MX", domain: "yahoo.com.mx" },
      ],
      options,
    );
    const m = (email: string) => matchRecord({ id: "r", type: "lead", fields: { email } }, withFreeMail);
    expect(m("someone@gmail.com")).toMatchObject({ account: null, matchedBy: null });
    expect(m("someone@yahoo.com.mx")).toMatchObject({ account: null, matchedBy: null });
    // The same index with the list off matches them: the exclusion is what keeps them apart.
    const off = buildAccountIndex([{ id: "G", name: "Someone on Gmail", domain: "gmail.com" }], {
      ...options,
      excludeBuiltInPublicDomains: false,
    });
    expect(matchRecord({ id: "r", type: "lead", fields: { email: "someone@gmail.com" } }, off).account?.id).toBe("G");
  });

  it("never collapses companies under a multi-label suffix into one (x.com.mx is not acme.com.mx)", () => {
    const mx = buildAccountIndex(
      [
        { id: "ACME-MX", name: "Acme México", domain: "acme.com.mx", owner_id: "ann" },
        { id: "IN", name: "BigCo India", domain: "www.bigco.co.in" },
      ],
      options,
    );
    expect(matchRecord({ id: "r", type: "lead", fields: { email: "ana@x.com.mx" } }, mx).account).toBeNull();
    expect(matchRecord({ id: "r", type: "lead", fields: { email: "luis@ventas.acme.com.mx" } }, mx).account?.id).toBe("ACME-MX");
    expect(matchRecord({ id: "r", type: "lead", fields: { email: "raj@bigco.co.in" } }, mx).account?.id).toBe("IN");
    expect(matchRecord({ id: "r", type: "lead", fields: { email: "raj@other.co.in" } }, mx).account).toBeNull();
    expect(matchRecord({ id: "r", type: "lead", fields: { email: "ana@x.com.mx" } }, mx).duplicates).toEqual([]);
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

describe("merged duplicates (mark the primary)", () => {
  const pair: AccountContext[] = [
    { id: "ACME-1", name: "Acme Analytics Inc", domain: "acme-dup.example", owner_id: "ann" },
    { id: "ACME-2", name: "ACME Analytics", domain: "www.acme-dup.example", owner_id: "bob" },
    { id: "ACME-SUB", name: "Acme Labs", domain: "acmelabs.example", parent_id: "ACME-2" },
  ];
  const lead = (fields: Record<string, unknown>) => ({ id: "l", type: "lead" as const, fields });

  it("before: the two look like one company — a duplicate", () => {
    const ctx = matchRecord(lead({ email_domain: "ana@acme-dup.example" }), buildAccountIndex(pair, options));
    expect(ctx.account?.id).toBe("ACME-1");
    expect(ctx.duplicates).toEqual(["ACME-2"]);
  });

  it.each([
    ["by domain", { email_domain: "ana@acme-dup.example" }],
    ["by the merged account's id", { account_id: "ACME-2" }],
    ["by the primary's id", { account_id: "ACME-1" }],
  ])("after ACME-2 is merged into ACME-1, a record %s matches the primary with no duplicate", (_how, fields) => {
    const merged = buildAccountIndex([pair[0]!, { ...pair[1]!, merged_into_id: "ACME-1" }, pair[2]!], options);
    const ctx = matchRecord(lead(fields), merged);
    expect(ctx.account).toMatchObject({ id: "ACME-1", owner_id: "ann" });
    expect(ctx.duplicates).toEqual([]);
  });

  it("a child of the merged account has the primary as its parent; a merge cycle stops", () => {
    const merged = buildAccountIndex([pair[0]!, { ...pair[1]!, merged_into_id: "ACME-1" }, pair[2]!], options);
    expect(matchRecord(lead({ account_id: "ACME-SUB" }), merged).parentAccount?.id).toBe("ACME-1");
    const cycle = buildAccountIndex(
      [
        { ...pair[0]!, merged_into_id: "ACME-2" },
        { ...pair[1]!, merged_into_id: "ACME-1" },
      ],
      options,
    );
    expect(["ACME-1", "ACME-2"]).toContain(matchRecord(lead({ account_id: "ACME-2" }), cycle).account?.id);
  });
});
