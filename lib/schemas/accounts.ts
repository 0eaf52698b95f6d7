import { z } from "zod";
import { listQuerySchema } from "./list-query";

export const SEGMENTS = ["enterprise", "mid_market", "smb"] as const;
export const REGIONS = ["NA", "EMEA", "APAC", "LATAM"] as const;
export const CUSTOMER_STATUSES = ["prospect", "customer", "former_customer"] as const;
export const ACCOUNT_FLAGS = [
  "named",
  "strategic",
  "open_opportunity",
  "in_renewal",
  "in_procurement",
  "sensitive_escalation",
  "partner_owned",
  "workspace",
  "unlinked_workspace",
  "missing_firmographics",
  "unowned",
] as const;

export const SEGMENT_LABELS: Record<(typeof SEGMENTS)[number], string> = { enterprise: "Enterprise", mid_market: "Mid-market", smb: "SMB" };
export const STATUS_LABELS: Record<(typeof CUSTOMER_STATUSES)[number], string> = { prospect: "Prospect", customer: "Customer", former_customer: "Former customer" };
export const FLAG_LABELS: Record<(typeof ACCOUNT_FLAGS)[number], string> = {
  named: "Named account",
  strategic: "Strategic",
  open_opportunity: "Open opportunity",
  in_renewal: "In renewal",
  in_procurement: "In procurement",
  sensitive_escalation: "Sensitive escalation",
  partner_owned: "Partner-owned",
  workspace: "Product workspace",
  unlinked_workspace: "Workspace not linked to parent",
  missing_firmographics: "Missing firmographics",
  unowned: "No owner",
};

export const accountListQuery = listQuerySchema(["name", "employees", "segment", "region", "status", "fit", "updated"], "name").extend({
  segment: z.enum(SEGMENTS).optional().catch(undefined),
  region: z.enum(REGIONS).optional().catch(undefined),
  status: z.enum(CUSTOMER_STATUSES).optional().catch(undefined),
  flag: z.enum(ACCOUNT_FLAGS).optional().catch(undefined),
  owner: z.string().max(40).optional().catch(undefined),
});
export type AccountListQuery = z.infer<typeof accountListQuery>;

/**
 * One account as the API and the CSV import write it: snake_case, as policies name account
 * fields. Owners are member emails; the parent is its external id.
 */
const csvBool = z.preprocess((v) => (typeof v === "string" ? (/^(true|yes|1)$/i.test(v.trim()) ? true : /^(false|no|0|)$/i.test(v.trim()) ? false : v) : v), z.boolean({ error: "Use true or false." }));
const optText = (max: number) => z.preprocess((v) => (v === "" ? null : v), z.string().trim().max(max).nullable().optional());
const optInt = (min: number, max: number, what: string) =>
  z.preprocess((v) => (v === "" || v === null || v === undefined ? null : typeof v === "string" ? Number(v) : v), z.number({ error: `${what} must be a number.` }).int(`${what} must be a whole number.`).min(min).max(max).nullable().optional());
const optEnum = <T extends readonly [string, ...string[]]>(values: T) => z.preprocess((v) => (v === "" ? null : v), z.enum(values, { error: `Use one of ${values.join(", ")}.` }).nullable().optional());
const optEmail = z.preprocess((v) => (v === "" ? null : v), z.string().trim().toLowerCase().email("Use the member's email.").nullable().optional());

export const accountInputSchema = z.object({
  name: z.string().trim().min(1, "Every account needs a name.").max(200),
  domain: optText(200),
  segment: optEnum(SEGMENTS),
  region: optEnum(REGIONS),
  country: optText(2),
  industry: optText(100),
  employee_count: optInt(0, 10_000_000, "employee_count"),
  customer_status: z.preprocess((v) => (v === "" || v === undefined ? "prospect" : v), z.enum(CUSTOMER_STATUSES, { error: `Use one of ${CUSTOMER_STATUSES.join(", ")}.` })),
  fit_score: optInt(0, 100, "fit_score"),
  is_named_account: csvBool.optional(),
  is_strategic: csvBool.optional(),
  has_open_opportunity: csvBool.optional(),
  in_renewal: csvBool.optional(),
  in_procurement: csvBool.optional(),
  sensitive_escalation: csvBool.optional(),
  open_support_issue: csvBool.optional(),
  is_product_workspace: csvBool.optional(),
  owner: optEmail,
  csm: optEmail,
  partner_owner: optEmail,
  parent_external_id: optText(100),
});
export type AccountInput = z.infer<typeof accountInputSchema>;

export const EXTERNAL_ID = z.string().trim().min(1, "external_id is required.").max(100).regex(/^[A-Za-z0-9._:-]+$/, "Letters, digits and . _ : - only.");
