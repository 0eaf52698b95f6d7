import { z } from "zod";
import { listQuerySchema } from "./list-query";

export const MEMBER_FUNCTIONS = ["account_executive", "sdr", "csm", "partner_manager", "product_specialist"] as const;
export const FUNCTION_LABELS: Record<(typeof MEMBER_FUNCTIONS)[number], string> = {
  account_executive: "Account executive",
  sdr: "SDR",
  csm: "CSM",
  partner_manager: "Partner manager",
  product_specialist: "Product specialist",
};
export const AVAILABILITY = ["available", "at_capacity", "out_of_office", "inactive"] as const;
export const AVAILABILITY_LABELS: Record<(typeof AVAILABILITY)[number], string> = {
  available: "Available",
  at_capacity: "At capacity",
  out_of_office: "Out of office",
  inactive: "Inactive",
};

export const memberListQuery = listQuerySchema(["name", "team", "load", "capacity", "weight"], "name").extend({
  team: z.string().max(60).optional().catch(undefined),
  function: z.enum(MEMBER_FUNCTIONS).optional().catch(undefined),
  availability: z.enum(AVAILABILITY).optional().catch(undefined),
});
export type MemberListQuery = z.infer<typeof memberListQuery>;

export const DISTRIBUTION_LABELS: Record<string, string> = {
  round_robin: "Round robin",
  weighted_round_robin: "Weighted round robin",
  least_loaded: "Least loaded",
};
