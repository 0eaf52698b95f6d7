import { describeEvidence, OP_WORDS } from "@/lib/engine/explain";
import type { Evidence, TraceEntry } from "@/lib/engine/types";
import { Badge } from "@/components/ui/badge";

function show(x: unknown): string {
  if (x === null || x === undefined) return "(missing)";
  if (Array.isArray(x)) return x.map(show).join(", ");
  if (typeof x === "object") return JSON.stringify(x);
  return String(x);
}

function EvidenceTable({ evidence }: { evidence: Evidence[] }) {
  if (!evidence.length) return <p className="px-3 py-2 text-xs text-slate-500">No conditions: applies to every record of its types.</p>;
  return (
    <table className="w-full text-xs">
      <thead className="text-left text-slate-500">
        <tr>
          <th className="px-3 py-1 font-medium">Field</th>
          <th className="px-3 py-1 font-medium">Needed</th>
          <th className="px-3 py-1 font-medium">Actual</th>
          <th className="px-3 py-1 font-medium" />
        </tr>
      </thead>
      <tbody>
        {evidence.map((e, i) => {
          const holds = e.negated ? !e.passed : e.passed;
          return (
            <tr key={i} className={holds ? "" : "bg-rose-50/60"} title={describeEvidence(e)}>
              <td className="px-3 py-1 font-mono">{e.field}</td>
              <td className="px-3 py-1">
                {e.negated ? "not " : ""}
                {OP_WORDS[e.op] ?? e.op} {e.op === "exists" || e.op === "missing" ? "" : show(e.expected)}
              </td>
              <td className="px-3 py-1 font-mono">{show(e.actual)}</td>
              <td className="px-3 py-1">
                {holds ? <span className="text-emerald-700">✓</span> : <span className="text-rose-700">✗</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Every step the engine took, in order: inputs, duplicates, each suppression and rule with its evidence, distribution. */
export function TraceView({ trace, name }: { trace: TraceEntry[] | null; name: (key: string) => string }) {
  if (!trace) return <p className="px-5 py-4 text-sm text-slate-500">This decision was made without a trace.</p>;
  return (
    <ol className="divide-y divide-slate-100" data-testid="trace">
      {trace.map((t, i) => (
        <li key={i} className="px-5 py-3 text-sm">
          {t.step === "inputs" ? (
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone={t.ok ? "green" : "amber"}>inputs</Badge>
              {t.ok ? "All required inputs present and of the declared types." : null}
              {t.missing.length ? <span>Missing: {t.missing.join(", ")}.</span> : null}
              {t.invalid.map((x) => (
                <span key={x.field}>
                  {x.field}: {x.message}.
                </span>
              ))}
            </div>
          ) : null}
          {t.step === "duplicate" ? (
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone="amber">duplicate</Badge> The matched account looks like {t.duplicates.join(", ")}; the policy says{" "}
              {t.action === "exception" ? "send it to exceptions" : "route anyway"}.
            </div>
          ) : null}
          {t.step === "suppression" || t.step === "rule" ? (
            <details open={t.matched} className="group">
              <summary className="flex cursor-pointer flex-wrap items-center gap-2">
                <Badge tone={t.matched ? (t.step === "rule" ? "green" : "violet") : "gray"}>{t.step}</Badge>
                <span className="font-mono text-xs">{t.key}</span>
                {t.step === "rule" && t.intent ? (
                  <span className="text-xs text-slate-500">intent: {t.intent.replace(/_/g, " ")}</span>
                ) : null}
                <span className={t.matched ? "font-medium text-emerald-700" : "text-slate-500"}>
                  {t.matched ? "matched" : "did not match"}
                </span>
                {t.step === "rule" && t.note ? <span className="text-xs text-amber-700">{t.note}</span> : null}
              </summary>
              <div className="mt-2 rounded-lg border border-slate-100">
                <EvidenceTable evidence={t.evidence} />
              </div>
            </details>
          ) : null}
          {t.step === "distribution" ? (
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone="blue">distribution</Badge>
              {t.method === "waits in queue" ? (
                <>
                  Queue <span className="font-mono text-xs">{t.queue}</span> has no members: the record waits there for someone to pick it
                  up.
                </>
              ) : (
                <>
                  Queue <span className="font-mono text-xs">{t.queue}</span> ({t.method.replace(/_/g, " ")}) →{" "}
                  {t.chosen ? <strong>{name(t.chosen)}</strong> : "nobody available"}
                </>
              )}
              {t.skipped.length ? (
                <span className="text-xs text-slate-500">
                  skipped: {t.skipped.map((s) => `${name(s.member)} (${s.reason.replace(/_/g, " ")})`).join(", ")}
                </span>
              ) : null}
              {t.overflowTo ? <span className="text-xs text-amber-700">overflow → {t.overflowTo}</span> : null}
            </div>
          ) : null}
          {t.step === "manual" ? (
            <div className="flex items-center gap-2">
              <Badge tone="amber">by hand</Badge> Sent to queue <span className="font-mono text-xs">{t.queue}</span> by a person; no rule
              ran, the queue&apos;s distribution placed it.
            </div>
          ) : null}
          {t.step === "fallback" ? (
            <div className="flex items-center gap-2">
              <Badge>fallback</Badge> No rule matched: the fallback queue <span className="font-mono text-xs">{t.queue}</span>.
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
