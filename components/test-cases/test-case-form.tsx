"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { saveTestCaseAction } from "@/app/(console)/test-suite/actions";
import { parseYaml } from "@/lib/engine/policy-yaml";
import { DECISION_KINDS, EXCEPTION_CODES } from "@/lib/engine/types";
import { testCaseFormSchema, type TestCaseForm } from "@/lib/schemas/test-cases";

export interface PolicyVocabulary {
  objectTypes: string[];
  queues: string[];
  suppressions: string[];
  rules: string[];
}

const input =
  "block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100 aria-invalid:border-rose-400";

function Err({ messages }: { messages?: string[] }) {
  return messages?.length ? <p className="mt-1 text-sm text-rose-600">{messages[0]}</p> : null;
}

/** Create or edit a test case: the record, its account, and what the outcome must be. */
export function TestCaseFormView({ initial, vocabulary }: { initial: TestCaseForm; vocabulary: PolicyVocabulary }) {
  const router = useRouter();
  const [form, setForm] = useState<TestCaseForm>(initial);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const set = <K extends keyof TestCaseForm>(k: K, v: TestCaseForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const setExpect = (k: keyof TestCaseForm["expect"], v: string) => setForm((f) => ({ ...f, expect: { ...f.expect, [k]: v } }));

  // Inline checks with the same schema the server uses, plus YAML readability.
  const check = (field: "key" | "name") => {
    const r = testCaseFormSchema.shape[field].safeParse(form[field]);
    setErrors((e) => ({ ...e, [field]: r.success ? [] : r.error.issues.map((i) => i.message) }));
  };
  const checkYaml = (field: "fieldsYaml" | "accountYaml") => {
    const text = form[field];
    const r = text.trim() ? parseYaml(text) : null;
    setErrors((e) => ({ ...e, [field]: r && !r.ok ? r.problems.map((p) => `${p.line ? `line ${p.line}: ` : ""}${p.message}`) : [] }));
  };

  return (
    <form
      className="space-y-4"
      aria-label="Test case"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          setMessage(null);
          const r = await saveTestCaseAction(form);
          if (!r.ok) {
            setErrors(r.error.fieldErrors ?? {});
            setMessage(r.error.message);
            return;
          }
          router.push("/test-suite");
          router.refresh();
        });
      }}
    >
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <div>
          <label htmlFor="tc-key" className="block text-sm font-medium text-slate-700">
            Key
          </label>
          <input
            id="tc-key"
            className={input}
            value={form.key}
            onChange={(e) => set("key", e.target.value)}
            onBlur={() => check("key")}
            aria-invalid={Boolean(errors.key?.length)}
            placeholder="partner-sourced-mid-market"
          />
          <Err messages={errors.key} />
        </div>
        <div>
          <label htmlFor="tc-name" className="block text-sm font-medium text-slate-700">
            What it checks
          </label>
          <input
            id="tc-name"
            className={input}
            value={form.name}
            onChange={(e) => set("name", e.target.value)}
            onBlur={() => check("name")}
            aria-invalid={Boolean(errors.name?.length)}
            placeholder="Partner-sourced mid-market lead stays with the partner manager"
          />
          <Err messages={errors.name} />
        </div>
        <div>
          <label htmlFor="tc-type" className="block text-sm font-medium text-slate-700">
            Record type
          </label>
          <select id="tc-type" className={input} value={form.objectType} onChange={(e) => set("objectType", e.target.value)}>
            {vocabulary.objectTypes.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="tc-tags" className="block text-sm font-medium text-slate-700">
            Tags (comma separated)
          </label>
          <input
            id="tc-tags"
            className={input}
            value={form.tags}
            onChange={(e) => set("tags", e.target.value)}
            placeholder="partner, mid-market"
          />
        </div>
        <div>
          <label htmlFor="tc-fields" className="block text-sm font-medium text-slate-700">
            Record fields (YAML)
          </label>
          <textarea
            id="tc-fields"
            rows={6}
            className={`${input} font-mono text-xs`}
            value={form.fieldsYaml}
            onChange={(e) => set("fieldsYaml", e.target.value)}
            onBlur={() => checkYaml("fieldsYaml")}
            aria-invalid={Boolean(errors.fieldsYaml?.length)}
            placeholder={"segment: mid_market\nregion: NA\nfit_score: 71"}
          />
          <Err messages={errors.fieldsYaml} />
        </div>
        <div>
          <label htmlFor="tc-account" className="block text-sm font-medium text-slate-700">
            Matched account (YAML, optional)
          </label>
          <textarea
            id="tc-account"
            rows={6}
            className={`${input} font-mono text-xs`}
            value={form.accountYaml}
            onChange={(e) => set("accountYaml", e.target.value)}
            onBlur={() => checkYaml("accountYaml")}
            aria-invalid={Boolean(errors.accountYaml?.length)}
            placeholder={"id: ACC-000100\ncustomer_status: prospect\npartner_owner_id: victoria.hale@lumendata.example"}
          />
          <Err messages={errors.accountYaml} />
        </div>
      </div>
      <fieldset className="rounded-lg border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-800">The outcome must be</legend>
        <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
          <label className="text-sm text-slate-700">
            Kind
            <select
              className={input}
              value={form.expect.kind}
              onChange={(e) => setExpect("kind", e.target.value)}
              aria-label="Expected kind"
            >
              <option value="">any</option>
              <Kept value={form.expect.kind} options={DECISION_KINDS} />
              {DECISION_KINDS.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </label>
          <label className="text-sm text-slate-700">
            Owner (member)
            <input
              className={input}
              value={form.expect.owner}
              onChange={(e) => setExpect("owner", e.target.value)}
              aria-label="Expected owner"
              placeholder="dana.ruiz@lumendata.example"
              aria-describedby="owner-hint"
            />
            <span id="owner-hint" className="mt-1 block text-xs text-slate-500">
              Or <code>not a@…</code> (never this member), <code>one of a@…, b@…</code>
            </span>
          </label>
          <label className="text-sm text-slate-700">
            Queue
            <select
              className={input}
              value={form.expect.queue}
              onChange={(e) => setExpect("queue", e.target.value)}
              aria-label="Expected queue"
            >
              <option value="">any</option>
              <Kept value={form.expect.queue} options={vocabulary.queues} />
              {vocabulary.queues.map((q) => (
                <option key={q}>{q}</option>
              ))}
            </select>
          </label>
          <label className="text-sm text-slate-700">
            SLA minutes
            <input
              className={input}
              inputMode="numeric"
              value={form.expect.slaMinutes}
              onChange={(e) => setExpect("slaMinutes", e.target.value)}
              aria-label="Expected SLA minutes"
            />
          </label>
          <label className="text-sm text-slate-700">
            Suppressed by
            <select
              className={input}
              value={form.expect.suppression}
              onChange={(e) => setExpect("suppression", e.target.value)}
              aria-label="Expected suppression"
            >
              <option value="">—</option>
              <Kept value={form.expect.suppression} options={vocabulary.suppressions} />
              {vocabulary.suppressions.map((q) => (
                <option key={q}>{q}</option>
              ))}
            </select>
          </label>
          <label className="text-sm text-slate-700">
            Exception
            <select
              className={input}
              value={form.expect.exception}
              onChange={(e) => setExpect("exception", e.target.value)}
              aria-label="Expected exception"
            >
              <option value="">—</option>
              <Kept value={form.expect.exception} options={EXCEPTION_CODES} />
              {EXCEPTION_CODES.map((q) => (
                <option key={q}>{q}</option>
              ))}
            </select>
          </label>
          <label className="text-sm text-slate-700 md:col-span-3">
            Decided by rule
            <select
              className={input}
              value={form.expect.ruleKey}
              onChange={(e) => setExpect("ruleKey", e.target.value)}
              aria-label="Expected rule"
            >
              <option value="">any</option>
              <Kept value={form.expect.ruleKey} options={vocabulary.rules} />
              {vocabulary.rules.map((q) => (
                <option key={q}>{q}</option>
              ))}
            </select>
          </label>
        </div>
        <Err messages={errors["expect.kind"] ?? errors.expect} />
      </fieldset>
      {message ? (
        <p role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-700">
          {message}
        </p>
      ) : null}
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {pending ? "Saving…" : form.id ? "Save test case" : "Add test case"}
        </button>
        <Link href="/test-suite" className="text-sm text-slate-600 hover:underline">
          Cancel
        </Link>
      </div>
    </form>
  );
}

/** A select's current value that is not one of its options (e.g. "not smb-pool" from a suite file), kept selectable. */
function Kept({ value, options }: { value: string; options: readonly string[] }) {
  return value && !options.includes(value) ? <option value={value}>{value}</option> : null;
}
