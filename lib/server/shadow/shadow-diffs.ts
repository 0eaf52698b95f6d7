/**
 * A live decision the shadow version would have made differently, as a ShadowDiff row: both
 * signatures, both decisions without traces. Written by the routing commit beside the decisions
 * (lib/server/routing/routing-commit.ts).
 */
import { outcomeChange } from "@/lib/engine/impact";
import type { Decision } from "@/lib/engine/types";

export interface ShadowDiffInsert {
  decisionId: string;
  runId: string;
  recordId: string;
  createdAt: Date;
  before: string;
  after: string;
  liveDecision: Decision;
  shadowDecision: Decision;
}

const untraced = (d: Decision): Decision => ({ ...d, trace: null });

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
