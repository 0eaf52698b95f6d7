"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { importYamlAction } from "@/app/(console)/policies/actions";

export function ImportYamlForm({ policyId }: { policyId: string }) {
  const router = useRouter();
  const [yaml, setYaml] = useState("");
  const [errors, setErrors] = useState<string[]>([]);
  const [pending, start] = useTransition();
  return (
    <details className="group rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <summary className="cursor-pointer text-sm font-semibold text-slate-800">Import YAML as a new draft</summary>
      <form
        className="mt-3 space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            const r = await importYamlAction({ policyId, yaml });
            if (!r.ok) return setErrors(r.error.fieldErrors?.yaml ?? [r.error.message]);
            router.push(`/policies/versions/${r.data.versionId}`);
          });
        }}
      >
        <label htmlFor="import-yaml" className="sr-only">
          Policy YAML
        </label>
        <textarea
          id="import-yaml"
          value={yaml}
          onChange={(e) => setYaml(e.target.value)}
          rows={8}
          spellCheck={false}
          placeholder="apiVersion: switchyard/v1&#10;name: …"
          className="block w-full rounded-lg border border-slate-300 p-2 font-mono text-xs"
        />
        {errors.map((m) => (
          <p key={m} role="alert" className="text-sm text-rose-600">
            {m}
          </p>
        ))}
        <button
          type="submit"
          disabled={pending || !yaml.trim()}
          className="rounded-lg bg-brand-600 px-3.5 py-2 text-sm font-semibold text-white disabled:opacity-50"
        >
          {pending ? "Importing…" : "Import as draft"}
        </button>
      </form>
    </details>
  );
}
