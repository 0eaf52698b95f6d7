/**
 * An account at the centre: its context as routing reads it (owner, CSM, partner owner, parent,
 * children) and its routing timeline — every decision on it (newest first), each override and
 * dispute on those decisions — in business language, with who holds each record now.
 */
import { readStoredDecision } from "@/lib/server/decisions/stored-decision";
import { describeDecision } from "@/lib/engine/explain";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/server/auth/assert-can";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { db } from "@/lib/server/db";
import { memberNames } from "@/lib/server/decisions/member-names";
import { visibleWhere, type Viewer } from "@/lib/server/decisions/visibility";

const TIMELINE_DECISIONS = 100;

export type TimelineEvent =
  | {
      kind: "decision";
      at: Date;
      decisionId: string;
      recordId: string;
      objectType: string;
      sentence: string;
      outcome: string;
      reasonCode: string | null;
      holder: string | null;
      open: boolean;
    }
  | {
      kind: "override";
      at: Date;
      decisionId: string;
      recordId: string;
      by: string;
      from: string | null;
      to: string | null;
      reasonCode: string;
      note: string;
    }
  | {
      kind: "dispute";
      at: Date;
      decisionId: string;
      recordId: string;
      disputeId: string;
      by: string;
      claimed: string | null;
      status: string;
      text: string;
    };

export async function accountTimeline(user: CurrentUser, viewer: Viewer, externalId: string) {
  assertCan(user, "accounts:read", "open accounts");
  const account = await db().account.findUnique({
    where: { externalId },
    include: {
      owner: { select: { name: true, email: true } },
      csm: { select: { name: true, email: true } },
      partnerOwner: { select: { name: true, email: true } },
      parent: { select: { externalId: true, name: true } },
      mergedInto: { select: { externalId: true, name: true } },
      merged: { select: { externalId: true, name: true }, orderBy: { name: "asc" }, take: 50 },
      children: { select: { externalId: true, name: true, isProductWorkspace: true }, orderBy: { name: "asc" }, take: 50 },
    },
  });
  if (!account) throw new AppError("NOT_FOUND", `No account ${externalId}.`);
  const decisions = await db().decision.findMany({
    where: { AND: [visibleWhere(viewer), { accountExternalId: externalId }] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: TIMELINE_DECISIONS,
    select: {
      id: true,
      createdAt: true,
      recordId: true,
      objectType: true,
      kind: true,
      reasonCode: true,
      decision: true,
      currentAssigneeKey: true,
      currentQueueKey: true,
      resolvedAt: true,
      overrides: { orderBy: { createdAt: "asc" } },
      disputes: { orderBy: { createdAt: "asc" } },
    },
  });
  const name = await memberNames([
    ...decisions.flatMap((d) => [
      d.currentAssigneeKey,
      ...d.overrides.flatMap((o) => [o.fromAssigneeKey, o.toAssigneeKey]),
      ...d.disputes.map((x) => x.claimedOwnerKey),
    ]),
    account.owner?.email ?? null,
  ]);
  const who = (key: string | null, queue: string | null) => (key ? name(key) : queue ? `queue ${queue}` : null);
  const events: TimelineEvent[] = [];
  for (const d of decisions) {
    events.push({
      kind: "decision",
      at: d.createdAt,
      decisionId: d.id,
      recordId: d.recordId,
      objectType: d.objectType,
      sentence: describeDecision(readStoredDecision(d.decision, d.id), name),
      outcome: d.kind,
      reasonCode: d.reasonCode,
      holder: who(d.currentAssigneeKey, d.currentQueueKey),
      open: d.resolvedAt === null,
    });
    for (const o of d.overrides)
      events.push({
        kind: "override",
        at: o.createdAt,
        decisionId: d.id,
        recordId: d.recordId,
        by: o.byEmail,
        from: who(o.fromAssigneeKey, o.fromQueueKey),
        to: who(o.toAssigneeKey, o.toQueueKey),
        reasonCode: o.reasonCode,
        note: o.note,
      });
    for (const x of d.disputes)
      events.push({
        kind: "dispute",
        at: x.createdAt,
        decisionId: d.id,
        recordId: d.recordId,
        disputeId: x.id,
        by: x.filedByName,
        claimed: x.claimedOwnerKey ? name(x.claimedOwnerKey) : null,
        status: x.status,
        text: x.text,
      });
  }
  events.sort((a, b) => b.at.getTime() - a.at.getTime());
  return { account, events, truncated: decisions.length === TIMELINE_DECISIONS };
}
