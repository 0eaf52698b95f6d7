import type { Metadata } from "next";
import Link from "next/link";
import { DisputeForm, OverrideForm, PinForm, RerouteForm } from "@/components/decisions/decision-forms";
import { caseKeyFor } from "@/lib/schemas/test-cases";
import { describeForField } from "@/lib/engine/explain";
import { age, OutcomeBadge, SlaBadge } from "@/components/decisions/outcome-badge";
import { ReplayPanel } from "@/components/decisions/replay-panel";
import { TraceView } from "@/components/decisions/trace-view";
import { WhyNotMe } from "@/components/decisions/why-not-me";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission } from "@/lib/auth/permissions";
import { DISPUTE_CATEGORY_LABELS, DISPUTE_RESOLUTION_LABELS, DISPUTE_STATUS_LABELS, OVERRIDE_REASON_LABELS } from "@/lib/schemas/decisions";
import { accountNames } from "@/lib/server/accounts/account-names";
import { duplicateCandidates } from "@/lib/server/accounts/merge-accounts";
import { DuplicateResolver } from "@/components/accounts/duplicate-resolver";
import { pageData, requirePage } from "@/lib/server/auth/with-permission";
import { liveInputs, liveQueueOptions } from "@/lib/server/routing/live-policy";
import { decisionDetail } from "@/lib/server/decisions/get-decision";
import { fieldVocabulary, memberOptions } from "@/lib/server/decisions/member-names";
import { viewerFor } from "@/lib/server/decisions/visibility";
import { getPolicyWithVersions } from "@/lib/server/policies/queries";
import { shadowDifferenceOf } from "@/lib/server/shadow/shadow-report";

export const metadata: Metadata = { title: "Decision" };

export default async function DecisionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePage(["decisions:read", "decisions:read_own"]);
  const { id } = await params;
  const { row, decision: d, view, name, version, whyNot, successor } = await pageData(decisionDetail(await viewerFor(user), id));
  const can = (p: Parameters<typeof hasPermission>[1]) => hasPermission(user.role, p);
  const now = new Date();
  const needsMembers = can("decisions:override") || can("disputes:file");
  const members = needsMembers ? await memberOptions() : [];
  const policy = can("policies:read") && version ? await getPolicyWithVersions(version.policyId) : null;
  const versions =
    policy?.versions
      .filter((v) => v.status !== "SUPERSEDED" || v.id === version?.id)
      .map((v) => ({
        id: v.id,
        label: `v${v.number} — ${v.id === policy.policy.liveVersionId ? "live" : v.status.toLowerCase().replace("_", " ")}`,
      })) ?? null;
  const queues = can("decisions:override") ? await liveQueueOptions() : [];
  const open = !row.resolvedAt;
  const shadow = can("policies:read") && row.shadowRunId ? await shadowDifferenceOf(row.id) : null;
  const missing = d.kind === "exception" ? d.fields : [];
  // The field reads a sentence with people and rules by name; RevOps the engine's own words.
  const fieldView = !can("decisions:read");
  const company = row.accountExternalId ? ((await accountNames([row.accountExternalId])).get(row.accountExternalId) ?? null) : null;
  const words = fieldView
    ? await fieldVocabulary(
        [row.policyVersionId],
        [d.kind === "assigned" ? d.assignee : null, ...(whyNot?.candidates.flatMap((c) => [c.facts.holder, c.facts.chosen]) ?? [])],
      )
    : null;
  const explanation = words ? describeForField(d, words) : view.explanation;
  const canReroute = can("exceptions:manage") && open && (d.kind === "exception" || d.kind === "queued");
  const rerouteInputs = canReroute ? await liveInputs() : {};
  const duplicates = canReroute && row.reasonCode === "DUPLICATE" && can("accounts:import") ? await duplicateCandidates(row.id) : null;

  return (
    <>
      <PageHeader
        title={`${row.recordId}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <OutcomeBadge kind={row.kind} reason={row.reasonCode ?? row.suppressionKey} />
            <span>
              {row.objectType.replace(/_/g, " ")} · decided {age(row.createdAt, now)} ago (
              {row.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC) by{" "}
              {can("policies:read") ? (
                <Link className="text-brand-700 hover:underline" href={`/policies/versions/${row.policyVersionId}`}>
                  policy v{row.versionNumber}
                </Link>
              ) : (
                <Link className="text-brand-700 hover:underline" href="/changelog">
                  policy v{row.versionNumber}
                </Link>
              )}{" "}
              · source {row.source}
              {row.accountExternalId ? (
                <>
                  {" · account "}
                  {can("accounts:read") ? (
                    <Link
                      className="text-brand-700 hover:underline"
                      href={`/accounts/${encodeURIComponent(row.accountExternalId)}`}
                      data-testid="decision-account"
                    >
                      {company ?? row.accountExternalId}
                    </Link>
                  ) : (
                    (company ?? row.accountExternalId)
                  )}
                </>
              ) : null}
            </span>
          </span>
        }
        actions={
          <Link href={can("decisions:read") ? "/decisions" : "/my-assignments"} className="text-sm text-slate-600 hover:underline">
            ← Back
          </Link>
        }
      />

      <Card className="mb-6">
        <div className="px-5 py-4">
          <p className="text-base text-slate-900" data-testid="explanation">
            {explanation}
          </p>
          <div className="mt-3 flex flex-wrap gap-4 text-sm text-slate-600">
            <span>
              Now with:{" "}
              <strong>
                {row.currentAssigneeKey ? name(row.currentAssigneeKey) : row.currentQueueKey ? `queue ${row.currentQueueKey}` : "nobody"}
              </strong>
              {row.resolution ? <span className="ml-1 text-xs text-slate-500">({row.resolution})</span> : null}
            </span>
            <span className="flex items-center gap-1">
              SLA: <SlaBadge due={row.slaDueAt} resolvedAt={row.resolvedAt} now={now} target={row.kind === "assigned"} />
            </span>
            {version && can("policies:read") ? (
              <Link className="text-brand-700 hover:underline" href={`/policies/versions/${version.id}?tab=diff`}>
                What changed in v{version.number}
              </Link>
            ) : null}
            {successor ? (
              <Link className="text-brand-700 hover:underline" href={`/decisions/${successor.id}`} data-testid="successor">
                Now decided again:{" "}
                {successor.kind === "assigned" && successor.assignee
                  ? `with ${name(successor.assignee)}`
                  : successor.kind === "queued"
                    ? `waiting in ${successor.queue}`
                    : successor.kind}{" "}
                →
              </Link>
            ) : null}
            {row.reroutedFromId ? (
              <Link className="text-brand-700 hover:underline" href={`/decisions/${row.reroutedFromId}`}>
                Re-route of an earlier decision
              </Link>
            ) : null}
          </div>
        </div>
        {view.warnings?.length ? (
          <div
            className="border-t border-amber-100 bg-amber-50/70 px-5 py-3 text-sm text-amber-900"
            data-testid="decision-warnings"
            role="note"
          >
            <p className="font-medium">
              The record carried {view.warnings.length === 1 ? "a field" : `${view.warnings.length} fields`} the policy does not declare
              (not read by any rule):
            </p>
            <ul className="mt-1 list-disc pl-5">
              {view.warnings.map((w) => (
                <li key={w.field}>
                  <code className="font-mono text-xs">{w.field}</code>
                  {w.suggestion ? (
                    <>
                      {" "}
                      — did you mean <code className="font-mono text-xs">{w.suggestion}</code>?
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {shadow?.version ? (
          <div className="border-t border-violet-100 bg-violet-50/60 px-5 py-3 text-sm text-violet-900" data-testid="shadow-difference">
            In shadow,{" "}
            <Link className="font-medium underline" href={`/policies/versions/${shadow.version.id}`}>
              v{shadow.version.number}
            </Link>{" "}
            would have decided otherwise: {shadow.explanation}{" "}
            <span className="font-mono text-xs">
              ({shadow.before} → {shadow.after})
            </span>
          </div>
        ) : null}
        {row.overrides.length ? (
          <div className="border-t border-slate-100 px-5 py-3 text-sm">
            <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Overrides</h3>
            <ul className="space-y-1" data-testid="overrides">
              {row.overrides.map((o) => (
                <li key={o.id}>
                  {o.createdAt.toISOString().slice(0, 16).replace("T", " ")} — {o.byEmail} moved it from{" "}
                  {o.fromAssigneeKey ? name(o.fromAssigneeKey) : o.fromQueueKey ? `queue ${o.fromQueueKey}` : "nobody"} to{" "}
                  <strong>{o.toAssigneeKey ? name(o.toAssigneeKey) : `queue ${o.toQueueKey}`}</strong> (
                  {OVERRIDE_REASON_LABELS[o.reasonCode as keyof typeof OVERRIDE_REASON_LABELS] ?? o.reasonCode})
                  {o.note ? `: ${o.note}` : ""}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </Card>

      {whyNot ? (
        <Card className="mb-6">
          <CardHeader
            title="Why not me?"
            description={`The rules that could have given this ${row.objectType.replace(/_/g, " ")} to you, nearest first, and what differed.`}
          />
          <WhyNotMe result={whyNot} name={name} words={words ?? undefined} />
        </Card>
      ) : null}

      <div className="grid gap-6 xl:grid-cols-3">
        <div className="space-y-6 xl:col-span-2">
          {fieldView ? (
            // The field reads the sentence above; the engine's own record is one click away.
            <details className="group rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="decision-details">
              <summary className="cursor-pointer px-5 py-3 text-sm font-semibold text-slate-900">
                Details: every step the engine took, and a replay
              </summary>
              <div className="space-y-6 border-t border-slate-100 p-0">
                <TraceView trace={d.trace} name={name} />
                <div className="border-t border-slate-100">
                  <ReplayPanel decisionId={row.id} versions={versions} />
                </div>
              </div>
            </details>
          ) : (
            <>
              <Card>
                <CardHeader
                  title="Every step the engine took"
                  description="Inputs, duplicates, suppressions and rules in order — first match wins — with each condition's expected and actual value."
                />
                <TraceView trace={d.trace} name={name} />
              </Card>
              <Card>
                <CardHeader
                  title="Replay"
                  description="Re-evaluates the stored record, account context and distribution state with the stored version."
                />
                <ReplayPanel decisionId={row.id} versions={versions} />
              </Card>
            </>
          )}
        </div>
        <div className="space-y-6">
          {duplicates && duplicates.length > 1 ? (
            <Card>
              <CardHeader
                title="Resolve the duplicate"
                description="These accounts look like one company. Keep one as the primary and merge the others into it; the record routes again."
              />
              <div className="px-5 py-4">
                <DuplicateResolver decisionId={row.id} candidates={duplicates} />
              </div>
            </Card>
          ) : null}
          <Card>
            <CardHeader title="Inputs as read" />
            <table className="w-full text-xs" data-testid="inputs">
              <tbody className="divide-y divide-slate-100">
                {Object.entries(d.inputs).map(([k, v]) => (
                  <tr key={k}>
                    <td className="px-4 py-1.5 font-mono text-slate-600">{k}</td>
                    <td className={`break-all px-4 py-1.5 font-mono ${v === null ? "text-slate-400" : ""}`}>
                      {v === null ? "(missing)" : Array.isArray(v) ? v.join(", ") : String(v)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          {row.disputes.length ? (
            <Card>
              <CardHeader title="Disputes" />
              <ul className="divide-y divide-slate-100 text-sm" data-testid="decision-disputes">
                {row.disputes.map((x) => (
                  <li key={x.id} className="px-5 py-3">
                    <div className="flex flex-wrap items-center gap-2">
                      <Badge tone={x.status === "resolved" ? "green" : x.status === "rejected" ? "gray" : "amber"}>
                        {DISPUTE_STATUS_LABELS[x.status as keyof typeof DISPUTE_STATUS_LABELS] ?? x.status}
                      </Badge>
                      <span className="font-medium">
                        {DISPUTE_CATEGORY_LABELS[x.category as keyof typeof DISPUTE_CATEGORY_LABELS] ?? x.category}
                      </span>
                      <span className="text-xs text-slate-500">by {x.filedByName}</span>
                    </div>
                    <p className="mt-1 text-slate-700">{x.text}</p>
                    {x.resolutionNote ? (
                      <p className="mt-1 rounded bg-slate-50 px-2 py-1 text-slate-700">
                        RevOps
                        {x.resolution
                          ? ` (${DISPUTE_RESOLUTION_LABELS[x.resolution as keyof typeof DISPUTE_RESOLUTION_LABELS]})`
                          : ""}: {x.resolutionNote}
                      </p>
                    ) : null}
                    {can("disputes:triage") ? (
                      <Link className="text-xs text-brand-700 hover:underline" href={`/disputes/${x.id}`}>
                        Triage →
                      </Link>
                    ) : null}
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
          {can("disputes:file") && user.memberKey ? (
            <Card>
              <CardHeader
                title="Dispute this decision"
                description="Tell RevOps it should have gone elsewhere. They answer with a note you will see here."
              />
              <div className="px-5 py-4">
                <DisputeForm decisionId={row.id} members={members} />
              </div>
            </Card>
          ) : null}
          {can("tests:manage") ? (
            <Card>
              <CardHeader
                title="Pin as test case"
                description="Its inputs and outcome become a canonical case every future version must pass."
              />
              <div className="px-5 py-4">
                <PinForm
                  decisionId={row.id}
                  suggestedKey={caseKeyFor("pinned", row.recordId)}
                  suggestedName={`${row.recordId}: ${d.kind}${d.kind === "assigned" ? ` to ${name(d.assignee)}` : ""}`}
                />
              </div>
            </Card>
          ) : null}
          {can("decisions:override") && d.kind !== "suppressed" ? (
            <Card>
              <CardHeader
                title="Reassign (override)"
                description="The decision stays as it was; the override is linked and logged with its reason."
              />
              <div className="px-5 py-4">
                <OverrideForm decisionIds={[row.id]} members={members} queues={queues} />
              </div>
            </Card>
          ) : null}
          {canReroute ? (
            <Card>
              <CardHeader
                title="Fix and re-route"
                description="Routes the record again with the live version; this decision is closed as re-routed."
              />
              <div className="px-5 py-4">
                <RerouteForm decisionIds={[row.id]} missing={missing} inputs={rerouteInputs} current={d.inputs} />
              </div>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
