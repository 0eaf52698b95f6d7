/** The policy's JSON Schema, generated from the zod schemas (committed as docs/policy.schema.json). */
import { z } from "zod";
import { policySchema } from "./policy-schema";

export function policyJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(policySchema, { io: "input", target: "draft-2020-12", unrepresentable: "any" }) as Record<string, unknown>;
  return {
    $id: "https://switchyard.dev/schemas/policy.schema.json",
    title: "Switchyard routing policy",
    description: "A routing policy: declared inputs, lists, queues, suppressions, ordered rules, fallback and exception path.",
    ...schema,
  };
}
