import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { policyJsonSchema } from "./json-schema";

describe("policy JSON Schema", () => {
  it("the committed docs/policy.schema.json is up to date (run `npm run schema`)", () => {
    const committed = JSON.parse(readFileSync("docs/policy.schema.json", "utf8"));
    expect(committed).toEqual(JSON.parse(JSON.stringify(policyJsonSchema())));
  });

  it("describes rules, conditions and actions", () => {
    const text = JSON.stringify(policyJsonSchema());
    for (const word of ["assign_relationship", "partner_owner", "weighted_round_robin", "starts_with", "appliesTo", "ifUnavailable"])
      expect(text).toContain(word);
  });
});
