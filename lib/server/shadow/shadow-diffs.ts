/**
 * A live decision the shadow version would have made differently, as a ShadowDiff row: both
 * signatures, both decisions without traces. Written in the routing transaction, in one
 * statement, beside the decisions (lib/server/routing/route-records.ts).
 */
import { outcomeChange } from "@/lib/engine/impact";
import type { Decision } from "@/lib/engine/types";
import type { PgClient } from "@/lib/server/pg";

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
export function shadowDiffRow(decisionId: string, runId: string, createdAt: Date, live: Decision, shadow: Decision): ShadowDiffInsert | null {
  const change = outcomeChange(live, shadow);
  if (!change) return null;
  return { decisionId, runId, recordId: live.recordId, createdAt, ...change, liveDecision: untraced(live), shadowDecision: untraced(shadow) };
}

export async function insertShadowDiffs(client: PgClient, rows: ShadowDiffInsert[]): Promise<void> {
  if (!rows.length) return;
  await client.query(
    `INSERT INTO "ShadowDiff" ("decisionId", "runId", "recordId", "createdAt", before, after, "liveDecision", "shadowDecision")
     SELECT u.d, u.r, u.rid, u.c::timestamp(3), u.b, u.a, u.ld::jsonb, u.sd::jsonb
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS u(d, r, rid, c, b, a, ld, sd)`,
    [
      rows.map((r) => r.decisionId),
      rows.map((r) => r.runId),
      rows.map((r) => r.recordId),
      rows.map((r) => r.createdAt.toISOString()),
      rows.map((r) => r.before),
      rows.map((r) => r.after),
      rows.map((r) => r.liveDecision),
      rows.map((r) => r.shadowDecision),
    ],
  );
}
