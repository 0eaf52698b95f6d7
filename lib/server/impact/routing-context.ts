/**
 * The routing world as stored: accounts as the engine's account context (member keys are
 * emails, as in policies), members' availability as routing state.
 */
import type { AccountContext, MemberState, RoutingState } from "@/lib/engine/types";
import { db } from "@/lib/server/db";

export async function loadAccountContexts(): Promise<AccountContext[]> {
  const rows = await db().account.findMany({
    orderBy: { externalId: "asc" },
    include: { owner: { select: { email: true } }, csm: { select: { email: true } }, partnerOwner: { select: { email: true } } },
  });
  return rows.map((a) => ({
    id: a.id,
    external_id: a.externalId,
    name: a.name,
    domain: a.domain,
    segment: a.segment,
    region: a.region,
    country: a.country,
    industry: a.industry,
    employee_count: a.employeeCount,
    customer_status: a.customerStatus,
    fit_score: a.fitScore,
    is_named_account: a.isNamedAccount,
    is_strategic: a.isStrategic,
    has_open_opportunity: a.hasOpenOpportunity,
    in_renewal: a.inRenewal,
    in_procurement: a.inProcurement,
    sensitive_escalation: a.sensitiveEscalation,
    open_support_issue: a.openSupportIssue,
    is_product_workspace: a.isProductWorkspace,
    owner_id: a.owner?.email ?? null,
    csm_id: a.csm?.email ?? null,
    partner_owner_id: a.partnerOwner?.email ?? null,
    parent_id: a.parentId,
  }));
}

export async function loadRoutingState(): Promise<RoutingState> {
  const members = await db().member.findMany();
  const state: Record<string, MemberState> = {};
  for (const m of members) {
    state[m.email] = {
      active: m.active,
      load: m.activeLoad,
      capacity: m.capacity,
      outOfOfficeFrom: m.outOfOfficeFrom?.toISOString() ?? null,
      outOfOfficeUntil: m.outOfOfficeUntil?.toISOString() ?? null,
    };
  }
  return { members: state, queues: {} };
}
