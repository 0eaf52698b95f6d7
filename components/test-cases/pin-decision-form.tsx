"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { pinDecisionAction } from "@/app/(console)/test-suite/actions";

const input =
  "block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100";

/** Paste a decision (from the API, `switchyard route`, or the decision log) to pin it as a test case. */
export function PinDecisionForm({ policyId }: { policyId: string }) {
  const router = useRouter();
  const [key, setKey] = useState("");
  const [name, setName] = useState("");
  const [json, setJson] = useState("");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <details className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <summary className="cursor-pointer text-sm font-semibold text-slate-800">Pin a decision as a test case</summary>
      <form
        className="mt-3 space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            setMessage(null);
            const r = await pinDecisionAction({ policyId, key, name, decisionJson: json });
            if (!r.ok) {
              setErrors(r.error.fieldErrors ?? {});
              return setMessage(r.error.message);
            }
            setKey("");
            setName("");
            setJson("");
            setErrors({});
            router.refresh();
          });
        }}
      >
        <div className="grid grid-cols-1 gap-2 md:grid-cols-2">
          <label className="text-sm text-slate-700">
            Key
            <input
              className={input}
              value={key}
              onChange={(e) => setKey(e.target.value)}
              aria-label="Pinned case key"
              placeholder="dana-emea-renewal"
            />
            <span className="text-xs text-rose-600">{errors.key?.[0]}</span>
          </label>
          <label className="text-sm text-slate-700">
            What it checks
            <input className={input} value={name} onChange={(e) => setName(e.target.value)} aria-label="Pinned case name" />
            <span className="text-xs text-rose-600">{errors.name?.[0]}</span>
          </label>
        </div>
        <label className="block text-sm text-slate-700">
          Decision (JSON)
          <textarea
            rows={5}
            className={`${input} font-mono text-xs`}
            value={json}
            onChange={(e) => setJson(e.target.value)}
            aria-label="Decision JSON"
            placeholder='{"recordId": "…", "objectType": "lead", "kind": "assigned", "inputs": {…}, …}'
          />
          <span className="text-xs text-rose-600">{errors.decisionJson?.[0]}</span>
        </label>
        {message ? (
          <p role="alert" className="text-sm text-rose-600">
            {message}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={pending}
          className="rounded-lg bg-brand-600 px-3.5 py-2 text-sm font-semibold text-white disabled:opacity-60"
        >
          {pending ? "Pinning…" : "Pin as test case"}
        </button>
      </form>
    </details>
  );
}
