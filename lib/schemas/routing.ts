/** The routing API's request bodies (POST /api/v1/route, /route/batch), shared with the OpenAPI document. */
import { z } from "zod";
import { OBJECT_TYPES } from "@/lib/engine/policy-schema";
import { findUnstorableText } from "@/lib/engine/storable-text";

/** A record whose text PostgreSQL cannot keep (NUL, a lone surrogate) is refused naming the field. */
const storable = (record: unknown, ctx: z.RefinementCtx) => {
  const bad = findUnstorableText(record);
  if (bad) ctx.addIssue({ code: "custom", path: bad.path, message: bad.message });
};

export const routedRecordSchema = z
  .object({
    id: z.string().trim().min(1, "Give the record an id (your CRM's id for the lead, signal…).").max(200),
    type: z.enum(OBJECT_TYPES, { error: `type must be one of ${OBJECT_TYPES.join(", ")}.` }),
    fields: z.record(z.string(), z.unknown(), { error: "fields must be an object of field name → value." }),
    /** When the record arrived in your system (e.g. the lead's creation time): SLA clocks start there. Default: now. */
    receivedAt: z.iso
      .datetime({ offset: true, error: "receivedAt must be an ISO 8601 time with a time zone, e.g. 2026-12-04T09:30:00Z." })
      .transform((s) => new Date(s).toISOString())
      .optional(),
  })
  .superRefine(storable);

export const routeRequestSchema = z.object({
  record: routedRecordSchema,
  /** Policy key; default: the installation's policy. */
  policy: z.string().trim().min(1).max(100).optional(),
});

export const BATCH_LIMIT = 1_000;

export const routeBatchRequestSchema = z.object({
  records: z
    .array(routedRecordSchema)
    .min(1, "Send at least one record.")
    .max(BATCH_LIMIT, `A batch holds at most ${BATCH_LIMIT} records; split it.`),
  policy: z.string().trim().min(1).max(100).optional(),
});

export const idempotencyKeySchema = z.string().trim().min(1).max(200, "Idempotency-Key is limited to 200 characters.");

export type RouteRequest = z.infer<typeof routeRequestSchema>;
export type RouteBatchRequest = z.infer<typeof routeBatchRequestSchema>;

/** "Route a record" in the console: fields as YAML (as in test cases). */
export const consoleRouteSchema = z.object({
  recordId: z.string().trim().min(1, "Give the record an id.").max(200),
  objectType: z.enum(OBJECT_TYPES, { error: "Choose the object type." }),
  fieldsYaml: z.string().max(20_000, "Keep the fields under 20,000 characters."),
});
