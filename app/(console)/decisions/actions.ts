"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { fileDisputeSchema, overrideSchema, rerouteSchema } from "@/lib/schemas/decisions";
import { consoleRouteSchema } from "@/lib/schemas/routing";
import { protectedAction } from "@/lib/server/auth/with-permission";
import { fileDispute } from "@/lib/server/decisions/disputes";
import { pinStoredDecision, replayDecision } from "@/lib/server/decisions/get-decision";
import { overrideDecisions, rerouteDecisions } from "@/lib/server/decisions/overrides";
import { viewerFor } from "@/lib/server/decisions/visibility";
import { whatWouldVersionDo } from "@/lib/server/decisions/what-if";
import { routeFromConsole } from "@/lib/server/routing/route-from-console";

const READERS = ["decisions:read", "decisions:read_own"] as const;

export const replayAction = protectedAction(READERS, z.object({ decisionId: z.string().min(1) }), async ({ decisionId }, user) => {
  const r = await replayDecision(await viewerFor(user), decisionId);
  return { identical: r.identical, sameOutcome: r.sameOutcome, differences: r.differences };
});

export const whatIfAction = protectedAction(
  "decisions:read",
  z.object({ decisionId: z.string().min(1), versionId: z.string().min(1, "Choose a version.") }),
  async ({ decisionId, versionId }, user) => whatWouldVersionDo(await viewerFor(user), decisionId, versionId),
);

const pinSchema = z.object({
  decisionId: z.string().min(1),
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,79}$/, "Lowercase letters, digits and dashes (2–80)."),
  name: z.string().trim().min(3, "Name the case (at least 3 characters).").max(200),
});

export const pinAction = protectedAction("tests:manage", pinSchema, async ({ decisionId, key, name }, user) => {
  const created = await pinStoredDecision(user, decisionId, { key, name });
  revalidatePath("/test-suite");
  return { testCaseId: created.id, key: created.key };
});

export const overrideAction = protectedAction("decisions:override", overrideSchema, async (input, user) => {
  const r = await overrideDecisions(user, input);
  revalidatePath("/decisions");
  revalidatePath("/exceptions");
  return r;
});

export const rerouteAction = protectedAction("exceptions:manage", rerouteSchema, async (input, user) => {
  const r = await rerouteDecisions(user, input);
  revalidatePath("/exceptions");
  return r;
});

export const fileDisputeAction = protectedAction("disputes:file", fileDisputeSchema, async (input, user) => {
  const d = await fileDispute(user, input);
  revalidatePath("/disputes");
  return { disputeId: d.id };
});

export const routeFromConsoleAction = protectedAction("exceptions:manage", consoleRouteSchema, async (input, user) => {
  const r = await routeFromConsole(user, input);
  revalidatePath("/decisions");
  return r;
});
