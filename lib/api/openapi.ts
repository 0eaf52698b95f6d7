/**
 * The routing API's OpenAPI 3.1 document, built from the same zod schemas the route handlers
 * parse with (so the document cannot drift from what the API accepts). Served at
 * /api/v1/openapi.json and rendered at /api-docs.
 */
import { z } from "zod";
import { EXCEPTION_CODES } from "@/lib/engine/types";
import { accountInputSchema } from "@/lib/schemas/accounts";
import { routeBatchRequestSchema, routeRequestSchema } from "@/lib/schemas/routing";

const json = (schema: z.ZodType) => {
  const s = z.toJSONSchema(schema, { io: "input", target: "draft-2020-12", unrepresentable: "any" }) as Record<string, unknown>;
  delete s.$schema;
  return s;
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: ref("Error") } } });

const decision = {
  type: "object",
  description:
    "A stored decision: the engine's outcome, the inputs as read, the trace with per-condition evidence, and a sentence explaining it.",
  required: ["id", "recordId", "objectType", "kind", "policyVersion", "explanation", "inputs", "createdAt"],
  properties: {
    id: { type: "string", format: "uuid" },
    recordId: { type: "string" },
    objectType: { type: "string" },
    kind: { enum: ["assigned", "queued", "suppressed", "exception"] },
    assignee: { type: "string", description: "Member key (email), when assigned." },
    queue: { type: ["string", "null"] },
    via: { enum: ["member", "relationship", "queue"] },
    ruleKey: { type: ["string", "null"], description: "The rule that decided, or fallback." },
    intent: { type: ["string", "null"], description: "The operating intent of that rule (territory, existing_customer…)." },
    slaMinutes: { type: ["integer", "null"] },
    slaDueAt: { type: ["string", "null"], format: "date-time" },
    suppressionKey: { type: "string" },
    reason: { type: "string" },
    reasonCode: { enum: [...EXCEPTION_CODES] },
    fields: { type: "array", items: { type: "string" }, description: "For exceptions: the fields at fault." },
    message: { type: "string" },
    note: { type: ["string", "null"] },
    warnings: {
      type: "array",
      description:
        "Present when the record carried fields the policy does not declare (its unknownFields: warn): each field, the declared input it is closest to, and a sentence.",
      items: {
        type: "object",
        required: ["code", "field", "message"],
        properties: {
          code: { enum: ["UNDECLARED_FIELD"] },
          field: { type: "string" },
          suggestion: { type: ["string", "null"] },
          message: { type: "string" },
        },
      },
    },
    inputs: { type: "object", additionalProperties: true, description: "Every declared input as read (null when missing)." },
    trace: {
      type: ["array", "null"],
      items: { type: "object" },
      description:
        "Each step: inputs, duplicate, suppression, rule (with evidence: field, op, expected, actual, passed), distribution, fallback.",
    },
    policyHash: { type: "string" },
    policyVersion: { type: "object", properties: { id: { type: "string" }, number: { type: "integer" } } },
    evaluatedAt: { type: "string", format: "date-time" },
    createdAt: { type: "string", format: "date-time" },
    source: { enum: ["api", "batch", "console", "reroute", "seed"] },
    requestId: { type: ["string", "null"] },
    formatVersion: {
      type: "integer",
      description:
        "The decision format it was stored in. A release that changes the format raises it and states which stored formats it still replays.",
    },
    explanation: {
      type: "string",
      example:
        "Assigned to Dana Ruiz from queue ent-emea because rule enterprise-emea-new-logo (intent: territory) matched: segment = enterprise, region = EMEA.",
    },
    current: {
      type: "object",
      description: "Who holds it now (after overrides).",
      properties: { assignee: { type: ["string", "null"] }, queue: { type: ["string", "null"] }, overrideCount: { type: "integer" } },
    },
  },
};

export function openApiDocument(serverUrl = "/") {
  return {
    openapi: "3.1.0",
    info: {
      title: "Switchyard routing API",
      version: "1.0.0",
      description:
        "Route leads, demo requests, product signals, partner referrals, renewals and agent actions with the live routing policy. Every decision is stored with its evidence and can be explained, replayed and disputed in the console.\n\nAuthenticate with an API key (Admin → API keys): `Authorization: Bearer sy_…`. Send an `Idempotency-Key` on POSTs: a retry with the same key and body returns the first decision (200, `Idempotent-Replayed: true`) instead of routing again; the same key with a different body is refused (422).",
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    paths: {
      "/api/v1/route": {
        post: {
          operationId: "routeRecord",
          summary: "Route one record",
          description:
            "Matches the record to a stored account (account_id, or domain from email_domain / email / website; product workspaces roll up to their company), evaluates the live policy, updates distribution state (rotations, loads) and stores the decision — all in one transaction. Scope: `route`.",
          parameters: [{ $ref: "#/components/parameters/IdempotencyKey" }, { $ref: "#/components/parameters/Trace" }],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: ref("RouteRequest"),
                example: {
                  record: {
                    id: "lead-10442",
                    type: "lead",
                    fields: {
                      email: "cto@bigco.com",
                      email_domain: "bigco.com",
                      segment: "enterprise",
                      region: "EMEA",
                      fit_score: 82,
                      lead_source: "inbound_demo",
                    },
                  },
                },
              },
            },
          },
          responses: {
            "201": {
              description: "Routed and stored.",
              content: {
                "application/json": {
                  schema: { type: "object", properties: { decision: ref("Decision"), replayed: { type: "boolean" } } },
                },
              },
            },
            "200": {
              description: "A retry: the decision the first request with this Idempotency-Key made.",
              content: {
                "application/json": { schema: { type: "object", properties: { decision: ref("Decision"), replayed: { const: true } } } },
              },
            },
            "401": errorResponse("No valid API key."),
            "403": errorResponse("The key lacks the route scope."),
            "409": errorResponse("No published policy version to route with."),
            "422": errorResponse("The body is invalid (fieldErrors names each field), or the Idempotency-Key was used with another body."),
          },
        },
      },
      "/api/v1/route/batch": {
        post: {
          operationId: "routeBatch",
          summary: "Route up to 1,000 records",
          description: "Routes the records in order, in one transaction, threading distribution state between them. Scope: `route`.",
          parameters: [{ $ref: "#/components/parameters/IdempotencyKey" }, { $ref: "#/components/parameters/Trace" }],
          requestBody: { required: true, content: { "application/json": { schema: ref("RouteBatchRequest") } } },
          responses: {
            "201": {
              description: "Routed and stored, in request order.",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: { decisions: { type: "array", items: ref("Decision") }, replayed: { type: "boolean" } },
                  },
                },
              },
            },
            "200": { description: "A retry with the same Idempotency-Key." },
            "401": errorResponse("No valid API key."),
            "422": errorResponse("Invalid body (e.g. more than 1,000 records)."),
          },
        },
      },
      "/api/v1/decisions/{id}": {
        get: {
          operationId: "getDecision",
          summary: "A stored decision with its explanation",
          description: "Scope: `decisions:read`.",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": {
              description: "The decision.",
              content: { "application/json": { schema: { type: "object", properties: { decision: ref("Decision") } } } },
            },
            "404": errorResponse("No such decision."),
          },
        },
      },
      "/api/v1/accounts/{externalId}": {
        put: {
          operationId: "upsertAccount",
          summary: "Create or update an account",
          description:
            "Keeps the account context routing reads in sync with your CRM. Owners are member emails; the parent is its external id. The next routed record sees the change. Scope: `accounts:write`.",
          parameters: [{ name: "externalId", in: "path", required: true, schema: { type: "string" } }],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: ref("AccountInput"),
                example: {
                  name: "Northwind Traders",
                  domain: "northwind.example",
                  segment: "mid_market",
                  region: "EMEA",
                  customer_status: "customer",
                  owner: "dana.ruiz@lumendata.example",
                },
              },
            },
          },
          responses: {
            "201": { description: "Created." },
            "200": { description: "Updated." },
            "422": errorResponse("Invalid fields, an unknown owner or parent."),
          },
        },
      },
    },
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", bearerFormat: "sy_<prefix>_<secret>" } },
      parameters: {
        Trace: {
          name: "trace",
          in: "query",
          required: false,
          schema: { enum: ["1"] },
          description:
            "trace=1 includes every step with per-condition evidence in the response (always stored; GET /api/v1/decisions/{id} returns it).",
        },
        IdempotencyKey: {
          name: "Idempotency-Key",
          in: "header",
          required: false,
          schema: { type: "string", maxLength: 200 },
          description: "Any unique string per logical request (e.g. your record id + event).",
        },
      },
      schemas: {
        RouteRequest: json(routeRequestSchema),
        RouteBatchRequest: json(routeBatchRequestSchema),
        AccountInput: json(accountInputSchema),
        Decision: decision,
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: {
                  enum: ["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "VALIDATION", "CONFLICT", "RATE_LIMITED", "UNAVAILABLE", "INTERNAL"],
                },
                message: { type: "string" },
                fieldErrors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
              },
            },
          },
        },
      },
    },
    "x-webhooks-note":
      "Webhook bodies: { id, event, createdAt, data } signed with X-Switchyard-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + '.' + body)>.",
  };
}
