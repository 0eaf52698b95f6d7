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
      kind: z
        .string()
        .trim()
        .max(200)
        .regex(/^((not |one of )?(assigned|queued|suppressed|exception)(, ?(assigned|queued|suppressed|exception))*)?$/, "Choose a kind.")
        .default(""),
      owner: z.string().trim().max(400).default(""),
      queue: z.string().trim().max(200).default(""),
      slaMinutes: z
        .string()
        .trim()
        .regex(/^((not |one of )?\d+(, ?\d+)*)?$/, "Minutes, as a whole number.")
        .default(""),
      suppression: z.string().trim().max(200).default(""),
      exception: z.string().trim().max(200).default(""),
      ruleKey: z.string().trim().max(200).default(""),
    })
    .refine((e) => Object.values(e).some((v) => v !== ""), { message: "Say at least one thing the outcome must be.", path: ["kind"] }),
});
export type TestCaseForm = z.infer<typeof testCaseFormSchema>;

/**
 * An expectation as the form writes it: `x` (equal), `not x` or `not x, y` (none of them),
 * `one of x, y`. Numbers stay numbers where the field is one.
 */
export function matcherFromText(text: string, numeric = false): unknown {
  const t = text.trim();
  const value = (x: string) => (numeric ? Number(x) : x);
  const list = (x: string) =>
    x
      .split(",")
      .map((v) => value(v.trim()))
      .filter((v) => v !== "");
  const not = /^not\s+(.+)$/i.exec(t);
  if (not) {
    const values = list(not[1]!);
    return { not: values.length === 1 ? values[0] : values };
  }
  const oneOf = /^one of\s+(.+)$/i.exec(t);
  if (oneOf) return { one_of: list(oneOf[1]!) };
  return value(t);
}

/** The inverse of matcherFromText. */
export function matcherToText(m: unknown): string {
  if (m === undefined || m === null) return "";
  if (typeof m === "object" && !Array.isArray(m)) {
    if ("not" in m) return `not ${([] as unknown[]).concat((m as { not: unknown }).not).join(", ")}`;
    if ("one_of" in m) return `one of ${(m as { one_of: unknown[] }).one_of.join(", ")}`;
  }
  return String(m);
}

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
  return `${prefix}-${recordId
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 60)}`;
}
