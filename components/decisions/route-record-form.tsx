"use client";

import { useRouter } from "next/navigation";
import { routeFromConsoleAction } from "@/app/(console)/decisions/actions";
import { EnumSelect } from "@/components/ui/enum-select";
import { inputClass, primaryButton, useSchemaForm } from "@/components/ui/use-schema-form";
import { OBJECT_TYPES } from "@/lib/engine/policy-schema";
import { consoleRouteSchema } from "@/lib/schemas/routing";

const TYPE_LABELS = Object.fromEntries(OBJECT_TYPES.map((t) => [t, t.replace(/_/g, " ")])) as Record<(typeof OBJECT_TYPES)[number], string>;

/** Route one record with the live version, as the API would — stored, with its evidence. */
export function RouteRecordForm({ suggestedId }: { suggestedId: string }) {
  const router = useRouter();
  const f = useSchemaForm(consoleRouteSchema, {
    recordId: suggestedId,
    objectType: "lead" as string,
    fieldsYaml: "email_domain: bigco.com\nsegment: enterprise\nregion: EMEA\nfit_score: 80\nlead_source: inbound_demo",
  });
  return (
    <form
      aria-label="Route a record"
      className="grid gap-x-3 gap-y-1 md:grid-cols-[1fr_1fr_2fr_auto] md:items-start"
      onSubmit={f.onSubmit(routeFromConsoleAction, (d) => router.push(`/decisions/${d.decisionId}`))}
    >
      <label className="text-xs font-medium text-slate-600">
        Record id
        <input
          aria-label="Record id"
          className={inputClass}
          value={f.values.recordId}
          onChange={(e) => f.set({ recordId: e.target.value })}
          onBlur={() => f.validate()}
          aria-invalid={f.invalid("recordId")}
        />
        {f.fieldError("recordId")}
      </label>
      <label className="text-xs font-medium text-slate-600">
        Object type
        <EnumSelect
          label="Object type"
          value={f.values.objectType}
          values={OBJECT_TYPES}
          labels={TYPE_LABELS}
          onChange={(v) => f.set({ objectType: v })}
          onBlur={() => f.validate()}
          invalid={f.invalid("objectType")}
        />
        {f.fieldError("objectType")}
      </label>
      <label className="text-xs font-medium text-slate-600">
        Fields (name: value per line)
        <textarea
          aria-label="Record fields"
          rows={3}
          className={`${inputClass} font-mono text-xs`}
          value={f.values.fieldsYaml}
          onChange={(e) => f.set({ fieldsYaml: e.target.value })}
          onBlur={() => f.validate()}
          aria-invalid={f.invalid("fieldsYaml")}
        />
        {f.fieldError("fieldsYaml")}
      </label>
      <button type="submit" className={`${primaryButton} md:mt-5`} disabled={f.pending}>
        {f.pending ? "Routing…" : "Route"}
      </button>
      <div className="md:col-span-4">{f.alert}</div>
    </form>
  );
}
