import type { Metadata } from "next";
import { readStoredDecision } from "@/lib/server/decisions/stored-decision";
import Link from "next/link";
import { caseKeyFor } from "@/lib/schemas/test-cases";
import { DisputeTestCaseForm, TriageForm } from "@/components/decisions/dispute-triage";
import { age } from "@/components/decisions/outcome-badge";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission } from "@/lib/auth/permissions";
import { describeDecision } from "@/lib/engine/explain";
import { DISPUTE_CATEGORY_LABELS, DISPUTE_RESOLUTION_LABELS, DISPUTE_STATUS_LABELS } from "@/lib/schemas/decisions";
import { pageData, requirePage } from "@/lib/server/auth/with-permission";
import { getDispute } from "@/lib/server/decisions/disputes";
import { memberOptions } from "@/lib/server/decisions/member-names";

export const metadata: Metadata = { title: "Dispute" };

export default async function DisputePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePage(["disputes:read", "disputes:file"]);
  const { id } = await params;
  const { dispute, name, testCase, claimedOwner } = await pageData(getDispute(user, id));
  const canTriage = hasPermission(user.role, "disputes:triage");
  const canTest = hasPermission(user.role, "tests:manage");
  const members = canTest ? await memberOptions() : [];
  const closed = dispute.status === "resolved" || dispute.status === "rejected";
  const d = dispute.decision;
  return (
    <>
      <PageHeader
        title={`Dispute on ${d.recordId}`}
        description={`${DISPUTE_CATEGORY_LABELS[dispute.category as keyof typeof DISPUTE_CATEGORY_LABELS] ?? dispute.category} · filed by ${dispute.filedByName} ${age(dispute.createdAt, new Date())} ago`}
        actions={
          <Link href="/disputes" className="text-sm text-slate-600 hover:underline">
            ← All disputes
          </Link>
        }
      />
      <div className="grid gap-6 xl:grid-cols-2">
        <Card>
          <CardHeader title="The claim" />
          <div className="space-y-3 px-5 py-4 text-sm">
            <div className="flex items-center gap-2">
              <Badge tone={closed ? "green" : "amber"}>
                {DISPUTE_STATUS_LABELS[dispute.status as keyof typeof DISPUTE_STATUS_LABELS] ?? dispute.status}
              </Badge>
              {dispute.resolution ? (
                <Badge tone="blue">{DISPUTE_RESOLUTION_LABELS[dispute.resolution as keyof typeof DISPUTE_RESOLUTION_LABELS]}</Badge>
              ) : null}
            </div>
            <p className="text-slate-800">{dispute.text}</p>
            <p>
              Routed to <strong>{d.assigneeKey ? name(d.assigneeKey) : d.queueKey ? `queue ${d.queueKey}` : "nobody"}</strong>;{" "}
              {dispute.filedByName} believes it belongs to{" "}
              <strong>{dispute.claimedOwnerKey ? name(dispute.claimedOwnerKey) : "(not said)"}</strong>.
            </p>
            <p className="rounded-lg bg-slate-50 px-3 py-2 text-slate-700">
              {describeDecision(readStoredDecision(d.decision, d.id), name)}
            </p>
            <Link className="text-brand-700 hover:underline" href={`/decisions/${d.id}`}>
              Open the decision (trace, replay, why not me) →
            </Link>
            {dispute.resolutionNote ? (
              <p className="rounded-lg border border-slate-200 px-3 py-2">
                <span className="font-medium">Note to the filer{dispute.resolvedByEmail ? ` (${dispute.resolvedByEmail})` : ""}:</span>{" "}
                {dispute.resolutionNote}
              </p>
            ) : null}
          </div>
        </Card>
        <div className="space-y-6">
          {canTriage && !closed ? (
            <Card>
              <CardHeader
                title="Triage"
                description="Rule repair: the rule was wrong (fix it in a new version). Data repair: the account or record was wrong. Interface repair: a form or sync sent bad input. Policy decision: routing was right by policy."
              />
              <div className="px-5 py-4">
                <TriageForm
                  disputeId={dispute.id}
                  status={dispute.status}
                  claimedOwner={hasPermission(user.role, "decisions:override") ? claimedOwner : null}
                />
              </div>
            </Card>
          ) : null}
          {canTest ? (
            <Card>
              <CardHeader
                title="Turn into test case"
                description="A case with this record's inputs that expects the upheld owner: the version that repairs the rule must pass it before it can be published."
              />
              <div className="px-5 py-4">
                {testCase ? (
                  <p className="text-sm" data-testid="dispute-test-case">
                    Test case{" "}
                    <Link className="font-mono text-brand-700 underline" href="/test-suite?tag=dispute">
                      {testCase.key}
                    </Link>{" "}
                    — {testCase.name}
                  </p>
                ) : (
                  <DisputeTestCaseForm
                    disputeId={dispute.id}
                    suggestedKey={caseKeyFor("dispute", d.recordId)}
                    claimedOwner={dispute.claimedOwnerKey}
                    members={members}
                  />
                )}
              </div>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
