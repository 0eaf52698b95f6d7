"use client";

import { useState } from "react";
import { saveThresholdsAction } from "@/app/(console)/insights/actions";
import { inputClass, useSchemaForm } from "@/components/ui/use-schema-form";
import type { MonitorThresholds } from "@/lib/engine/publish-monitor";
import { monitorThresholdsInput, THRESHOLD_LABELS } from "@/lib/schemas/monitor";

type Key = keyof typeof THRESHOLD_LABELS;
const KEYS = Object.keys(THRESHOLD_LABELS) as Key[];
const asText = (t: MonitorThresholds) => Object.fromEntries(KEYS.map((k) => [k, String(t[k])])) as Record<Key, string>;

/** The post-publish monitor's thresholds, one per metric; checked as you type once an error shows. */
export function ThresholdForm({ thresholds, editable }: { thresholds: MonitorThresholds; editable: boolean }) {
  const f = useSchemaForm(monitorThresholdsInput, asText(thresholds));
  const [saved, setSaved] = useState(false);
  return (
    <form
      aria-label="Monitor thresholds"
      className="space-y-3 px-5 py-4"
      onSubmit={f.onSubmit(saveThresholdsAction, (d) => {
        // The saved values are the form's now: nothing else on the page shows them.
        f.setValues(asText(d));
        setSaved(true);
      })}
    >
      <div className="grid grid-cols-1 gap-x-6 gap-y-1 md:grid-cols-2 xl:grid-cols-5">
        {KEYS.map((k) => (
          <label key={k} className="block text-sm font-medium text-slate-700">
            <span className="flex min-h-10 items-end">
              <span>
                {THRESHOLD_LABELS[k].label} <span className="font-normal text-slate-400">({THRESHOLD_LABELS[k].unit})</span>
              </span>
            </span>
            <input
              aria-label={THRESHOLD_LABELS[k].label}
              inputMode="decimal"
              className={`${inputClass} mt-1 tabular-nums`}
              value={f.values[k]}
              disabled={!editable}
              onChange={(e) => {
                setSaved(false);
                f.set({ [k]: e.target.value } as Partial<Record<Key, string>>);
              }}
              onBlur={() => f.validate()}
              aria-invalid={f.invalid(k)}
            />
            <span className="mt-1 block text-xs font-normal text-slate-500">{THRESHOLD_LABELS[k].help}</span>
            {f.fieldError(k)}
          </label>
        ))}
      </div>
      {editable ? (
        <div className="flex items-center gap-3">
          {f.submitRow("Save thresholds", "Saving…")}
          {saved ? (
            <p role="status" className="text-sm text-emerald-700">
              Saved. The monitor judges the live version by these from its next check.
            </p>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
