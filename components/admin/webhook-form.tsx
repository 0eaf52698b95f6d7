"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { createWebhookAction } from "@/app/(console)/admin/webhooks/actions";
import { ShownOnce } from "@/components/ui/shown-once";
import { inputClass, useSchemaForm } from "@/components/ui/use-schema-form";
import { createWebhookSchema, WEBHOOK_EVENT_LABELS } from "@/lib/schemas/webhooks";

type Event = keyof typeof WEBHOOK_EVENT_LABELS;

export function WebhookForm() {
  const router = useRouter();
  const f = useSchemaForm(createWebhookSchema, { name: "", url: "", events: ["decision.created"] as Event[] });
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <div className="space-y-4">
      {secret ? (
        <ShownOnce
          message="Webhook added. Its signing secret (shown once):"
          value={secret}
          testId="webhook-secret"
          copyLabel="Copy secret"
        />
      ) : null}
      <form
        aria-label="Add webhook"
        className="space-y-1"
        onSubmit={f.onSubmit(createWebhookAction, (d) => {
          setSecret(d.secret);
          f.setValues({ name: "", url: "", events: ["decision.created"] });
          router.refresh();
        })}
      >
        <label className="block text-sm font-medium text-slate-700">
          Name
          <input
            aria-label="Webhook name"
            className={inputClass}
            value={f.values.name}
            placeholder="e.g. Salesforce owner sync"
            onChange={(e) => f.set({ name: e.target.value })}
            onBlur={() => f.validate()}
            aria-invalid={f.invalid("name")}
          />
          {f.fieldError("name")}
        </label>
        <label className="block text-sm font-medium text-slate-700">
          URL
          <input
            aria-label="Webhook URL"
            className={inputClass}
            value={f.values.url}
            placeholder="https://…"
            onChange={(e) => f.set({ url: e.target.value })}
            onBlur={() => f.validate()}
            aria-invalid={f.invalid("url")}
          />
          {f.fieldError("url")}
        </label>
        <fieldset className="space-y-1 text-sm">
          <legend className="mb-1 font-medium text-slate-700">Events</legend>
          {(Object.keys(WEBHOOK_EVENT_LABELS) as Event[]).map((e) => (
            <label key={e} className="flex items-center gap-2 text-slate-700">
              <input
                type="checkbox"
                checked={f.values.events.includes(e)}
                onChange={(x) => f.set({ events: x.target.checked ? [...f.values.events, e] : f.values.events.filter((y) => y !== e) })}
              />
              <span className="font-mono text-xs">{e}</span> — {WEBHOOK_EVENT_LABELS[e]}
            </label>
          ))}
          {f.fieldError("events")}
        </fieldset>
        {f.submitRow("Add webhook", "Adding…")}
      </form>
    </div>
  );
}
