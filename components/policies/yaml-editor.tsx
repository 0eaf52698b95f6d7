"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { saveDraftAction } from "@/app/(console)/policies/actions";
import { parsePolicyText } from "@/lib/engine/policy-yaml";
import { formatPath, type Problem } from "@/lib/engine/problems";

type SaveState = "saved" | "dirty" | "saving" | "conflict" | "error";

/**
 * The draft as YAML: validated as you type (the engine runs in the browser), saved
 * automatically two seconds after the last change, with a version check so two editors never
 * overwrite each other silently.
 */
export function YamlEditor({ versionId, initialYaml, initialRevision }: { versionId: string; initialYaml: string; initialRevision: number }) {
  const router = useRouter();
  const [text, setText] = useState(initialYaml);
  const [revision, setRevision] = useState(initialRevision);
  const [state, setState] = useState<SaveState>("saved");
  const [message, setMessage] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problem[]>(() => {
    const r = parsePolicyText(initialYaml);
    return r.ok ? [] : r.problems;
  });
  const saving = useRef(false);

  const save = async (value: string) => {
    if (saving.current) return;
    saving.current = true;
    setState("saving");
    const r = await saveDraftAction({ versionId, yaml: value, revision });
    saving.current = false;
    if (!r.ok) {
      setState(r.error.code === "CONFLICT" ? "conflict" : "error");
      setMessage(r.error.message);
      return;
    }
    setRevision(r.data.revision);
    setState("saved");
    setMessage(null);
    router.refresh();
  };

  // Validate while typing; autosave when the text has settled and can be read as YAML.
  useEffect(() => {
    if (state !== "dirty") return;
    const t = setTimeout(() => {
      const r = parsePolicyText(text);
      setProblems(r.ok ? [] : r.problems);
      const unreadable = !r.ok && r.problems.some((p) => p.path.length === 0);
      if (!unreadable) void save(text);
    }, 2000);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, state]);

  const label: Record<SaveState, string> = {
    saved: "All changes saved",
    dirty: "Unsaved changes",
    saving: "Saving…",
    conflict: "Not saved: conflict",
    error: "Not saved",
  };

  return (
    <div className="space-y-3">
      <div className="flex items-center justify-between">
        <span data-testid="save-state" className={`text-sm ${state === "saved" ? "text-emerald-700" : state === "conflict" || state === "error" ? "text-rose-600" : "text-slate-500"}`}>
          {label[state]} · revision {revision}
        </span>
        <div className="flex gap-2">
          {state === "conflict" ? (
            <button type="button" onClick={() => window.location.reload()} className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium">
              Reload their version
            </button>
          ) : null}
          <button type="button" disabled={state === "saving" || state === "conflict"} onClick={() => void save(text)} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white disabled:opacity-50">
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
          if (state !== "conflict") setState("dirty");
        }}
        rows={32}
        className="block w-full rounded-lg border border-slate-300 bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-100 outline-none focus:ring-2 focus:ring-brand-500"
      />
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
