/** Writes docs/policy.schema.json from the zod schemas: `npm run schema`. */
import { writeFileSync } from "node:fs";
import { policyJsonSchema } from "../lib/engine/json-schema";

writeFileSync("docs/policy.schema.json", `${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
console.log("Wrote docs/policy.schema.json");
