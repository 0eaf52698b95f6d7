"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { policySettingsAction } from "@/app/(console)/policies/actions";

/** ADMIN: how rollbacks pass change control — at once as an emergency step, or through review. */
export function PolicySettingsForm({ policyId, rollbackRequiresReview }: { policyId: string; rollbackRequiresReview: boolean }) {
  const router = useRouter();
  const [value, setValue] = useState(rollbackRequiresReview);
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const changed = value !== rollbackRequiresReview;
  return (
    <form
      className="space-y-3 px-5 py-4 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          setMessage(null);
          const r = await policySettingsAction({ policyId, rollbackRequiresReview: value });
          if (!r.ok) return setMessage({ tone: "error", text: r.error.message });
          setMessage({ tone: "ok", text: "Saved. The audit log records the change." });
          router.refresh();
        });
      }}
    >
      <fieldset className="space-y-2">
        <legend className="font-medium text-slate-800">Rollbacks</legend>
        <label className="flex items-start gap-2">
          <input type="radio" name="rollback-mode" className="mt-1" checked={!value} onChange={() => setValue(false)} />
          <span>
            <span className="font-medium">Emergency step</span> — an approver&apos;s rollback goes live at once, without review; it is
            labelled so in the changelog and the audit log.
          </span>
        </label>
        <label className="flex items-start gap-2">
          <input type="radio" name="rollback-mode" className="mt-1" checked={value} onChange={() => setValue(true)} />
          <span>
            <span className="font-medium">Through review</span> — a rollback becomes a submitted version; another approver approves it, then
            it is published like any change.
          </span>
        </label>
      </fieldset>
      <button
        type="submit"
        disabled={pending || !changed}
        className="rounded-lg bg-brand-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? "Saving…" : "Save"}
      </button>
      {message ? (
        <p role={message.tone === "error" ? "alert" : "status"} className={message.tone === "error" ? "text-rose-600" : "text-emerald-700"}>
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
