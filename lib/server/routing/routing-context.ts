/**
 * The routing world as stored: accounts as the engine's account context (member keys are
 * emails, as in policies), members' availability and the queues' rotations (and own loads) as routing state.
 */
import type { AccountContext, MemberState, QueueState, RoutingState } from "@/lib/engine/types";
import { db } from "@/lib/server/db";

/**
 * Every account in one query, as the engine's account context: ids are the CRM's external ids
 * (what API clients send as account_id), owners are member emails (the key policies use).
 */
export async function loadAccountContexts(): Promise<AccountContext[]> {
  return db().$queryRaw<AccountContext[]>`
    SELECT a."externalId" AS id, a."externalId" AS external_id, a.name, a.domain, a.segment, a.region, a.country, a.industry,
           a."employeeCount" AS employee_count, a."customerStatus" AS customer_status, a."fitScore" AS fit_score,
           a."isNamedAccount" AS is_named_account, a."isStrategic" AS is_strategic,
           a."hasOpenOpportunity" AS has_open_opportunity, a."inRenewal" AS in_renewal, a."inProcurement" AS in_procurement,
           a."sensitiveEscalation" AS sensitive_escalation, a."openSupportIssue" AS open_support_issue,
           a."isProductWorkspace" AS is_product_workspace,
           o.email AS owner_id, c.email AS csm_id, p.email AS partner_owner_id, pa."externalId" AS parent_id, mi."externalId" AS merged_into_id
    FROM "Account" a
    LEFT JOIN "Member" o ON o.id = a."ownerId"
    LEFT JOIN "Member" c ON c.id = a."csmId"
    LEFT JOIN "Member" p ON p.id = a."partnerOwnerId"
    LEFT JOIN "Account" pa ON pa.id = a."parentId"
    LEFT JOIN "Account" mi ON mi.id = a."mergedIntoId"
    ORDER BY a."externalId"`;
}

export async function loadRoutingState(): Promise<RoutingState> {
  const [members, cursors] = await Promise.all([db().member.findMany(), db().queueCursor.findMany()]);
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
  // Rotations and, for queues whose caps count their own work, each member's open work there.
  const queues: RoutingState["queues"] = {};
  for (const c of cursors) {
    const q: QueueState = { cursor: c.cursor };
    if (c.current) q.current = c.current as Record<string, number>;
    if (c.loads) q.loads = c.loads as Record<string, number>;
    queues[c.queueKey] = q;
  }
  return { members: state, queues };
}
