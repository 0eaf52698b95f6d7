"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { createApiKeyAction } from "@/app/(console)/admin/api-keys/actions";
import { ShownOnce } from "@/components/ui/shown-once";
import { inputClass, useSchemaForm } from "@/components/ui/use-schema-form";
import { API_KEY_SCOPE_LABELS, API_KEY_SCOPES, createApiKeySchema } from "@/lib/schemas/decisions";

/** Creates a key and shows it once: only its hash is stored. */
export function ApiKeyForm() {
  const router = useRouter();
  const f = useSchemaForm(createApiKeySchema, { name: "", scopes: ["route"] as string[] });
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  return (
    <div className="space-y-4">
      {created ? (
        <ShownOnce
          message={`Key “${created.name}” created. Copy it now: it is not shown again.`}
          value={created.key}
          testId="new-api-key"
          copyLabel="Copy key"
        />
      ) : null}
      <form
        aria-label="Create API key"
        className="space-y-3"
        onSubmit={f.onSubmit(createApiKeyAction, (d) => {
          setCreated({ name: d.name, key: d.key });
          f.setValues({ name: "", scopes: ["route"] });
          router.refresh();
        })}
      >
        <label className="block text-sm font-medium text-slate-700">
          Name
          <input
            aria-label="Key name"
            className={inputClass}
            value={f.values.name}
            placeholder="e.g. Salesforce lead sync"
            onChange={(e) => f.set({ name: e.target.value })}
            onBlur={() => f.validate()}
            aria-invalid={f.invalid("name")}
          />
          {f.fieldError("name")}
        </label>
        <fieldset className="space-y-1 text-sm">
          <legend className="mb-1 font-medium text-slate-700">Scopes</legend>
          {API_KEY_SCOPES.map((s) => (
            <label key={s} className="flex items-center gap-2 text-slate-700">
              <input
                type="checkbox"
                checked={f.values.scopes.includes(s)}
                onChange={(e) => f.set({ scopes: e.target.checked ? [...f.values.scopes, s] : f.values.scopes.filter((x) => x !== s) })}
              />
              <span className="font-mono text-xs">{s}</span> — {API_KEY_SCOPE_LABELS[s]}
            </label>
          ))}
          {f.fieldError("scopes")}
        </fieldset>
        {f.submitRow("Create key", "Creating…")}
      </form>
    </div>
  );
}
