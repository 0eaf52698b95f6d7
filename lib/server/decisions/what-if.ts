/**
 * "What would this version do now?": the stored record routed again by any version (live,
 * draft, submitted) against today's accounts and today's availability — nothing is stored and
 * no state moves.
 */
import { describeDecision } from "@/lib/engine/explain";
import { evaluate } from "@/lib/engine/evaluate";
import { matchRecord } from "@/lib/engine/matching";
import type { RoutedRecord, RoutingState } from "@/lib/engine/types";
import { db } from "@/lib/server/db";
import { accountIndexFor } from "@/lib/server/routing/account-index";
import { versionAsLive } from "@/lib/server/routing/live-policy";
import { loadRoutingState } from "@/lib/server/routing/routing-context";
import { decisionForViewer } from "./get-decision";
import { memberNames } from "./member-names";
import type { Viewer } from "./visibility";

export async function whatWouldVersionDo(viewer: Viewer, decisionId: string, versionId: string, now = new Date()) {
  const row = await decisionForViewer(viewer, decisionId);
  const version = await versionAsLive(versionId);
  const record = row.record as unknown as RoutedRecord;
  const context = record?.fields ? matchRecord(record, await accountIndexFor(version.compiled)) : null;
  const state: RoutingState = await loadRoutingState();
  const cursors = await db().queueCursor.findMany();
  for (const c of cursors)
    state.queues[c.queueKey] = c.current ? { cursor: c.cursor, current: c.current as Record<string, number> } : { cursor: c.cursor };
  const { decision } = evaluate(version.compiled, record, context, state, now);
  const name = await memberNames([decision.kind === "assigned" ? decision.assignee : null]);
  return { versionNumber: version.versionNumber, kind: decision.kind, explanation: describeDecision(decision, name) };
}
