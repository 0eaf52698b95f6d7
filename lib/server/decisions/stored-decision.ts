/**
 * A stored decision's JSON, checked against the decision format (lib/engine/decision-schema.ts)
 * before anything reads it as a `Decision`: a row written by another release, or changed by hand,
 * is refused by name — which decision, which field — instead of rendering half a sentence or
 * replaying the wrong thing. The routing hot path does not read stored decisions back, so it does
 * not pay for this.
 */
import { decisionSchema } from "@/lib/engine/decision-schema";
import type { Decision } from "@/lib/engine/types";
import { AppError } from "@/lib/errors";

export function readStoredDecision(json: unknown, id: string): Decision {
  const checked = decisionSchema.safeParse(json);
  if (checked.success) return json as Decision;
  const issue = checked.error.issues[0]!;
  const at = issue.path.length ? issue.path.join(".") : "the decision";
  throw new AppError(
    "CONFLICT",
    `Decision ${id} is stored in a form this release cannot read (${at}: ${issue.message}). The stored row is unchanged; quote its id to support.`,
  );
}
