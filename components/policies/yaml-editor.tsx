"use client";

import { useEffect, useState } from "react";
import { saveDraftAction } from "@/app/(console)/policies/actions";
import { compileValidated } from "@/lib/engine/compile";
import { parsePolicyText } from "@/lib/engine/policy-yaml";
import { formatPath, type Problem } from "@/lib/engine/problems";
import { formatDiff, runSuite, type SuiteResult, type TestSuite } from "@/lib/engine/test-suite";
import { SAVE_LABELS, useDraftSaver } from "./use-draft-saver";

/**
 * The draft as YAML: validated as you type (the engine runs in the browser), saved
 * automatically two seconds after the last change, with a version check so two editors never
 * overwrite each other silently.
 */
type LiveRun = { result: SuiteResult; ms: number } | null;

/** The suite on the text as it is now, in the browser (the engine is pure). */
function runLive(text: string, suite: TestSuite): { problems: Problem[]; run: LiveRun } {
  const parsed = parsePolicyText(text);
  if (!parsed.ok) return { problems: parsed.problems, run: null };
  const started = performance.now();
  const result = runSuite(compileValidated(parsed.policy), suite);
  return { problems: [], run: { result, ms: performance.now() - started } };
}

export function YamlEditor({
  versionId,
  initialYaml,
  initialRevision,
  suite,
}: {
  versionId: string;
  initialYaml: string;
  initialRevision: number;
  suite: TestSuite;
}) {
  const [text, setText] = useState(initialYaml);
  const [live, setLive] = useState(() => runLive(initialYaml, suite));
  const problems = live.problems;
  // Autosave two seconds after the last key, when the text can be read as YAML.
  const { revision, state, message, saveNow, markDirty } = useDraftSaver({
    value: text,
    initialRevision,
    delayMs: 2000,
    canSave: (t) => {
      const r = parsePolicyText(t);
      return r.ok || !r.problems.some((p) => p.path.length === 0);
    },
    save: async (yaml, rev) => saveDraftAction({ versionId, yaml, revision: rev }),
  });

  // Validate and run the suite while typing (300 ms after the last key).
  useEffect(() => {
    const t = setTimeout(() => setLive(runLive(text, suite)), 300);
    return () => clearTimeout(t);
  }, [text, suite]);

  const label = SAVE_LABELS;

  return (
    <div className="space-y-3">
      <div className="flex items-center justify-between">
        <span
          data-testid="save-state"
          className={`text-sm ${state === "saved" ? "text-emerald-700" : state === "conflict" || state === "error" ? "text-rose-600" : "text-slate-500"}`}
        >
          {label[state]} · revision {revision}
        </span>
        <div className="flex gap-2">
          {state === "conflict" ? (
            <button
              type="button"
              onClick={() => window.location.reload()}
              className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium"
            >
              Reload their version
            </button>
          ) : null}
          <button
            type="button"
            disabled={state === "saving" || state === "conflict"}
            onClick={() => void saveNow(text)}
            className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white disabled:opacity-50"
          >
            Save now
          </button>
        </div>
      </div>
      {message ? (
        <p role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-700">
          {message}
        </p>
      ) : null}
      <label htmlFor="policy-yaml" className="sr-only">
        Policy YAML
      </label>
      <textarea
        id="policy-yaml"
        value={text}
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          markDirty();
        }}
        rows={32}
        className="block w-full rounded-lg border border-slate-300 bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-100 outline-none focus:ring-2 focus:ring-brand-500"
      />
      {live.run ? (
        <div
          data-testid="live-suite"
          className={`rounded-lg border px-3 py-2 text-sm ${live.run.result.failed ? "border-rose-200 bg-rose-50" : "border-emerald-200 bg-emerald-50"}`}
        >
          <div className={live.run.result.failed ? "font-medium text-rose-800" : "font-medium text-emerald-800"}>
            Test suite on this text: {live.run.result.passed} passed · {live.run.result.failed} failed
            <span className="font-normal text-slate-500"> ({live.run.ms.toFixed(0)} ms)</span>
          </div>
          {live.run.result.results
            .filter((r) => !r.passed)
            .map((r) => (
              <div key={r.id} className="mt-1">
                <span className="text-rose-800">✗ {r.name}</span>
                {r.diffs.map((d) => (
                  <div key={d.field} className="ml-4 font-mono text-xs text-rose-700">
                    {formatDiff(d)}
                  </div>
                ))}
              </div>
            ))}
        </div>
      ) : null}
      <div data-testid="problems">
        {problems.length === 0 ? (
          <p className="text-sm text-emerald-700">No problems: this draft is a valid policy.</p>
        ) : (
          <ul className="space-y-1 text-sm text-rose-700">
            {problems.map((p, i) => (
              <li key={i}>
                {p.line ? <span className="font-mono">line {p.line}</span> : null} {formatPath(p.path)}: {p.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
