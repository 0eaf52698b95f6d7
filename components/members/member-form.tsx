"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { updateMemberAction } from "@/app/(console)/members/actions";
import { memberUpdateInput } from "@/lib/schemas/members";
import { addFieldError } from "@/lib/errors";

const input =
  "block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100 aria-invalid:border-rose-400";

export interface MemberFormValues {
  id: string;
  name: string;
  capacity: string;
  active: boolean;
  outOfOfficeFrom: string;
  outOfOfficeUntil: string;
}

/** Capacity, active and out of office — what routing reads about this person (weights are set per queue in the policy). */
export function MemberForm({ initial }: { initial: MemberFormValues }) {
  const router = useRouter();
  const [v, setV] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const validate = (next: MemberFormValues) => {
    const r = memberUpdateInput.safeParse(next);
    const e: Record<string, string[]> = {};
    if (!r.success) for (const i of r.error.issues) addFieldError(e, i.path.join("."), i.message);
    setErrors(e);
    return r.success;
  };
  const set = (patch: Partial<MemberFormValues>) => setV((x) => ({ ...x, ...patch }));
  // The message line keeps its height so fixing a field does not move the Save button.
  const err = (k: string) => <p className="mt-1 min-h-5 text-sm font-normal text-rose-600">{errors[k]?.[0] ?? ""}</p>;

  return (
    <form
      aria-label={`Edit ${initial.name}`}
      className="grid grid-cols-1 gap-4 md:grid-cols-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (!validate(v)) return;
        start(async () => {
          const r = await updateMemberAction(v);
          if (!r.ok) {
            setErrors(r.error.fieldErrors ?? {});
            setMessage(r.error.message);
            return;
          }
          router.push("/members");
          router.refresh();
        });
      }}
    >
      <label className="text-sm font-medium text-slate-700">
        Capacity (open assignments)
        <input
          aria-label="Capacity"
          className={input}
          inputMode="numeric"
          value={v.capacity}
          onChange={(e) => set({ capacity: e.target.value })}
          onBlur={() => validate(v)}
          aria-invalid={Boolean(errors.capacity)}
        />
        {err("capacity")}
      </label>
      <label className="text-sm font-medium text-slate-700">
        Out of office from
        <input
          aria-label="Out of office from"
          type="date"
          className={input}
          value={v.outOfOfficeFrom}
          onChange={(e) => set({ outOfOfficeFrom: e.target.value })}
          onBlur={() => validate(v)}
          aria-invalid={Boolean(errors.outOfOfficeFrom)}
        />
        {err("outOfOfficeFrom")}
      </label>
      <label className="text-sm font-medium text-slate-700">
        Back on
        <input
          aria-label="Back on"
          type="date"
          className={input}
          value={v.outOfOfficeUntil}
          onChange={(e) => set({ outOfOfficeUntil: e.target.value })}
          onBlur={() => validate(v)}
          aria-invalid={Boolean(errors.outOfOfficeUntil)}
        />
        {err("outOfOfficeUntil")}
      </label>
      <label className="flex items-center gap-2 self-center text-sm font-medium text-slate-700">
        <input type="checkbox" checked={v.active} onChange={(e) => set({ active: e.target.checked })} /> Active (can receive work)
      </label>
      {message ? (
        <p role="alert" className="text-sm text-rose-600 md:col-span-4">
          {message}
        </p>
      ) : null}
      <div className="flex items-center gap-3 md:col-span-4">
        <button
          type="submit"
          disabled={pending}
          className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {pending ? "Saving…" : `Save ${initial.name}`}
        </button>
        <Link href="/members" className="text-sm text-slate-600 hover:underline">
          Cancel
        </Link>
      </div>
    </form>
  );
}
