import type { Metadata } from "next";
import { ApiKeyForm } from "@/components/admin/api-key-form";
import { ActionButton } from "@/components/policies/action-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { listApiKeys } from "@/lib/server/api-keys/api-keys";
import { requirePage } from "@/lib/server/auth/with-permission";
import { revokeApiKeyAction } from "./actions";

export const metadata: Metadata = { title: "API keys" };

const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : "never");

export default async function ApiKeysPage() {
  await requirePage("api_keys:manage");
  const keys = await listApiKeys();
  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys for CRMs, forms and agents calling the routing API (
            <a className="text-brand-700 hover:underline" href="/api/v1/openapi.json">
              OpenAPI
            </a>
            ). Send <code className="text-xs">Authorization: Bearer sy_…</code>; add an <code className="text-xs">Idempotency-Key</code>{" "}
            header so retries never route twice.
          </>
        }
      />
      <div className="grid gap-6 xl:grid-cols-3">
        <Card className="xl:col-span-2">
          <table className="w-full text-sm" data-testid="api-keys">
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">Key</th>
                <th className="px-4 py-2 font-medium">Scopes</th>
                <th className="px-4 py-2 font-medium">Created</th>
                <th className="px-4 py-2 font-medium">Last used</th>
                <th className="px-4 py-2" />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {keys.length === 0 ? (
                <tr>
                  <td colSpan={5} className="px-4 py-12 text-center text-slate-500">
                    No API keys yet.
                  </td>
                </tr>
              ) : (
                keys.map((k) => (
                  <tr key={k.id} className={k.revokedAt ? "text-slate-400" : ""}>
                    <td className="px-4 py-2.5">
                      <div className="font-medium">{k.name}</div>
                      <code className="text-xs">sy_{k.prefix}_…</code>
                    </td>
                    <td className="px-4 py-2.5">
                      <div className="flex flex-wrap gap-1">
                        {k.scopes.map((s) => (
                          <Badge key={s}>{s}</Badge>
                        ))}
                      </div>
                    </td>
                    <td className="px-4 py-2.5 text-xs">
                      {when(k.createdAt)}
                      <div>{k.createdByEmail}</div>
                    </td>
                    <td className="px-4 py-2.5 text-xs">{when(k.lastUsedAt)}</td>
                    <td className="px-4 py-2.5 text-right">
                      {k.revokedAt ? (
                        <Badge tone="red">revoked {when(k.revokedAt)}</Badge>
                      ) : (
                        <ActionButton action={revokeApiKeyAction} input={{ id: k.id }} variant="secondary">
                          Revoke
                        </ActionButton>
                      )}
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </Card>
        <Card>
          <CardHeader title="New key" description="Shown once; only a hash is stored. Revoke a key the moment it leaks." />
          <div className="px-5 py-4">
            <ApiKeyForm />
          </div>
        </Card>
      </div>
    </>
  );
}
