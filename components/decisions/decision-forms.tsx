"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { fileDisputeAction, overrideAction, pinAction, rerouteAction } from "@/app/(console)/decisions/actions";
import { EnumSelect } from "@/components/ui/enum-select";
import { inputClass, primaryButton, useSchemaForm } from "@/components/ui/use-schema-form";
import type { Placement } from "@/lib/server/decisions/overrides";
import {
  DISPUTE_CATEGORIES,
  DISPUTE_CATEGORY_LABELS,
  fileDisputeSchema,
  OVERRIDE_REASON_LABELS,
  OVERRIDE_REASONS,
  overrideSchema,
} from "@/lib/schemas/decisions";

/** A live queue for the hand-assignment picker. */
export interface QueueOption {
  key: string;
  name: string;
}

export interface MemberOption {
  key: string;
  name: string;
  team: string;
}

export function MemberSelect({
  label,
  value,
  onChange,
  onBlur,
  members,
  invalid,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  onBlur: () => void;
  members: MemberOption[];
  invalid: boolean;
  placeholder: string;
}) {
  const teams = [...new Set(members.map((m) => m.team))];
  return (
    <select
      aria-label={label}
      className={inputClass}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onBlur}
      aria-invalid={invalid}
    >
      <option value="">{placeholder}</option>
      {teams.map((t) => (
        <optgroup key={t} label={t}>
          {members
            .filter((m) => m.team === t)
            .map((m) => (
              <option key={m.key} value={m.key}>
                {m.name}
              </option>
            ))}
        </optgroup>
      ))}
    </select>
  );
}

const pinClient = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,79}$/, "Lowercase letters, digits and dashes (2–80)."),
  name: z.string().trim().min(3, "Name the case (at least 3 characters).").max(200),
});

export function PinForm({ decisionId, suggestedKey, suggestedName }: { decisionId: string; suggestedKey: string; suggestedName: string }) {
  const f = useSchemaForm(pinClient, { decisionId, key: suggestedKey, name: suggestedName });
  const [done, setDone] = useState<string | null>(null);
  if (done)
    return (
      <p className="text-sm text-emerald-700" role="status">
        Pinned as test case{" "}
        <Link className="font-mono underline" href="/test-suite?tag=pinned">
          {done}
        </Link>
        .
      </p>
    );
  return (
    <form aria-label="Pin as test case" className="space-y-1" onSubmit={f.onSubmit(pinAction, (d) => setDone(d.key))}>
      <label className="text-xs font-medium text-slate-600">
        Case key
        <input
          aria-label="Case key"
          className={inputClass}
          value={f.values.key}
          onChange={(e) => f.set({ key: e.target.value })}
          onBlur={() => f.validate()}
          aria-invalid={f.invalid("key")}
        />
        {f.fieldError("key")}
      </label>
      <label className="text-xs font-medium text-slate-600">
        Case name
        <input
          aria-label="Case name"
          className={inputClass}
          value={f.values.name}
          onChange={(e) => f.set({ name: e.target.value })}
          onBlur={() => f.validate()}
          aria-invalid={f.invalid("name")}
        />
        {f.fieldError("name")}
      </label>
      <button type="submit" className={primaryButton} disabled={f.pending}>
        {f.pending ? "Pinning…" : "Pin as test case"}
      </button>
      {f.alert}
    </form>
  );
}

/** Reassign one or many decisions to a member or a queue, with a reason. */
/** What a hand-assignment to a queue did, in a sentence: who took each record, or where it waits. */
function placementSummary(placed: Placement[], queue: string, queueName: (k: string) => string, memberName: (k: string) => string): string {
  const taken = placed.filter((p) => p.kind === "assigned" && p.assignee);
  const waiting = placed.filter((p) => p.kind === "queued");
  const open = placed.filter((p) => p.kind === "exception");
  const target = `the ${queueName(queue)} queue`;
  if (placed.length === 1) {
    const p = placed[0]!;
    if (p.kind === "assigned" && p.assignee)
      return `Sent to ${target}: ${memberName(p.assignee)} took it${p.queue && p.queue !== queue ? ` (through ${queueName(p.queue)}, its overflow)` : ""}.`;
    if (p.kind === "queued")
      return `Sent to ${target}: nobody takes work from ${p.queue ? queueName(p.queue) : "it"} by rotation, so it stays open there.`;
    return `Sent to ${target}, but nobody there or in its overflow can take work now: it stays open in Exceptions.`;
  }
  const people = [...new Set(taken.map((p) => memberName(p.assignee!)))];
  return [
    `Sent ${placed.length} to ${target}.`,
    taken.length ? `${taken.length} taken (${people.slice(0, 4).join(", ")}${people.length > 4 ? ", …" : ""}).` : "",
    waiting.length ? `${waiting.length} stay open in the queue.` : "",
    open.length ? `${open.length} stay open in Exceptions (nobody could take work).` : "",
  ]
    .filter(Boolean)
    .join(" ");
}

export function OverrideForm({
  decisionIds,
  members,
  queues,
  onDone,
  wide = false,
}: {
  decisionIds: string[];
  members: MemberOption[];
  queues: QueueOption[];
  onDone?: (summary: string) => void;
  wide?: boolean;
}) {
  const router = useRouter();
  const f = useSchemaForm(overrideSchema, { decisionIds, toAssignee: "", toQueue: "", reasonCode: "" as string, note: "" });
  const [done, setDone] = useState<string | null>(null);
  const memberName = (k: string) => members.find((m) => m.key === k)?.name ?? k;
  const queueName = (k: string) => queues.find((q) => q.key === k)?.name ?? k;
  return (
    <form
      aria-label="Reassign"
      className={`grid gap-x-3 gap-y-1 ${wide ? "md:grid-cols-4" : ""}`}
      onSubmit={f.onSubmit(overrideAction, (d) => {
        const queue = String(f.values.toQueue);
        const summary = d.placed && queue ? placementSummary(d.placed, queue, queueName, memberName) : `Reassigned ${d.count}.`;
        setDone(summary);
        onDone?.(summary);
        router.refresh();
      })}
    >
      <label className="text-xs font-medium text-slate-600">
        Give it to
        <MemberSelect
          label="Reassign to member"
          value={String(f.values.toAssignee)}
          onChange={(v) => f.set({ toAssignee: v, toQueue: "" })}
          onBlur={() => f.validate()}
          members={members}
          invalid={f.invalid("toAssignee")}
          placeholder="A member…"
        />
        {f.fieldError("toAssignee")}
      </label>
      <label className="text-xs font-medium text-slate-600">
        …or put it in a queue
        <select
          aria-label="Reassign to queue"
          className={inputClass}
          value={String(f.values.toQueue)}
          onChange={(e) => f.set({ toQueue: e.target.value, toAssignee: "" })}
        >
          <option value="">A queue…</option>
          {queues.map((q) => (
            <option key={q.key} value={q.key}>
              {q.name}
            </option>
          ))}
        </select>
        {f.values.toQueue ? (
          <span className="mt-0.5 block font-normal text-slate-500">
            The queue&apos;s distribution picks who takes it (rotation, availability, caps).
          </span>
        ) : null}
        {f.fieldError("toQueue")}
      </label>
      <label className="text-xs font-medium text-slate-600">
        Reason
        <EnumSelect
          label="Override reason"
          value={f.values.reasonCode}
          values={OVERRIDE_REASONS}
          labels={OVERRIDE_REASON_LABELS}
          onChange={(v) => f.set({ reasonCode: v })}
          onBlur={() => f.validate()}
          invalid={f.invalid("reasonCode")}
        />
        {f.fieldError("reasonCode")}
      </label>
      <label className="text-xs font-medium text-slate-600">
        Note (the field sees it)
        <input
          aria-label="Override note"
          className={inputClass}
          value={f.values.note}
          onChange={(e) => f.set({ note: e.target.value })}
          onBlur={() => f.validate()}
          aria-invalid={f.invalid("note")}
        />
        {f.fieldError("note")}
      </label>
      <div className={`flex flex-wrap items-center gap-3 ${wide ? "md:col-span-4" : ""}`}>
        <button type="submit" className={primaryButton} disabled={f.pending}>
          {f.pending ? "Reassigning…" : decisionIds.length > 1 ? `Reassign ${decisionIds.length} decisions` : "Reassign"}
        </button>
        {done !== null ? (
          <span role="status" className="text-sm text-emerald-700" data-testid="override-result">
            {done}
          </span>
        ) : null}
        {f.alert}
      </div>
    </form>
  );
}

const rerouteClient = z.object({
  decisionIds: z.array(z.string()).min(1, "Choose at least one decision."),
  fields: z.record(z.string(), z.string().trim().min(1, "Fill this in or leave the form.")),
});

/** A field's value as its declared type: numbers and true/false are sent as such, not as text. */
function typed(value: string, type: string | undefined): string | number | boolean {
  if (type === "number" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  if (type === "boolean" && (value === "true" || value === "false")) return value === "true";
  return value.trim();
}

/**
 * Re-route with the live version, optionally filling in the fields the record was missing or
 * had wrong — as pickers of the policy's allowed values where the input is an enum or a flag,
 * pre-filled with what the record carried. The server checks the corrected record against the
 * live version first and names every field still at fault; nothing is re-routed until it passes.
 */
export function RerouteForm({
  decisionIds,
  missing,
  onDone,
  inputs = {},
  current = {},
}: {
  decisionIds: string[];
  missing: string[];
  onDone?: () => void;
  inputs?: Record<string, { type: string; values?: string[] }>;
  current?: Record<string, unknown>;
}) {
  const router = useRouter();
  const recordFields = missing.filter((m) => !m.includes("."));
  const initial = (m: string) => {
    const v = current[m] === null || current[m] === undefined ? "" : String(current[m]);
    // A value the picker does not offer (the very thing that was wrong) starts empty.
    const spec = inputs[m];
    const choices = spec?.type === "enum" ? (spec.values ?? []) : spec?.type === "boolean" ? ["true", "false"] : null;
    return choices && !choices.includes(v) ? "" : v;
  };
  const f = useSchemaForm(rerouteClient, {
    decisionIds,
    fields: Object.fromEntries(recordFields.map((m) => [m, initial(m)])) as Record<string, string>,
  });
  const [done, setDone] = useState<string[] | null>(null);
  const submit = f.onSubmit(
    async () =>
      rerouteAction({
        decisionIds,
        fields: recordFields.length
          ? Object.fromEntries(Object.entries(f.values.fields).map(([k, v]) => [k, typed(v, inputs[k]?.type)]))
          : undefined,
      }),
    (d) => {
      // One record: open its new decision. Many: stay on the list, which no longer shows them.
      if (d.decisionIds.length === 1) return router.push(`/decisions/${d.decisionIds[0]}`);
      setDone(d.decisionIds);
      onDone?.();
      router.refresh();
    },
  );
  return (
    <form aria-label="Re-route" className="space-y-3" onSubmit={submit}>
      {recordFields.length ? (
        <p className="text-sm text-slate-600">Fill in what the record was missing; the corrected record is routed by the live version.</p>
      ) : null}
      {missing.some((m) => m.includes(".")) ? (
        <p className="text-sm text-slate-600">
          Account fields ({missing.filter((m) => m.includes(".")).join(", ")}) come from the account: fix it in the CRM (or PUT
          /api/v1/accounts), then re-route.
        </p>
      ) : null}
      <div className="grid gap-3 md:grid-cols-3">
        {recordFields.map((m) => {
          const spec = inputs[m];
          const choices = spec?.type === "enum" ? (spec.values ?? []) : spec?.type === "boolean" ? ["true", "false"] : null;
          const setValue = (value: string) => f.set({ fields: { ...f.values.fields, [m]: value } });
          return (
            <label key={m} className="text-xs font-medium text-slate-600">
              {m}
              {choices ? (
                <select
                  aria-label={m}
                  className={inputClass}
                  value={f.values.fields[m] ?? ""}
                  onChange={(e) => setValue(e.target.value)}
                  onBlur={() => f.validate()}
                  aria-invalid={f.invalid(`fields.${m}`)}
                >
                  <option value="">Choose…</option>
                  {choices.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  aria-label={m}
                  className={inputClass}
                  inputMode={spec?.type === "number" ? "decimal" : undefined}
                  value={f.values.fields[m] ?? ""}
                  onChange={(e) => setValue(e.target.value)}
                  onBlur={() => f.validate()}
                  aria-invalid={f.invalid(`fields.${m}`)}
                />
              )}
              {f.fieldError(`fields.${m}`)}
            </label>
          );
        })}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={primaryButton} disabled={f.pending}>
          {f.pending ? "Routing…" : decisionIds.length > 1 ? `Re-route ${decisionIds.length} decisions` : "Re-route with the live version"}
        </button>
        {done ? (
          <span role="status" className="text-sm text-emerald-700">
            Re-routed:{" "}
            {done.slice(0, 5).map((id) => (
              <Link key={id} className="underline" href={`/decisions/${id}`}>
                new decision{" "}
              </Link>
            ))}
          </span>
        ) : null}
        {f.alert}
      </div>
    </form>
  );
}

export function DisputeForm({ decisionId, members }: { decisionId: string; members: MemberOption[] }) {
  const f = useSchemaForm(fileDisputeSchema, { decisionId, category: "" as string, claimedOwnerKey: "", text: "" });
  const [filed, setFiled] = useState(false);
  if (filed)
    return (
      <p role="status" className="text-sm text-emerald-700">
        Dispute filed. RevOps will answer on{" "}
        <Link className="underline" href="/disputes">
          Disputes
        </Link>
        ; you will see their note there and on this decision.
      </p>
    );
  return (
    <form aria-label="File a dispute" className="grid gap-x-3 gap-y-1" onSubmit={f.onSubmit(fileDisputeAction, () => setFiled(true))}>
      <label className="text-xs font-medium text-slate-600">
        What is wrong?
        <EnumSelect
          label="Dispute category"
          value={f.values.category}
          values={DISPUTE_CATEGORIES}
          labels={DISPUTE_CATEGORY_LABELS}
          onChange={(v) => f.set({ category: v })}
          onBlur={() => f.validate()}
          invalid={f.invalid("category")}
        />
        {f.fieldError("category")}
      </label>
      <label className="text-xs font-medium text-slate-600">
        Who should own it?
        <MemberSelect
          label="Rightful owner"
          value={String(f.values.claimedOwnerKey)}
          onChange={(v) => f.set({ claimedOwnerKey: v })}
          onBlur={() => f.validate()}
          members={members}
          invalid={f.invalid("claimedOwnerKey")}
          placeholder="(optional)"
        />
        {f.fieldError("claimedOwnerKey")}
      </label>
      <label className="text-xs font-medium text-slate-600">
        What happened
        <textarea
          aria-label="What happened"
          rows={3}
          className={inputClass}
          value={f.values.text}
          onChange={(e) => f.set({ text: e.target.value })}
          onBlur={() => f.validate()}
          aria-invalid={f.invalid("text")}
          placeholder="e.g. I have worked this account since March; the partner registered it with me."
        />
        {f.fieldError("text")}
      </label>
      {f.submitRow("File dispute", "Filing…")}
    </form>
  );
}
