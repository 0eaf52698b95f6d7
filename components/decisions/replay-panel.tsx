"use client";

import { useState, useTransition } from "react";
import { replayAction, whatIfAction } from "@/app/(console)/decisions/actions";
import { inputClass, secondaryButton } from "@/components/ui/use-schema-form";

type Replay = { identical: boolean; sameOutcome: boolean; differences: Array<{ field: string; stored: unknown; replayed: unknown }> };

/** Replay with the stored version (must be identical) and, for RevOps, "what would version N do now". */
export function ReplayPanel({ decisionId, versions }: { decisionId: string; versions: Array<{ id: string; label: string }> | null }) {
  const [replay, setReplay] = useState<Replay | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [versionId, setVersionId] = useState(versions?.[0]?.id ?? "");
  const [whatIf, setWhatIf] = useState<{ versionNumber: number; explanation: string } | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className="space-y-4 px-5 py-4 text-sm">
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          className={secondaryButton}
          disabled={pending}
          onClick={() =>
            start(async () => {
              setError(null);
              const r = await replayAction({ decisionId });
              if (r.ok) setReplay(r.data);
              else setError(r.error.message);
            })
          }
        >
          Replay with its version
        </button>
        {replay ? (
          replay.identical ? (
            <span data-testid="replay-result" className="font-medium text-emerald-700">
              ✓ Reproduced exactly: same outcome, same trace, same inputs.
            </span>
          ) : (
            <div data-testid="replay-result" className="text-rose-700">
              ✗ Differs from the stored decision:
              <ul className="ml-5 list-disc">
                {replay.differences.map((d) => (
                  <li key={d.field}>
                    {d.field}: stored {JSON.stringify(d.stored)}, replay {JSON.stringify(d.replayed)}
                  </li>
                ))}
              </ul>
            </div>
          )
        ) : null}
      </div>
      {versions && versions.length ? (
        <div className="flex flex-wrap items-end gap-3">
          <label className="text-xs font-medium text-slate-500">
            What would this version do now?
            <select aria-label="Version to try" className={inputClass} value={versionId} onChange={(e) => setVersionId(e.target.value)}>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className={secondaryButton}
            disabled={pending || !versionId}
            onClick={() =>
              start(async () => {
                setError(null);
                const r = await whatIfAction({ decisionId, versionId });
                if (r.ok) setWhatIf(r.data);
                else setError(r.error.message);
              })
            }
          >
            Try it
          </button>
        </div>
      ) : null}
      {whatIf ? (
        <p data-testid="what-if" className="rounded-lg bg-slate-50 px-3 py-2">
          <strong>v{whatIf.versionNumber}, today:</strong> {whatIf.explanation}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-rose-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
