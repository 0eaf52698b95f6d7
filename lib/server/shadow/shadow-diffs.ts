/**
 * A live decision the shadow version would have made differently, as a ShadowDiff row: both
 * signatures, both decisions without traces. Written in the routing transaction's one
 * writes, beside the decisions (lib/server/routing/route-records.ts).
 */
import { outcomeChange } from "@/lib/engine/impact";
import type { Decision } from "@/lib/engine/types";
import { textArray, type WriteFragment } from "@/lib/server/pg";

export interface ShadowDiffInsert {
  decisionId: string;
  runId: string;
  recordId: string;
  createdAt: Date;
  before: string;
  after: string;
  liveDecision: string;
  shadowDecision: string;
}

const untraced = (d: Decision) => JSON.stringify({ ...d, trace: null });

/** The row for a live decision and its shadow twin, or null when they agree. */
export function shadowDiffRow(
  decisionId: string,
  runId: string,
  createdAt: Date,
  live: Decision,
  shadow: Decision,
): ShadowDiffInsert | null {
  const change = outcomeChange(live, shadow);
  if (!change) return null;
  return {
    decisionId,
    runId,
    recordId: live.recordId,
    createdAt,
    ...change,
    liveDecision: untraced(live),
    shadowDecision: untraced(shadow),
  };
}

/** The differences' insert: a statement of the routing transaction's writes. */
export function shadowDiffsInsert(rows: ShadowDiffInsert[]): WriteFragment | null {
  if (!rows.length) return null;
  const col = (k: keyof ShadowDiffInsert) => rows.map((r) => (k === "createdAt" ? r.createdAt.toISOString() : r[k]));
  return `INSERT INTO "ShadowDiff" ("decisionId", "runId", "recordId", "createdAt", before, after, "liveDecision", "shadowDecision")
     SELECT u.d, u.r, u.rid, u.c::timestamp(3), u.b, u.a, u.ld::jsonb, u.sd::jsonb
     FROM unnest(${textArray(col("decisionId"))}, ${textArray(col("runId"))}, ${textArray(col("recordId"))}, ${textArray(col("createdAt"))},
       ${textArray(col("before"))}, ${textArray(col("after"))}, ${textArray(col("liveDecision"))}, ${textArray(col("shadowDecision"))}) AS u(d, r, rid, c, b, a, ld, sd)`;
}
