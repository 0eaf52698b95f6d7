import type { Metadata } from "next";
import Link from "next/link";
import { ActionButton } from "@/components/policies/action-button";
import { PinDecisionForm } from "@/components/test-cases/pin-decision-form";
import { TestCaseFormView } from "@/components/test-cases/test-case-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { describeDecision } from "@/lib/engine/explain";
import { formatDiff } from "@/lib/engine/test-suite";
import { hasPermission } from "@/lib/auth/permissions";
import type { TestCaseForm } from "@/lib/schemas/test-cases";
import { requirePage } from "@/lib/server/auth/with-permission";
import { compileDocument } from "@/lib/server/policies/compiled-cache";
import { getPolicyWithVersions, getVersion } from "@/lib/server/policies/queries";
import { formFromCase } from "@/lib/server/policies/test-case-store";
import { listTestCaseRows, loadSuite, runStoredSuite } from "@/lib/server/policies/test-cases";
import { hrefWith } from "@/lib/url";
import { cloneTestCaseAction, deleteTestCaseAction } from "./actions";

export const metadata: Metadata = { title: "Test suite" };

function expectText(e: Record<string, unknown>): string {
  return Object.entries(e)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(" · ");
}

export default async function TestSuitePage({
  searchParams,
}: {
  searchParams: Promise<{ version?: string; tag?: string; result?: string; new?: string; edit?: string }>;
}) {
  const user = await requirePage("tests:read");
  const canManage = hasPermission(user.role, "tests:manage");
  const sp = await searchParams;
  const data = await getPolicyWithVersions();
  if (!data) return <PageHeader title="Test suite" description="No policy yet." />;
  const versionId = sp.version ?? data.policy.liveVersionId ?? data.versions[0]?.id;
  const target = versionId ? await getVersion(versionId) : null;
  const compiled = target ? compileDocument(target.version.document) : null;
  const run = compiled?.ok ? await runStoredSuite(data.policy.id, compiled.compiled) : null;
  const { suite, broken } = run ?? (await loadSuite(data.policy.id));
  const result = run?.result ?? null;
  const tags = [...new Set(suite.cases.flatMap((c) => c.tags))].sort();
  const rows = (result?.results ?? []).filter((r) => (!sp.tag || r.tags.includes(sp.tag)) && (sp.result !== "failing" || !r.passed));
  const byId = new Map(suite.cases.map((c) => [c.id, c]));
  const raw = { version: sp.version, tag: sp.tag, result: sp.result };
  const rowsByKey = new Map((await listTestCaseRows(data.policy.id)).map((r) => [r.key, r]));
  const doc = compiled?.ok ? compiled.compiled.policy : null;
  const vocabulary = {
    objectTypes: doc?.objectTypes ?? [],
    queues: doc?.queues.map((q) => q.key) ?? [],
    suppressions: doc?.suppressions.map((x) => x.key) ?? [],
    rules: doc?.rules.map((x) => x.key) ?? [],
  };
  const editedCase = sp.edit ? byId.get(sp.edit) : undefined;
  const editedRow = sp.edit ? rowsByKey.get(sp.edit) : undefined;
  const formInitial: TestCaseForm | null = !canManage
    ? null
    : editedCase && editedRow
      ? formFromCase(data.policy.id, editedCase.record.type, { rowId: editedRow.id, c: editedCase })
      : sp.new
        ? formFromCase(data.policy.id, vocabulary.objectTypes[0] ?? "lead")
        : null;

  return (
    <>
      <PageHeader
        title="Test suite"
        description="Canonical records with the owner, queue, SLA, suppression or exception each must get. Every publish runs them on the exact version."
        actions={
          canManage && !formInitial ? (
            <Link
              href="/test-suite?new=1"
              className="rounded-lg bg-brand-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700"
            >
              New test case
            </Link>
          ) : null
        }
      />
      {formInitial ? (
        <Card className="mb-6">
          <CardHeader
            title={formInitial.id ? `Edit ${formInitial.key}` : "New test case"}
            description="A record routing must handle, and the outcome it must get."
          />
          <div className="p-5">
            <TestCaseFormView initial={formInitial} vocabulary={vocabulary} />
          </div>
        </Card>
      ) : null}
      <div className="mb-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label="Cases" value={suite.cases.length + broken.length} />
        <Stat label="Passing" value={result?.passed ?? 0} />
        <Stat
          label="Failing"
          value={(result?.failed ?? 0) + broken.length}
          tone={(result?.failed ?? 0) + broken.length ? "warn" : "default"}
          href={hrefWith("/test-suite", raw, { result: "failing" })}
        />
        <Stat
          label="Run against"
          value={target ? `v${target.version.number}` : "—"}
          hint={target?.version.policy.liveVersionId === target?.version.id ? "the live version" : target?.version.status.toLowerCase()}
        />
      </div>
      {canManage && !formInitial ? (
        <div className="mb-6">
          <PinDecisionForm policyId={data.policy.id} />
        </div>
      ) : null}
      <Card>
        <CardHeader
          title="Cases"
          description="Filter by tag or show only failures; choose the version on the right."
          action={
            <form className="flex items-center gap-2 text-sm" action="/test-suite">
              <label htmlFor="suite-version" className="text-slate-500">
                Version
              </label>
              <select
                id="suite-version"
                name="version"
                defaultValue={versionId}
                className="rounded-lg border border-slate-300 bg-white px-2 py-1"
              >
                {data.versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    v{v.number} · {v.status.toLowerCase().replace("_", " ")}
                  </option>
                ))}
              </select>
              <button type="submit" className="rounded-lg border border-slate-300 bg-white px-2.5 py-1 font-medium">
                Run
              </button>
            </form>
          }
        />
        <div className="flex flex-wrap gap-1.5 border-b border-slate-100 px-5 py-3 text-sm">
          <Link
            href={hrefWith("/test-suite", raw, { tag: undefined })}
            className={`rounded-full px-2.5 py-0.5 ${!sp.tag ? "bg-slate-900 text-white" : "bg-slate-100 text-slate-700"}`}
          >
            all
          </Link>
          {tags.map((t) => (
            <Link
              key={t}
              href={hrefWith("/test-suite", raw, { tag: t })}
              className={`rounded-full px-2.5 py-0.5 ${sp.tag === t ? "bg-slate-900 text-white" : "bg-slate-100 text-slate-700"}`}
            >
              {t}
            </Link>
          ))}
          {sp.result === "failing" ? (
            <Link href={hrefWith("/test-suite", raw, { result: undefined })} className="ml-auto text-brand-600 hover:underline">
              Show passing too
            </Link>
          ) : null}
        </div>
        <ul className="divide-y divide-slate-100" data-testid="suite-cases">
          {rows.map((r) => {
            const c = byId.get(r.id);
            return (
              <li key={r.id} className="px-5 py-3 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <span className={r.passed ? "text-emerald-600" : "text-rose-600"} aria-label={r.passed ? "passes" : "fails"}>
                    {r.passed ? "✓" : "✗"}
                  </span>
                  <span className="font-medium text-slate-900">{r.name}</span>
                  <Badge>{c?.record.type}</Badge>
                  {r.tags.map((t) => (
                    <Badge key={t} tone="blue">
                      {t}
                    </Badge>
                  ))}
                  {canManage && rowsByKey.get(r.id) ? (
                    <span className="ml-auto flex items-center gap-2">
                      <Link
                        href={hrefWith("/test-suite", raw, { edit: r.id, new: undefined })}
                        className="rounded-lg border border-slate-300 bg-white px-2.5 py-1 text-xs font-semibold text-slate-700 hover:bg-slate-50"
                      >
                        Edit
                      </Link>
                      <ActionButton action={cloneTestCaseAction} input={{ id: rowsByKey.get(r.id)!.id }} variant="secondary">
                        Clone
                      </ActionButton>
                      <ActionButton action={deleteTestCaseAction} input={{ id: rowsByKey.get(r.id)!.id }} variant="secondary">
                        Delete
                      </ActionButton>
                    </span>
                  ) : null}
                </div>
                <div className="ml-6 mt-1 text-xs text-slate-500">expects {c ? expectText(c.expect) : ""}</div>
                {!r.passed ? (
                  <div className="ml-6 mt-1 space-y-0.5">
                    {r.diffs.map((d) => (
                      <div key={d.field} className="font-mono text-xs text-rose-700">
                        {formatDiff(d)}
                      </div>
                    ))}
                    <div className="text-xs text-slate-600">{describeDecision(r.decision)}</div>
                  </div>
                ) : null}
              </li>
            );
          })}
          {broken.map((b) => (
            <li key={b.key} className="px-5 py-3 text-sm text-rose-700">
              ✗ {b.key}: {b.message}
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
