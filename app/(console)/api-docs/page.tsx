import type { Metadata } from "next";
import { headers } from "next/headers";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { openApiDocument } from "@/lib/api/openapi";
import { requirePage } from "@/lib/server/auth/with-permission";

export const metadata: Metadata = { title: "Routing API" };

interface Operation {
  operationId: string;
  summary: string;
  description: string;
  parameters?: Array<{ name?: string; in?: string; $ref?: string }>;
  requestBody?: { content: { "application/json": { schema: { $ref?: string }; example?: unknown } } };
  responses: Record<string, { description: string }>;
}

/** `code` spans in the document's prose as <code>. */
function Prose({ text }: { text: string }) {
  return (
    <>
      {text.split("`").map((part, i) =>
        i % 2 ? (
          <code key={i} className="rounded bg-slate-100 px-1 text-xs">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

/** The OpenAPI document rendered for people: endpoints, examples, schemas. */
export default async function ApiDocsPage() {
  await requirePage(["api_keys:manage", "policies:read"]);
  const h = await headers();
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost:3000"}`;
  const doc = openApiDocument(origin);
  const ops = Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  return (
    <>
      <PageHeader
        title="Routing API"
        description={
          <>
            {doc.info.description.split("\n\n")[0]} Machine-readable:{" "}
            <a className="text-brand-700 hover:underline" href="/api/v1/openapi.json">
              /api/v1/openapi.json
            </a>{" "}
            (OpenAPI {doc.openapi}).
          </>
        }
      />
      <Card className="mb-6 px-5 py-4 text-sm text-slate-700">
        <p>
          <Prose text={doc.info.description.split("\n\n")[1] ?? ""} />
        </p>
        <pre className="mt-3 overflow-x-auto rounded-lg bg-slate-900 p-3 text-xs text-slate-100">{`curl -X POST ${origin}/api/v1/route \\
  -H "Authorization: Bearer sy_…" -H "Idempotency-Key: lead-10442-created" \\
  -H "Content-Type: application/json" \\
  -d '${JSON.stringify((doc.paths["/api/v1/route"].post.requestBody.content["application/json"] as { example: unknown }).example)}'`}</pre>
      </Card>
      <div className="space-y-4">
        {ops.map(({ path, method, op }) => (
          <Card key={op.operationId} className="px-5 py-4">
            <h2 id={op.operationId} className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900">
              <Badge tone={method === "get" ? "blue" : method === "put" ? "violet" : "green"}>{method.toUpperCase()}</Badge>
              <code>{path}</code> — {op.summary}
            </h2>
            <p className="mt-2 text-sm text-slate-700">
              <Prose text={op.description} />
            </p>
            {op.requestBody?.content["application/json"].example ? (
              <pre className="mt-2 overflow-x-auto rounded-lg bg-slate-50 p-3 text-xs">
                {JSON.stringify(op.requestBody.content["application/json"].example, null, 2)}
              </pre>
            ) : null}
            <ul className="mt-2 space-y-0.5 text-sm">
              {Object.entries(op.responses).map(([code, r]) => (
                <li key={code}>
                  <code className={code.startsWith("2") ? "text-emerald-700" : "text-rose-700"}>{code}</code> <Prose text={r.description} />
                </li>
              ))}
            </ul>
          </Card>
        ))}
        <Card className="px-5 py-4">
          <h2 className="text-sm font-semibold text-slate-900">Schemas</h2>
          {Object.entries(doc.components.schemas).map(([name, schema]) => (
            <details key={name} className="mt-2">
              <summary className="cursor-pointer font-mono text-sm">{name}</summary>
              <pre className="mt-1 max-h-96 overflow-auto rounded-lg bg-slate-50 p-3 text-xs">{JSON.stringify(schema, null, 2)}</pre>
            </details>
          ))}
        </Card>
      </div>
    </>
  );
}
