import { z } from "zod";

/** The test-case form, as the console sends it: YAML for the record and the account. */
export const testCaseFormSchema = z.object({
  policyId: z.string().min(1),
  id: z.string().optional(),
  key: z
    .string()
    .trim()
    .min(1, "Give the case a key.")
    .max(80)
    .regex(/^[a-z0-9][a-z0-9-]*$/, "Use lowercase letters, digits and dashes, e.g. partner-sourced-mid-market."),
  name: z.string().trim().min(3, "Say what the case checks, in a few words.").max(200),
  description: z.string().trim().max(2000).default(""),
  tags: z.string().trim().max(300).default(""),
  objectType: z.string().min(1, "Choose the record type."),
  fieldsYaml: z.string().max(20_000).default(""),
  accountYaml: z.string().max(20_000).default(""),
  expect: z
    .object({
      kind: z.enum(["", "assigned", "queued", "suppressed", "exception"]).default(""),
      owner: z.string().trim().max(200).default(""),
      queue: z.string().trim().max(80).default(""),
      slaMinutes: z.string().trim().regex(/^\d*$/, "Minutes, as a whole number.").default(""),
      suppression: z.string().trim().max(80).default(""),
      exception: z.string().trim().max(40).default(""),
      ruleKey: z.string().trim().max(80).default(""),
    })
    .refine((e) => Object.values(e).some((v) => v !== ""), { message: "Say at least one thing the outcome must be.", path: ["kind"] }),
});
export type TestCaseForm = z.infer<typeof testCaseFormSchema>;

export const testCaseIdInput = z.object({ id: z.string().min(1) });

/** A decision as the API and the CLI return it (only what pinning reads is checked). */
export const pinDecisionInput = z.object({
  policyId: z.string().min(1),
  key: z
    .string()
    .trim()
    .min(1, "Give the case a key.")
    .max(80)
    .regex(/^[a-z0-9][a-z0-9-]*$/, "Use lowercase letters, digits and dashes."),
  name: z.string().trim().min(3, "Say what the case checks, in a few words.").max(200),
  decisionJson: z.string().min(2, "Paste a decision (JSON) from the API, the CLI or the decision log."),
});

/** A test-case key from a record id: "pinned-lead-000123". */
export function caseKeyFor(prefix: string, recordId: string): string {
  return `${prefix}-${recordId.toLowerCase().replace(/[^a-z0-9]+/g, "-").slice(0, 60)}`;
}
