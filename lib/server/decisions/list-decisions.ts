/**
 * The decision log: filters on indexed columns and keyset paging on (createdAt, id), so a page
 * costs the same on the millionth row as on the first (no OFFSET, no count(*)).
 */
import { readStoredDecision } from "@/lib/server/decisions/stored-decision";
import { describeForField } from "@/lib/engine/explain";
import type { DecisionListQuery } from "@/lib/schemas/decisions";
import { db, type Prisma } from "@/lib/server/db";
import { accountIdsMatching, accountNames } from "@/lib/server/accounts/account-names";
import { fieldVocabulary, memberNames } from "./member-names";
import { visibleWhere, type Viewer } from "./visibility";

export const DECISION_ROW_SELECT = {
  id: true,
  createdAt: true,
  recordId: true,
  objectType: true,
  accountExternalId: true,
  kind: true,
  assigneeKey: true,
  queueKey: true,
  ruleKey: true,
  intent: true,
  suppressionKey: true,
  reasonCode: true,
  slaDueAt: true,
  versionNumber: true,
  policyVersionId: true,
  source: true,
  currentAssigneeKey: true,
  currentQueueKey: true,
  overrideCount: true,
  resolvedAt: true,
  resolution: true,
} as const satisfies Prisma.DecisionSelect;

export type DecisionListRow = Prisma.DecisionGetPayload<{ select: typeof DECISION_ROW_SELECT }> & {
  assigneeName: string | null;
  currentAssigneeName: string | null;
  accountName: string | null;
};

export interface DecisionPage {
  rows: DecisionListRow[];
  /** Cursor for the next page, null on the last. */
  next: string | null;
}

function dayStart(d: string): Date {
  return new Date(`${d}T00:00:00.000Z`);
}

/** The log's filters; `q` is a record, decision or account id, or (through `accountIds`) a company name or domain. */
export function decisionFilters(
  q: Omit<DecisionListQuery, "after" | "dir" | "pageSize">,
  accountIds: string[] = [],
): Prisma.DecisionWhereInput[] {
  const and: Prisma.DecisionWhereInput[] = [];
  if (q.q)
    and.push({
      OR: [
        { recordId: q.q },
        { accountExternalId: q.q },
        { id: q.q },
        ...(accountIds.length ? [{ accountExternalId: { in: accountIds } }] : []),
      ],
    });
  if (q.owner) and.push({ OR: [{ currentAssigneeKey: q.owner }, { assigneeKey: q.owner }] });
  if (q.queue) and.push({ queueKey: q.queue });
  if (q.rule) and.push({ ruleKey: q.rule });
  if (q.intent) and.push({ intent: q.intent });
  if (q.kind) and.push({ kind: q.kind });
  if (q.reason) and.push({ reasonCode: q.reason });
  if (q.version) and.push({ versionNumber: q.version });
  if (q.source) and.push({ source: q.source });
  if (q.from) and.push({ createdAt: { gte: dayStart(q.from) } });
  if (q.to) and.push({ createdAt: { lt: new Date(dayStart(q.to).getTime() + 86_400_000) } });
  if (q.open) and.push({ resolvedAt: null });
  return and;
}

function parseCursor(after: string | undefined): { at: Date; id: string } | null {
  if (!after) return null;
  const i = after.indexOf("_");
  const at = new Date(after.slice(0, i));
  return i > 0 && !Number.isNaN(at.getTime()) ? { at, id: after.slice(i + 1) } : null;
}

export async function listDecisions(viewer: Viewer, q: DecisionListQuery, extra: Prisma.DecisionWhereInput[] = []): Promise<DecisionPage> {
  const and = [visibleWhere(viewer), ...decisionFilters(q, q.q ? await accountIdsMatching(q.q) : []), ...extra];
  const cursor = parseCursor(q.after);
  const cmp = q.dir === "desc" ? "lt" : "gt";
  if (cursor) and.push({ OR: [{ createdAt: { [cmp]: cursor.at } }, { createdAt: cursor.at, id: { [cmp]: cursor.id } }] });
  const rows = await db().decision.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: q.dir }, { id: q.dir }],
    take: q.pageSize + 1,
    select: DECISION_ROW_SELECT,
  });
  const more = rows.length > q.pageSize;
  const page = more ? rows.slice(0, q.pageSize) : rows;
  const [name, companies] = await Promise.all([
    memberNames(page.flatMap((r) => [r.assigneeKey, r.currentAssigneeKey])),
    accountNames(page.map((r) => r.accountExternalId)),
  ]);
  const last = page[page.length - 1];
  return {
    rows: page.map((r) => ({
      ...r,
      assigneeName: r.assigneeKey ? name(r.assigneeKey) : null,
      currentAssigneeName: r.currentAssigneeKey ? name(r.currentAssigneeKey) : null,
      accountName: r.accountExternalId ? (companies.get(r.accountExternalId) ?? null) : null,
    })),
    next: more && last ? `${last.createdAt.toISOString()}_${last.id}` : null,
  };
}

/** Values for the log's filter pickers: the rules and queues of published versions (not a scan of the log). */
export async function decisionFacets() {
  const versions = await db().policyVersion.findMany({
    where: { publishedAt: { not: null } },
    select: { number: true, document: true },
    orderBy: { number: "desc" },
    take: 20,
  });
  const rules = new Set<string>(["fallback"]);
  const queues = new Set<string>();
  for (const v of versions) {
    const doc = v.document as { rules?: Array<{ key?: unknown }>; queues?: Array<{ key?: unknown }> };
    for (const r of doc.rules ?? []) if (typeof r.key === "string") rules.add(r.key);
    for (const q of doc.queues ?? []) if (typeof q.key === "string") queues.add(q.key);
  }
  return { rules: [...rules].sort(), queues: [...queues].sort(), versions: versions.map((v) => v.number) };
}

/** What routing gave the viewer (held now), newest first, each with "why me" in words. */
export async function listMyAssignments(viewer: Viewer, q: DecisionListQuery) {
  const me = viewer.user.memberKey;
  if (!me)
    return { rows: [], next: null, explanations: new Map<string, string>(), disputes: new Map<string, { id: string; status: string }>() };
  const page = await listDecisions(viewer, q, [{ currentAssigneeKey: me }]);
  const full = await db().decision.findMany({
    where: { id: { in: page.rows.map((r) => r.id) } },
    select: {
      id: true,
      decision: true,
      policyVersionId: true,
      overrides: { orderBy: { createdAt: "desc" }, take: 1 },
      disputes: { where: { filedById: viewer.user.id }, orderBy: { createdAt: "desc" }, take: 1, select: { id: true, status: true } },
    },
  });
  // The viewer's own latest dispute on each, so they see where it stands without opening it.
  const disputes = new Map(full.flatMap((r) => (r.disputes[0] ? [[r.id, r.disputes[0]] as const] : [])));
  // In the field's words: people and rules by name, no keys or emails.
  const words = await fieldVocabulary(
    full.map((r) => r.policyVersionId),
    full.flatMap((r) => [me, ((d) => (d.kind === "assigned" ? d.assignee : null))(readStoredDecision(r.decision, r.id))]),
  );
  const explanations = new Map(
    full.map((r) => {
      const routed = describeForField(readStoredDecision(r.decision, r.id), words);
      const o = r.overrides[0];
      // Reassigned by hand: that is why it is yours; what routing did comes after.
      return [
        r.id,
        o
          ? `RevOps reassigned it to you (${o.reasonCode.replace(/_/g, " ")})${o.note ? `: ${o.note}` : "."} Routing had decided: ${routed}`
          : routed,
      ];
    }),
  );
  return { ...page, explanations, disputes };
}
