import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

describe("OpenAPI document", () => {
  const doc = openApiDocument("http://localhost:3000");
  it("is OpenAPI 3.1 with every route the API serves", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/api/v1/accounts/{externalId}",
      "/api/v1/decisions/{id}",
      "/api/v1/route",
      "/api/v1/route/batch",
    ]);
  });
  it("describes requests with the schemas the handlers parse with", () => {
    const route = doc.components.schemas.RouteRequest as {
      properties: Record<string, { properties?: Record<string, { enum?: string[] }> }>;
      required: string[];
    };
    expect(route.required).toContain("record");
    expect(route.properties.record!.properties!.type!.enum).toContain("partner_referral");
    const batch = doc.components.schemas.RouteBatchRequest as { properties: { records: { maxItems: number } } };
    expect(batch.properties.records.maxItems).toBe(1000);
    const account = doc.components.schemas.AccountInput as { properties: Record<string, unknown> };
    expect(Object.keys(account.properties)).toEqual(expect.arrayContaining(["segment", "owner", "parent_external_id"]));
  });
  it("every $ref resolves", () => {
    const refs = JSON.stringify(doc).match(/"#\/components\/(schemas|parameters)\/[A-Za-z]+"/g) ?? [];
    for (const r of refs) {
      const [, kind, name] = /#\/components\/(\w+)\/(\w+)/.exec(r)!;
      expect((doc.components as Record<string, Record<string, unknown>>)[kind!]![name!], r).toBeTruthy();
    }
  });
});
