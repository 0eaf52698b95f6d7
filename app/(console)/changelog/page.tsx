import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/server/auth/with-permission";
import { listChangelog } from "@/lib/server/policies/queries";

export const metadata: Metadata = { title: "Changelog" };

export default async function ChangelogPage() {
  const user = await requirePage("changelog:read");
  const entries = await listChangelog();
  const canOpen = hasPermission(user.role, "policies:read");
  return (
    <>
      <PageHeader
        title="What changed in routing"
        description="Every published version, newest first: what changes and why, in plain words."
      />
      <ol className="space-y-4" data-testid="changelog">
        {entries.map((e) => (
          <li key={e.id}>
            <Card className="p-5">
              <div className="flex flex-wrap items-center gap-3">
                {canOpen ? (
                  <Link href={`/policies/versions/${e.id}`} className="text-lg font-semibold text-brand-700 hover:underline">
                    v{e.number}
                  </Link>
                ) : (
                  <span className="text-lg font-semibold text-slate-900">v{e.number}</span>
                )}
                <span className="text-sm text-slate-500">
                  {e.policy.name} · {e.publishedAt?.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" })} ·{" "}
                  {e.publishedBy?.name ?? "—"}
                </span>
                {e.status === "PUBLISHED" ? <Badge tone="green">Live</Badge> : null}
                {e.rollbackOfId ? <Badge tone="amber">Rollback</Badge> : null}
                {e.overrideReason ? <Badge tone="red">Published with failing tests</Badge> : null}
              </div>
              <p className="mt-2 text-slate-800">{e.changeNote}</p>
              {e.summary && e.summary !== "First version of this policy." ? (
                <ul className="mt-2 list-disc space-y-0.5 pl-5 text-sm text-slate-600">
                  {e.summary.split("\n").map((s) => (
                    <li key={s}>{s}</li>
                  ))}
                </ul>
              ) : null}
            </Card>
          </li>
        ))}
      </ol>
    </>
  );
}
