import type { Metadata } from "next";
import Link from "next/link";
import { ActionButton } from "@/components/policies/action-button";
import { ImportYamlForm } from "@/components/policies/import-yaml-form";
import { VersionStatusBadge } from "@/components/policies/status-badge";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { PolicySettingsForm } from "@/components/policies/policy-settings-form";
import { PublishAlertBanner } from "@/components/policies/publish-alerts";
import { ShadowBanner } from "@/components/policies/shadow-banner";
import { activeShadowRuns } from "@/lib/server/shadow/shadow-runs";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/server/auth/with-permission";
import { getPolicyWithVersions } from "@/lib/server/policies/queries";
import { createDraftAction } from "./actions";

export const metadata: Metadata = { title: "Policies" };

const date = (d: Date | null) => (d ? d.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" }) : "—");

export default async function PoliciesPage() {
  const user = await requirePage("policies:read");
  const data = await getPolicyWithVersions();
  if (!data) {
    return (
      <>
        <PageHeader title="Policies" />
        <Card className="p-6 text-sm text-slate-600">No routing policy yet. Import one as YAML to start.</Card>
      </>
    );
  }
  const { policy, versions } = data;
  const live = versions.find((v) => v.id === policy.liveVersionId) ?? null;
  const open = versions.filter((v) => ["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "APPROVED"].includes(v.status));
  const canAuthor = hasPermission(user.role, "policies:author");
  const canPublish = hasPermission(user.role, "policies:publish");
  const shadowRuns = await activeShadowRuns();
  const inShadow = new Set(shadowRuns.map((r) => r.versionId));

  return (
    <>
      <PageHeader
        title={policy.name}
        description={policy.description}
        actions={
          canAuthor ? (
            <ActionButton action={createDraftAction} input={{ policyId: policy.id }}>
              New draft from live
            </ActionButton>
          ) : null
        }
      />
      <PublishAlertBanner role={user.role} />
      <ShadowBanner runs={shadowRuns} />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
        <div className="space-y-6 xl:col-span-2">
          <Card>
            <CardHeader title="Live version" description="What routes the field right now." />
            {live ? (
              <div className="space-y-2 px-5 py-4 text-sm">
                <div className="flex items-center gap-3">
                  <Link
                    href={`/policies/versions/${live.id}`}
                    className="text-lg font-semibold text-brand-700 hover:underline"
                    data-testid="live-version"
                  >
                    v{live.number}
                  </Link>
                  <VersionStatusBadge status={live.status} />
                  <span className="text-slate-500">
                    published {date(live.publishedAt)} by {live.publishedBy?.name ?? "—"}
                  </span>
                </div>
                <p className="text-slate-700">{live.changeNote}</p>
              </div>
            ) : (
              <p className="px-5 py-4 text-sm text-slate-500">Nothing is published yet.</p>
            )}
          </Card>
          <Card>
            <CardHeader title="All versions" description="Drafts, reviews and history, newest first." />
            <table className="w-full table-fixed text-sm" data-testid="versions-table">
              <colgroup>
                <col className="w-20" />
                <col className="w-36" />
                <col />
                <col className="w-36" />
                <col className="w-44" />
              </colgroup>
              <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="px-4 py-2.5 font-medium">Version</th>
                  <th className="px-4 py-2.5 font-medium">Status</th>
                  <th className="px-4 py-2.5 font-medium">Change note</th>
                  <th className="px-4 py-2.5 font-medium">Author</th>
                  <th className="px-4 py-2.5 font-medium">Last step</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {versions.map((v) => (
                  <tr key={v.id} className="hover:bg-slate-50/60">
                    <td className="px-4 py-2.5">
                      <Link href={`/policies/versions/${v.id}`} className="font-semibold text-brand-700 hover:underline">
                        v{v.number}
                      </Link>
                    </td>
                    <td className="px-4 py-2.5">
                      <span className="flex flex-wrap items-center gap-1">
                        <VersionStatusBadge status={v.status} />
                        {inShadow.has(v.id) ? <Badge tone="violet">in shadow</Badge> : null}
                      </span>
                      {canPublish && v.status === "SUPERSEDED" ? (
                        <Link
                          href={`/policies/versions/${v.id}#rollback-reason`}
                          className="mt-0.5 block text-xs text-brand-700 hover:underline"
                        >
                          Roll back to v{v.number}…
                        </Link>
                      ) : null}
                    </td>
                    <td className="truncate px-4 py-2.5 text-slate-700" title={v.changeNote}>
                      {v.changeNote || <span className="text-slate-400">not submitted yet</span>}
                    </td>
                    <td className="truncate px-4 py-2.5">{v.author.name}</td>
                    <td className="whitespace-nowrap px-4 py-2.5 text-slate-500">
                      {date(v.publishedAt ?? v.reviewedAt ?? v.submittedAt ?? v.createdAt)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        </div>
        <div className="space-y-6">
          <Card>
            <CardHeader title="Waiting on someone" description="Open drafts and reviews." />
            {open.length === 0 ? (
              <p className="px-5 py-4 text-sm text-slate-500">Nothing open.</p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {open.map((v) => (
                  <li key={v.id} className="flex items-center justify-between px-5 py-3 text-sm">
                    <Link href={`/policies/versions/${v.id}`} className="font-medium text-brand-700 hover:underline">
                      v{v.number} by {v.author.name}
                    </Link>
                    <VersionStatusBadge status={v.status} />
                  </li>
                ))}
              </ul>
            )}
          </Card>
          {canAuthor ? <ImportYamlForm policyId={policy.id} /> : null}
          {hasPermission(user.role, "policies:configure") ? (
            <Card>
              <CardHeader title="Change control" description="How this policy's changes reach the field." />
              <PolicySettingsForm policyId={policy.id} rollbackRequiresReview={policy.rollbackRequiresReview} />
            </Card>
          ) : (
            <p className="px-1 text-xs text-slate-500" data-testid="rollback-mode">
              {policy.rollbackRequiresReview
                ? "Rollbacks go through review like any change."
                : "A rollback is an emergency step: live at once, without review, and labelled so."}
            </p>
          )}
        </div>
      </div>
    </>
  );
}
