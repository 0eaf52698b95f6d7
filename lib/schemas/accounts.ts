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
export const STATUS_LABELS: Record<(typeof CUSTOMER_STATUSES)[number], string> = {
  prospect: "Prospect",
  customer: "Customer",
  former_customer: "Former customer",
};
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
 *
 * Types are checked, never guessed: in JSON a number is a number and a flag is true or false
 * ("20" and "yes" are refused, naming the field), and a field the schema does not know is
 * refused too. A CSV cell is text by nature, so the CSV variant reads whole numbers written as
 * digits and flags written as true or false (any case) — and refuses anything else the same way.
 */
type Cells = "json" | "csv";
const blankToNull = (cells: Cells) => (v: unknown) =>
  v === "" || (cells === "csv" && typeof v === "string" && v.trim() === "") ? null : v;
const flag = (cells: Cells) =>
  z.preprocess(
    (v) =>
      cells === "csv" && typeof v === "string"
        ? /^true$/i.test(v.trim())
          ? true
          : /^false$/i.test(v.trim())
            ? false
            : v.trim() === ""
              ? undefined
              : v
        : v,
    z.boolean({ error: (i) => `Use true or false${i.input === undefined ? "" : `, not ${JSON.stringify(i.input)}`}.` }).optional(),
  );
const optText = (cells: Cells, max: number) =>
  z.preprocess(blankToNull(cells), z.string({ error: "Use text." }).trim().max(max).nullable().optional());
const optInt = (cells: Cells, min: number, max: number, what: string) =>
  z.preprocess(
    (v) => {
      const b = blankToNull(cells)(v);
      return cells === "csv" && typeof b === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(b) ? Number(b) : b;
    },
    z
      .number({
        error: (i) =>
          `${what} must be a number${typeof i.input === "string" ? `, not ${cells === "json" ? "the text " : ""}${JSON.stringify(i.input)}` : ""}.`,
      })
      .int(`${what} must be a whole number.`)
      .min(min, `${what} is at least ${min}.`)
      .max(max, `${what} is at most ${max.toLocaleString("en-US")}.`)
      .nullable()
      .optional(),
  );
const optEnum = <T extends readonly [string, ...string[]]>(cells: Cells, values: T) =>
  z.preprocess(
    blankToNull(cells),
    z
      .enum(values, { error: `Use one of ${values.join(", ")}.` })
      .nullable()
      .optional(),
  );
const optEmail = (cells: Cells) =>
  z.preprocess(
    blankToNull(cells),
    z.string({ error: "Use the member's email." }).trim().toLowerCase().email("Use the member's email.").nullable().optional(),
  );

function accountShape(cells: Cells) {
  return {
    name: z.string({ error: "Every account needs a name (text)." }).trim().min(1, "Every account needs a name.").max(200),
    domain: optText(cells, 200),
    segment: optEnum(cells, SEGMENTS),
    region: optEnum(cells, REGIONS),
    country: optText(cells, 2),
    industry: optText(cells, 100),
    employee_count: optInt(cells, 0, 10_000_000, "employee_count"),
    customer_status: z.preprocess(
      (v) => (v === "" || v === undefined ? "prospect" : v),
      z.enum(CUSTOMER_STATUSES, { error: `Use one of ${CUSTOMER_STATUSES.join(", ")}.` }),
    ),
    fit_score: optInt(cells, 0, 100, "fit_score"),
    is_named_account: flag(cells),
    is_strategic: flag(cells),
    has_open_opportunity: flag(cells),
    in_renewal: flag(cells),
    in_procurement: flag(cells),
    sensitive_escalation: flag(cells),
    open_support_issue: flag(cells),
    is_product_workspace: flag(cells),
    owner: optEmail(cells),
    csm: optEmail(cells),
    partner_owner: optEmail(cells),
    parent_external_id: optText(cells, 100),
  };
}

/** PUT /api/v1/accounts/{externalId}: JSON types as they are; unknown fields refused. */
export const accountInputSchema = z.strictObject(accountShape("json"));
/** One CSV row (every cell is text): digits for numbers, true/false for flags. */
export const accountCsvRowSchema = z.object(accountShape("csv"));
export const ACCOUNT_FIELDS = Object.keys(accountInputSchema.shape);

export type AccountInput = z.infer<typeof accountInputSchema>;

export const EXTERNAL_ID = z
  .string()
  .trim()
  .min(1, "external_id is required.")
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/, "Letters, digits and . _ : - only.");

const externalId = z.string().trim().min(1, "Choose an account.").max(200);

/** Resolve a duplicate: the account to keep, and those merged into it. */
export const mergeAccountsSchema = z.object({
  primary: externalId,
  duplicates: z.array(externalId).min(1, "Choose at least one account to merge into the primary.").max(50),
});

export const unmergeAccountSchema = z.object({ externalId });
