/** RevOps routing one record by hand from the console (source "console"): real routing, stored like any other. */
import { parseYaml } from "@/lib/engine/policy-yaml";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/server/auth/assert-can";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { routeRecords } from "./route-records";

export async function routeFromConsole(user: CurrentUser, input: { recordId: string; objectType: string; fieldsYaml: string }) {
  assertCan(user, "exceptions:manage", "route records from the console");
  let fields: Record<string, unknown> = {};
  if (input.fieldsYaml.trim()) {
    const parsed = parseYaml(input.fieldsYaml);
    if (!parsed.ok)
      throw new AppError("VALIDATION", "The fields are not valid YAML.", {
        fieldErrors: { fieldsYaml: parsed.problems.map((p) => `${p.line ? `line ${p.line}: ` : ""}${p.message}`) },
      });
    if (!parsed.value || typeof parsed.value !== "object" || Array.isArray(parsed.value))
      throw new AppError("VALIDATION", "Write the fields as name: value, one per line.", {
        fieldErrors: { fieldsYaml: ["Write name: value pairs, one per line."] },
      });
    fields = parsed.value as Record<string, unknown>;
  }
  const { decisionIds } = await routeRecords({
    records: [{ id: input.recordId, type: input.objectType as never, fields }],
    source: "console",
    requestId: `console:${user.email}`,
  });
  return { decisionId: decisionIds[0]! };
}
