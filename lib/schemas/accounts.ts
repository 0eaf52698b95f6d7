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
