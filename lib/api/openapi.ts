/**
 * The routing API's OpenAPI 3.1 document, built from the same zod schemas the route handlers
 * parse with (so the document cannot drift from what the API accepts). Served at
 * /api/v1/openapi.json and rendered at /api-docs.
 */
import { z } from "zod";
import { accountInputSchema } from "@/lib/schemas/accounts";
import {
  decisionResponseSchema,
  decisionViewSchema,
  errorBodySchema,
  routeBatchResponseSchema,
  routeResponseSchema,
} from "@/lib/schemas/decision-view";
import { routeBatchRequestSchema, routeRequestSchema } from "@/lib/schemas/routing";

/**
 * Named zod schemas as the document's components: requests as the API accepts them (`input`),
 * responses as it sends them (`output`); a named schema inside another is a `$ref` to it.
 */
function components(io: "input" | "output", named: Record<string, z.ZodType>): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    io,
    target: "draft-2020-12",
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
  });
  for (const s of Object.values(schemas)) delete (s as Record<string, unknown>).$schema;
  return schemas;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: ref("Error") } } });

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
                  schema: ref("RouteResponse"),
                },
              },
            },
            "200": {
              description: "A retry: the decision the first request with this Idempotency-Key made.",
              content: {
                "application/json": { schema: ref("RouteResponse") },
              },
            },
            "401": errorResponse("No valid API key."),
            "403": errorResponse("The key lacks the route scope."),
            "409": errorResponse("No published policy version to route with."),
            "422": errorResponse("The body is invalid (fieldErrors names each field), or the Idempotency-Key was used with another body."),
            "503": errorResponse(
              "The database is not reachable (restarting, failing over). Retry after Retry-After seconds with the same Idempotency-Key: a decision stored before the answer was lost is the answer to the retry, never made twice.",
            ),
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
                    ...ref("RouteBatchResponse"),
                  },
                },
              },
            },
            "200": { description: "A retry with the same Idempotency-Key." },
            "401": errorResponse("No valid API key."),
            "422": errorResponse("Invalid body (e.g. more than 1,000 records)."),
            "503": errorResponse("The database is not reachable: retry after Retry-After seconds with the same Idempotency-Key."),
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
              content: { "application/json": { schema: ref("DecisionResponse") } },
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
        ...components("input", {
          RouteRequest: routeRequestSchema,
          RouteBatchRequest: routeBatchRequestSchema,
          AccountInput: accountInputSchema,
        }),
        ...components("output", {
          Decision: decisionViewSchema,
          RouteResponse: routeResponseSchema,
          RouteBatchResponse: routeBatchResponseSchema,
          DecisionResponse: decisionResponseSchema,
          Error: errorBodySchema,
        }),
      },
    },
    "x-webhooks-note":
      "Webhook bodies: { id, event, createdAt, data } signed with X-Switchyard-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + '.' + body)>.",
  };
}
