"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { disputeToTestCaseAction, triageDisputeAction } from "@/app/(console)/disputes/actions";
import { inputClass, secondaryButton, useSchemaForm } from "@/components/ui/use-schema-form";
import { DISPUTE_RESOLUTION_LABELS, DISPUTE_RESOLUTIONS, disputeToTestCaseSchema, triageDisputeSchema } from "@/lib/schemas/decisions";
import { EnumSelect } from "@/components/ui/enum-select";
import { MemberSelect, type MemberOption } from "./decision-forms";

/** RevOps' answer: take into review, resolve with a category, or reject — always with a note the filer reads. */
export function TriageForm({
  disputeId,
  status,
  claimedOwner,
}: {
  disputeId: string;
  status: string;
  claimedOwner: { name: string; load: number; capacity: number; availability: string } | null;
}) {
  const router = useRouter();
  const f = useSchemaForm(triageDisputeSchema, {
    disputeId,
    status: "resolved" as string,
    resolution: "" as string,
    note: "",
    reassign: false,
  });
  const done = () => router.refresh();
  return (
    <form aria-label="Triage dispute" className="space-y-3" onSubmit={f.onSubmit(triageDisputeAction, done)}>
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="mb-1 text-xs font-medium text-slate-600">Outcome</legend>
        {(status === "open" ? ["in_review", "resolved", "rejected"] : ["resolved", "rejected"]).map((s) => (
          <label key={s} className="flex items-center gap-1.5">
            <input type="radio" name="status" value={s} checked={f.values.status === s} onChange={() => f.set({ status: s })} />
            {s === "in_review" ? "Take into review" : s === "resolved" ? "Resolve (claim upheld or repaired)" : "Reject"}
          </label>
        ))}
      </fieldset>
      {f.values.status === "resolved" ? (
        <label className="block text-xs font-medium text-slate-600">
          Resolved as
          <EnumSelect
            label="Resolution"
            value={f.values.resolution}
            values={DISPUTE_RESOLUTIONS}
            labels={DISPUTE_RESOLUTION_LABELS}
            onChange={(v) => f.set({ resolution: v })}
            onBlur={() => f.validate()}
            invalid={f.invalid("resolution")}
          />
          {f.fieldError("resolution")}
        </label>
      ) : null}
      {f.values.status === "resolved" && claimedOwner ? (
        <div className="rounded-lg border border-slate-200 p-3 text-sm">
          <label className="flex items-center gap-2 font-medium text-slate-800">
            <input type="checkbox" checked={f.values.reassign} onChange={(e) => f.set({ reassign: e.target.checked })} /> Uphold and
            reassign the record to {claimedOwner.name}
          </label>
          <p className="mt-1 text-xs text-slate-500">
            In the same step: an override (wrong owner) with your note, and their load moves to {claimedOwner.load + 1} of{" "}
            {claimedOwner.capacity}.
          </p>
          {claimedOwner.availability !== "available" ? (
            <p role="alert" data-testid="reassign-warning" className="mt-1 text-xs font-medium text-amber-700">
              {claimedOwner.name} is {claimedOwner.availability.replace(/_/g, " ")}
              {claimedOwner.availability === "at_capacity" ? ` (${claimedOwner.load} of ${claimedOwner.capacity})` : ""}: routing would not
              give them new work now.
            </p>
          ) : null}
          {f.fieldError("reassign")}
        </div>
      ) : null}
      <label className="block text-xs font-medium text-slate-600">
        Note to the filer
        <textarea
          aria-label="Note to the filer"
          rows={3}
          className={inputClass}
          value={f.values.note}
          onChange={(e) => f.set({ note: e.target.value })}
          onBlur={() => f.validate()}
          aria-invalid={f.invalid("note")}
        />
        {f.fieldError("note")}
      </label>
      {f.submitRow("Save", "Saving…")}
    </form>
  );
}

/** "Turn into test case": a case expecting the upheld owner, so the fixing version must pass it. */
export function DisputeTestCaseForm({
  disputeId,
  suggestedKey,
  claimedOwner,
  members,
}: {
  disputeId: string;
  suggestedKey: string;
  claimedOwner: string | null;
  members: MemberOption[];
}) {
  const f = useSchemaForm(disputeToTestCaseSchema, { disputeId, key: suggestedKey, owner: claimedOwner ?? "" });
  const [created, setCreated] = useState<string | null>(null);
  const router = useRouter();
  if (created)
    return (
      <p role="status" data-testid="dispute-test-case" className="text-sm text-emerald-700">
        Test case{" "}
        <Link className="font-mono underline" href="/test-suite?tag=dispute">
          {created}
        </Link>{" "}
        created: it fails until a version routes this record to the expected owner.
      </p>
    );
  return (
    <form
      aria-label="Turn into test case"
      className="grid gap-3 md:grid-cols-[1fr_1fr_auto] md:items-start"
      onSubmit={f.onSubmit(disputeToTestCaseAction, (d) => {
        setCreated(d.key);
        router.refresh();
      })}
    >
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
        Expected owner
        <MemberSelect
          label="Expected owner"
          value={String(f.values.owner)}
          onChange={(v) => f.set({ owner: v })}
          onBlur={() => f.validate()}
          members={members}
          invalid={f.invalid("owner")}
          placeholder="Choose…"
        />
        {f.fieldError("owner")}
      </label>
      <button type="submit" className={`${secondaryButton} md:mt-5`} disabled={f.pending}>
        {f.pending ? "Creating…" : "Turn into test case"}
      </button>
      <div className="md:col-span-3">{f.alert}</div>
    </form>
  );
}
