import type { PolicyDiff, SectionDiff } from "@/lib/engine/policy-diff";

function Section({ title, diff }: { title: string; diff: SectionDiff }) {
  const empty = !diff.added.length && !diff.removed.length && !diff.moved.length && !diff.changed.length;
  if (empty) return null;
  return (
    <div>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      <ul className="mt-2 space-y-2 text-sm">
        {diff.added.map((x) => (
          <li key={`a-${x.key}`} className="rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2">
            <span className="font-semibold text-emerald-800">+ {x.name}</span> <span className="text-emerald-900">{x.description}</span>
          </li>
        ))}
        {diff.removed.map((x) => (
          <li key={`r-${x.key}`} className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 font-semibold text-rose-800">
            − {x.name}
          </li>
        ))}
        {diff.changed.map((x) => (
          <li key={`c-${x.key}`} className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2">
            <div className="font-semibold text-amber-900">~ {x.name}</div>
            <ul className="mt-1 list-disc pl-5 text-amber-900">
              {x.changes.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </li>
        ))}
        {diff.moved.map((x) => (
          <li key={`m-${x.key}`} className="rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-slate-700">
            ↕ {x.name}: position {x.from} → {x.to}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function DiffView({ diff }: { diff: PolicyDiff }) {
  if (diff.unchanged) return <p className="text-sm text-slate-500">No differences.</p>;
  return (
    <div className="space-y-5" data-testid="diff-view">
      <Section title="Rules" diff={diff.rules} />
      <Section title="Suppressions" diff={diff.suppressions} />
      <Section title="Queues" diff={diff.queues} />
      <Section title="Inputs" diff={diff.inputs} />
      <Section title="Lists" diff={diff.lists} />
      {diff.other.length ? (
        <ul className="list-disc pl-5 text-sm text-slate-700">
          {diff.other.map((o) => (
            <li key={o}>{o}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
