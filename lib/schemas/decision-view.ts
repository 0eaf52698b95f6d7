/**
 * A stored decision as the API returns it (POST /route, /route/batch, GET /decisions/{id}): the
 * engine's decision (lib/engine/decision-schema.ts) with its id, version, source, format, a
 * sentence explaining it and who holds it now. The OpenAPI document's response schemas are
 * generated from these, and the integration tests parse real responses with them, so the document
 * cannot drift from what the API sends.
 */
import { z } from "zod";
import { decisionSchema } from "@/lib/engine/decision-schema";
import { ERROR_CODES } from "@/lib/errors";
import { DECISION_SOURCES } from "./decisions";

const stored = z.object({
  id: z.string().describe("The decision's id (a UUID)."),
  createdAt: z.string().describe("When it was stored (ISO time)."),
  source: z.enum(DECISION_SOURCES),
  policyVersion: z.object({ id: z.string(), number: z.number().int() }),
  requestId: z.string().nullable(),
  formatVersion: z
    .number()
    .int()
    .describe(
      "The decision format it was stored in. A release that changes the format raises it and states which stored formats it still replays.",
    ),
  explanation: z.string().describe("The decision in one sentence."),
  current: z
    .object({
      assignee: z.string().nullable(),
      queue: z.string().nullable(),
      overrideCount: z.number().int(),
      resolvedAt: z.string().nullable(),
      resolution: z.string().nullable(),
    })
    .describe("Who holds it now (after overrides and re-routes)."),
});

export const decisionViewSchema = z
  .intersection(decisionSchema, stored)
  .describe(
    "A stored decision: the engine's outcome, the inputs as read, the trace with per-condition evidence, and a sentence explaining it.",
  );

export const routeResponseSchema = z.object({ decision: decisionViewSchema, replayed: z.boolean() });
export const routeBatchResponseSchema = z.object({ decisions: z.array(decisionViewSchema), replayed: z.boolean() });
export const decisionResponseSchema = z.object({ decision: decisionViewSchema });

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_CODES) as [keyof typeof ERROR_CODES, ...Array<keyof typeof ERROR_CODES>]),
    message: z.string(),
    fieldErrors: z.record(z.string(), z.array(z.string())).optional().describe("Field path → what is wrong with it."),
    requestId: z.string().optional().describe("Quote it to support: the server log has the same id."),
  }),
});
