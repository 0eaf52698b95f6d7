import type { Metadata } from "next";
import Link from "next/link";
import { stringify } from "yaml";
import { CopyButton } from "@/components/policies/copy-button";
import { DiffView } from "@/components/policies/diff-view";
import { ImpactPreview } from "@/components/policies/impact-preview";
import { VersionStatusBadge } from "@/components/policies/status-badge";
import { WorkflowPanel } from "@/components/policies/workflow-panel";
import { YamlEditor } from "@/components/policies/yaml-editor";
import { PolicyEditor } from "@/components/policy-editor/policy-editor";
import { Badge } from "@/components/ui/badge";
import { MonitorCard } from "@/components/policies/monitor-card";
import { ShadowPanel } from "@/components/policies/shadow-panel";
import { Card, CardHeader } from "@/components/ui/card";
import { hasPermission } from "@/lib/auth/permissions";
import { describeDecision } from "@/lib/engine/explain";
import { formatPath } from "@/lib/engine/problems";
import { formatDiff } from "@/lib/engine/test-suite";
import { pageData, requirePage } from "@/lib/server/auth/with-permission";
import { impactSummary, latestImpactRun } from "@/lib/server/impact/impact-runs";
import { listMemberKeys } from "@/lib/server/members/list-members";
import { getPolicyWithVersions, previousLiveVersion } from "@/lib/server/policies/queries";
import { getVersionReview } from "@/lib/server/policies/version-review";
import { latestShadowRun } from "@/lib/server/shadow/shadow-runs";
import { hrefWith } from "@/lib/url";

export const metadata: Metadata = { title: "Policy version" };

const TABS = ["overview", "yaml", "diff", "edit", "edit-yaml"] as const;
const date = (d: Date | null) => (d ? d.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" }) : null);

export default async function VersionPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ tab?: string; against?: string }>;
}) {
  const user = await requirePage("policies:read");
  const { id } = await params;
  const { tab: rawTab, against: againstId } = await searchParams;
  const review = await pageData(getVersionReview(id, againstId));
  const { version, live, isLive, validation, warnings, suiteRun: suite, against, diff } = review;
  const editable = (version.status === "DRAFT" || version.status === "CHANGES_REQUESTED") && hasPermission(user.role, "policies:author");
  const tab =
    (TABS as readonly string[]).includes(rawTab ?? "") && (!rawTab?.startsWith("edit") || editable)
      ? (rawTab as (typeof TABS)[number])
      : "overview";
  const otherVersions =
    tab === "diff" ? ((await getPolicyWithVersions(version.policyId))?.versions.filter((x) => x.id !== version.id) ?? []) : [];
  const yaml = stringify(version.document, { lineWidth: 120 });
  const lastRun = !isLive && live && validation.ok ? await latestImpactRun(version.id) : null;
  const shadowRun = await latestShadowRun(version.id);
  const canPublish = hasPermission(user.role, "policies:publish");
  const impact = version.status === "APPROVED" && canPublish ? await impactSummary(version.id) : null;
  const previous = isLive && canPublish ? await previousLiveVersion(version.policyId, version.id) : null;
  const shadowEligible = !isLive && Boolean(live) && validation.ok && (version.status === "SUBMITTED" || version.status === "APPROVED");

  const tabLink = (t: (typeof TABS)[number], label: string) => (
    <Link
      key={t}
      href={hrefWith(`/policies/versions/${id}`, {}, { tab: t === "overview" ? undefined : t })}
      aria-current={tab === t ? "page" : undefined}
      className={`border-b-2 px-1 pb-2 text-sm font-medium ${tab === t ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:text-slate-800"}`}
    >
      {label}
    </Link>
  );

  return (
    <>
      <div className="mb-2 text-sm">
        <Link href="/policies" className="text-brand-600 hover:underline">
          ← {version.policy.name}
        </Link>
      </div>
      <header className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="flex items-center gap-3 text-2xl font-semibold tracking-tight text-slate-900">
            v{version.number} <VersionStatusBadge status={version.status} />
            {isLive ? <Badge tone="green">Routing the field now</Badge> : null}
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            Written by {version.author.name} · {date(version.createdAt)}
            {version.reviewer ? ` · reviewed by ${version.reviewer.name} ${date(version.reviewedAt)}` : ""}
            {version.publishedBy ? ` · published by ${version.publishedBy.name} ${date(version.publishedAt)}` : ""}
          </p>
          <p className="mt-1 font-mono text-xs text-slate-400">hash {version.contentHash.slice(0, 16)}</p>
        </div>
        <div className="flex gap-2">
          <a
            href={`/api/v1/policy-versions/${id}/yaml`}
            className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
          >
            Download YAML
          </a>
        </div>
      </header>

      <div className="mb-5 flex gap-6 border-b border-slate-200">
        {tabLink("overview", "Overview")}
        {tabLink("diff", against ? `Changes vs v${against.number}` : "Changes")}
        {tabLink("yaml", "YAML")}
        {editable ? tabLink("edit", "Edit") : null}
        {editable ? tabLink("edit-yaml", "Edit as YAML") : null}
      </div>

      <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
        <div className="space-y-6 xl:col-span-2">
          {tab === "overview" ? (
            <>
              {version.publishedAt ? (
                <MonitorCard
                  versionId={version.id}
                  live={isLive}
                  canRollBack={canPublish}
                  rollbackThroughReview={version.policy.rollbackRequiresReview}
                />
              ) : null}
              <Card>
                <CardHeader title="Change note" description="What the field reads in the changelog." />
                <div className="space-y-3 px-5 py-4 text-sm">
                  <p className="text-slate-800" data-testid="change-note">
                    {version.changeNote || <span className="text-slate-400">Written when the draft is submitted.</span>}
                  </p>
                  {version.reviewComment ? (
                    <p className="rounded-lg bg-slate-50 px-3 py-2 text-slate-700">
                      <span className="font-medium">Review:</span> {version.reviewComment}
                    </p>
                  ) : null}
                  {version.overrideReason ? (
                    <p className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
                      <span className="font-medium">Published with failing test cases.</span> Reason: {version.overrideReason}
                    </p>
                  ) : null}
                  {version.rollbackReason ? (
                    <p className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900" data-testid="rollback-label">
                      {version.summary ?? "Emergency rollback."} Rollback reason: {version.rollbackReason}
                    </p>
                  ) : null}
                </div>
              </Card>
              <Card>
                <CardHeader
                  title="In plain words"
                  description={against ? `Compared with v${against.number}${isLive ? " (its base)" : " (live)"}.` : "First version."}
                />
                <div className="px-5 py-4">
                  {diff ? (
                    diff.unchanged ? (
                      <p className="text-sm text-slate-500">Same rules as v{against?.number}.</p>
                    ) : (
                      <ul className="list-disc space-y-1 pl-5 text-sm text-slate-800" data-testid="plain-summary">
                        {diff.summary.map((s) => (
                          <li key={s}>{s}</li>
                        ))}
                      </ul>
                    )
                  ) : (
                    <p className="text-sm text-slate-500">
                      {validation.ok ? "Nothing to compare with." : "Fix the problems to see the changes."}
                    </p>
                  )}
                </div>
              </Card>
              {(!isLive && live && validation.ok) || shadowRun ? (
                <ShadowPanel
                  versionId={version.id}
                  eligible={shadowEligible}
                  canShadow={hasPermission(user.role, "policies:shadow")}
                  runId={shadowRun?.id ?? null}
                />
              ) : null}
              {!isLive && live && validation.ok ? (
                <ImpactPreview versionId={version.id} againstLabel={`live v${live.number}`} initialRunId={lastRun?.id ?? null} />
              ) : null}
              <Card>
                <CardHeader
                  title="Test suite on this version"
                  description="Every canonical case, run on exactly this document."
                  action={
                    suite ? (
                      <Badge tone={suite.summary.failed ? "red" : "green"}>
                        {suite.summary.passed} passed · {suite.summary.failed} failed
                      </Badge>
                    ) : null
                  }
                />
                {suite ? (
                  <ul className="divide-y divide-slate-100 text-sm" data-testid="suite-results">
                    {[...suite.result.results]
                      .sort((a, b) => Number(a.passed) - Number(b.passed))
                      .map((r) => (
                        <li key={r.id} className="px-5 py-2.5">
                          <div className="flex items-center gap-2">
                            <span className={r.passed ? "text-emerald-600" : "text-rose-600"}>{r.passed ? "✓" : "✗"}</span>
                            <span className="font-medium text-slate-900">{r.name}</span>
                            <span className="text-xs text-slate-400">{r.id}</span>
                          </div>
                          {!r.passed ? (
                            <div className="ml-6 mt-1 space-y-0.5 text-slate-700">
                              {r.diffs.map((d) => (
                                <div key={d.field} className="font-mono text-xs text-rose-700">
                                  {formatDiff(d)}
                                </div>
                              ))}
                              <div className="text-xs text-slate-500">{describeDecision(r.decision)}</div>
                            </div>
                          ) : null}
                        </li>
                      ))}
                    {suite.broken.map((b) => (
                      <li key={b.key} className="px-5 py-2.5 text-rose-700">
                        ✗ {b.key}: this case no longer reads ({b.message})
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="px-5 py-4 text-sm text-slate-500">The suite runs once the document is valid.</p>
                )}
              </Card>
            </>
          ) : null}
          {tab === "diff" ? (
            <Card>
              <CardHeader
                title={against ? `Changes from v${against.number} to v${version.number}` : "Changes"}
                description="Rules added, removed, moved or changed down to the condition; suppressions, queues, inputs and lists."
                action={
                  <form action={`/policies/versions/${id}`} className="flex items-center gap-2 text-sm">
                    <input type="hidden" name="tab" value="diff" />
                    <label htmlFor="against" className="text-slate-500">
                      Compare with
                    </label>
                    <select
                      id="against"
                      name="against"
                      defaultValue={against?.id}
                      className="rounded-lg border border-slate-300 bg-white px-2 py-1"
                    >
                      {otherVersions.map((o) => (
                        <option key={o.id} value={o.id}>
                          v{o.number} · {o.status.toLowerCase().replace("_", " ")}
                        </option>
                      ))}
                    </select>
                    <button type="submit" className="rounded-lg border border-slate-300 bg-white px-2.5 py-1 font-medium">
                      Compare
                    </button>
                  </form>
                }
              />
              <div className="p-5">
                {diff ? <DiffView diff={diff} /> : <p className="text-sm text-slate-500">Nothing to compare with.</p>}
              </div>
            </Card>
          ) : null}
          {tab === "yaml" ? (
            <Card>
              <CardHeader
                title="YAML"
                description="Read, copy or download; import YAML from the Policies page."
                action={<CopyButton text={yaml} label="Copy YAML" />}
              />
              <pre
                className="max-h-[70vh] overflow-auto bg-slate-950 p-4 font-mono text-xs leading-5 text-slate-100"
                data-testid="yaml-view"
              >
                {yaml}
              </pre>
            </Card>
          ) : null}
          {tab === "edit" ? (
            validation.ok ? (
              <PolicyEditor
                versionId={version.id}
                initialDocument={validation.policy}
                initialRevision={version.revision}
                suite={review.suite}
                members={await listMemberKeys()}
              />
            ) : (
              <Card className="p-5 text-sm text-slate-700">
                This draft does not have the shape of a policy yet, so it opens as YAML:{" "}
                <Link className="text-brand-600 hover:underline" href={`/policies/versions/${id}?tab=edit-yaml`}>
                  edit as YAML
                </Link>
                .
              </Card>
            )
          ) : null}
          {tab === "edit-yaml" ? (
            <Card className="p-5">
              <YamlEditor versionId={version.id} initialYaml={yaml} initialRevision={version.revision} suite={review.suite} />
            </Card>
          ) : null}
        </div>
        <div className="space-y-6">
          <WorkflowPanel
            versionId={version.id}
            number={version.number}
            status={version.status}
            isLive={isLive}
            isAuthor={version.authorId === user.id}
            can={{
              author: hasPermission(user.role, "policies:author"),
              review: hasPermission(user.role, "policies:review"),
              publish: hasPermission(user.role, "policies:publish"),
              admin: hasPermission(user.role, "users:manage"),
            }}
            suiteFailed={suite?.summary.failed ?? 0}
            suitePassed={suite?.summary.passed ?? 0}
            publishAt={version.publishAt?.toISOString() ?? null}
            impact={impact}
            previous={previous}
            rollbackThroughReview={version.policy.rollbackRequiresReview}
          />
          <Card>
            <CardHeader title="Checks" description="Validation and lint." />
            <div className="px-5 py-4 text-sm">
              {!validation.ok ? (
                <ul className="space-y-1 text-rose-700" data-testid="validation-problems">
                  {validation.problems.map((p, i) => (
                    <li key={i}>
                      {formatPath(p.path)}: {p.message}
                    </li>
                  ))}
                </ul>
              ) : warnings.length ? (
                <ul className="space-y-1 text-amber-800">
                  {warnings.map((w, i) => (
                    <li key={i}>{w.message}</li>
                  ))}
                </ul>
              ) : (
                <p className="text-emerald-700">Valid, and no lint warnings.</p>
              )}
            </div>
          </Card>
        </div>
      </div>
    </>
  );
}
