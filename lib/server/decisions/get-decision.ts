/**
 * One decision with everything its page shows: the stored decision and explanation, the
 * version, overrides and disputes, and — for a member — "why not me".
 */
import { readStoredDecision } from "@/lib/server/decisions/stored-decision";
import { REPLAYABLE_FORMAT_VERSIONS } from "@/lib/engine/format-version";
import { evaluate, outcomeSignature } from "@/lib/engine/evaluate";
import { canonicalJson } from "@/lib/engine/sha256";
import { whyNotMe, type WhyNotResult } from "@/lib/engine/why-not";
import type { Decision, RecordContext, RoutedRecord, RoutingState } from "@/lib/engine/types";
import { AppError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { db } from "@/lib/server/db";
import { saveCaseFromDecision } from "@/lib/server/policies/test-case-store";
import { decisionView, type DecisionView } from "@/lib/server/routing/decision-record";
import { versionAsLive } from "@/lib/server/routing/live-policy";
import { memberNames } from "./member-names";
import { canSee, type Viewer } from "./visibility";

export async function loadDecisionRow(id: string) {
  const row = await db().decision.findUnique({
    where: { id },
    include: { overrides: { orderBy: { createdAt: "asc" } }, disputes: { orderBy: { createdAt: "desc" } } },
  });
  if (!row) throw new AppError("NOT_FOUND", "That decision does not exist.");
  return row;
}

export type DecisionRowFull = Awaited<ReturnType<typeof loadDecisionRow>>;

/** The row, if the viewer may see it (404 otherwise, so ids do not leak). */
export async function decisionForViewer(viewer: Viewer, id: string): Promise<DecisionRowFull> {
  const row = await loadDecisionRow(id);
  if (
    !canSee(
      viewer,
      row,
      row.disputes.some((d) => d.filedById === viewer.user.id),
    )
  )
    throw new AppError("NOT_FOUND", "That decision does not exist or is not one you can see.");
  return row;
}

/** Stored decisions in the given order, as the API returns them. */
export async function decisionViews(ids: string[]): Promise<DecisionView[]> {
  const rows = await db().decision.findMany({ where: { id: { in: ids } } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const name = await memberNames(rows.flatMap((r) => [r.assigneeKey, r.currentAssigneeKey]));
  return ids.map((id) => {
    const row = byId.get(id);
    if (!row) throw new AppError("NOT_FOUND", `Decision ${id} is missing.`);
    return decisionView({ ...row, decision: readStoredDecision(row.decision, row.id) }, name);
  });
}

export async function decisionDetail(viewer: Viewer, id: string) {
  const row = await decisionForViewer(viewer, id);
  const d = readStoredDecision(row.decision, row.id);
  // Re-routed or handed to a queue: the decision that took over (if the viewer may see it).
  const next =
    row.resolution === "rerouted" || row.resolution === "overridden"
      ? await db().decision.findFirst({ where: { reroutedFromId: row.id }, orderBy: { createdAt: "desc" } })
      : null;
  const name = await memberNames([
    next?.assigneeKey,
    row.assigneeKey,
    row.currentAssigneeKey,
    ...row.overrides.flatMap((o) => [o.fromAssigneeKey, o.toAssigneeKey]),
    ...row.disputes.map((x) => x.claimedOwnerKey),
  ]);
  const version = await db().policyVersion.findUnique({
    where: { id: row.policyVersionId },
    select: { id: true, number: true, status: true, publishedAt: true, changeNote: true, baseVersionId: true, policyId: true },
  });
  const me = viewer.user.memberKey;
  const whyNot = me && row.assigneeKey !== me ? await whyNotFor(row, me) : null;
  const successor =
    next && canSee(viewer, next, false) ? { id: next.id, kind: next.kind, assignee: next.assigneeKey, queue: next.queueKey } : null;
  return { row, decision: d, view: decisionView(row, name), name, version, whyNot, successor };
}

async function whyNotFor(row: DecisionRowFull, member: string): Promise<WhyNotResult> {
  const live = await versionAsLive(row.policyVersionId);
  const state = structuredClone(row.stateSnapshot) as unknown as RoutingState;
  if (!state.members[member]) {
    const m = await db().member.findUnique({ where: { email: member } });
    if (m)
      state.members[member] = {
        active: m.active,
        load: m.activeLoad,
        capacity: m.capacity,
        outOfOfficeFrom: m.outOfOfficeFrom?.toISOString() ?? null,
        outOfOfficeUntil: m.outOfOfficeUntil?.toISOString() ?? null,
      };
  }
  const d = readStoredDecision(row.decision, row.id);
  return whyNotMe(
    live.compiled,
    row.record as unknown as RoutedRecord,
    (row.context as unknown as RecordContext) ?? null,
    state,
    new Date(d.evaluatedAt),
    member,
  );
}

export interface ReplayResult {
  identical: boolean;
  sameOutcome: boolean;
  differences: Array<{ field: string; stored: unknown; replayed: unknown }>;
  replayed: Decision;
}

const COMPARED = [
  "kind",
  "assignee",
  "queue",
  "ruleKey",
  "intent",
  "slaDueAt",
  "suppressionKey",
  "reasonCode",
  "via",
  "relationship",
] as const;

/**
 * Re-evaluates the stored record, context and state with the stored version: must give the same
 * decision. Only decisions written in a format this release reads are replayed (the contract in
 * lib/engine/format-version.ts); another format is refused, saying which.
 */
export async function replayRow(
  row: Pick<DecisionRowFull, "id" | "policyVersionId" | "record" | "context" | "stateSnapshot" | "decision" | "formatVersion">,
): Promise<ReplayResult> {
  if (!REPLAYABLE_FORMAT_VERSIONS.includes(row.formatVersion))
    throw new AppError(
      "CONFLICT",
      `This decision was stored in decision format ${row.formatVersion}; this release replays format${REPLAYABLE_FORMAT_VERSIONS.length > 1 ? "s" : ""} ${REPLAYABLE_FORMAT_VERSIONS.join(", ")} only, so it cannot be replayed exactly. Its stored evidence is unchanged.`,
    );
  const live = await versionAsLive(row.policyVersionId);
  const stored = readStoredDecision(row.decision, row.id);
  const { decision: replayed } = evaluate(
    live.compiled,
    row.record as unknown as RoutedRecord,
    (row.context as unknown as RecordContext) ?? null,
    row.stateSnapshot as unknown as RoutingState,
    new Date(stored.evaluatedAt),
  );
  const differences: ReplayResult["differences"] = [];
  for (const f of COMPARED) {
    const a = (stored as unknown as Record<string, unknown>)[f] ?? null;
    const b = (replayed as unknown as Record<string, unknown>)[f] ?? null;
    if (canonicalJson(a) !== canonicalJson(b)) differences.push({ field: f, stored: a, replayed: b });
  }
  // Stored JSON (jsonb) does not keep key order: compare canonically.
  if (canonicalJson(stored.trace) !== canonicalJson(replayed.trace))
    differences.push({ field: "trace", stored: "(stored trace)", replayed: "(differs)" });
  if (canonicalJson(stored.inputs) !== canonicalJson(replayed.inputs))
    differences.push({ field: "inputs", stored: stored.inputs, replayed: replayed.inputs });
  return {
    identical: canonicalJson(stored) === canonicalJson(replayed),
    sameOutcome: outcomeSignature(stored) === outcomeSignature(replayed),
    differences,
    replayed,
  };
}

export async function replayDecision(viewer: Viewer, id: string): Promise<ReplayResult> {
  return replayRow(await decisionForViewer(viewer, id));
}

/** "Pin as test case" on a stored decision: its inputs and outcome become a case of its policy. */
export async function pinStoredDecision(user: CurrentUser, decisionId: string, meta: { key: string; name: string }) {
  const row = await loadDecisionRow(decisionId);
  const version = await db().policyVersion.findUniqueOrThrow({ where: { id: row.policyVersionId }, select: { policyId: true } });
  return saveCaseFromDecision(user, version.policyId, readStoredDecision(row.decision, row.id), meta);
}
