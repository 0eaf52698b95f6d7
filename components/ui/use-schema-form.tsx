"use client";

import { useState, useTransition, type FormEvent } from "react";
import type { z } from "zod";
import type { ActionResult } from "@/lib/server/auth/with-permission";
import { addFieldError } from "@/lib/errors";

export const inputClass =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100 aria-invalid:border-rose-400";
export const primaryButton =
  "rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60";
export const secondaryButton =
  "rounded-lg border border-slate-300 bg-white px-3.5 py-2 text-sm font-semibold text-slate-700 shadow-sm hover:bg-slate-50 disabled:opacity-60";

/**
 * A form validated by the same zod schema its server action uses: errors show on blur and on
 * submit, next to each field; the server's answer (field errors, message) lands in the same
 * places. Once an error shows, typing re-checks at once, so a fixed field's message is gone
 * before the next click (a message vanishing on blur would move the button under the pointer).
 */
export function useSchemaForm<S extends z.ZodType, V extends Record<string, unknown>>(schema: S, initial: V) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const validate = (v: V = values): boolean => {
    const r = schema.safeParse(v);
    const e: Record<string, string[]> = {};
    if (!r.success) for (const i of r.error.issues) addFieldError(e, i.path.join("."), i.message);
    setErrors(e);
    return r.success;
  };
  const set = (patch: Partial<V>) => {
    const next = { ...values, ...patch };
    setValues(next);
    if (Object.keys(errors).length > 0) validate(next);
  };
  const onSubmit =
    <R,>(action: (input: unknown) => Promise<ActionResult<R>>, onOk: (data: R) => void) =>
    (e: FormEvent) => {
      e.preventDefault();
      setMessage(null);
      if (!validate()) return;
      start(async () => {
        const r = await action(values);
        if (!r.ok) {
          setErrors(r.error.fieldErrors ?? {});
          // Something on our side: the reference support finds in the server log.
          setMessage(
            r.error.code === "INTERNAL" && r.error.requestId ? `${r.error.message} (reference ${r.error.requestId})` : r.error.message,
          );
          return;
        }
        onOk(r.data);
      });
    };
  const fieldError = (k: string) => <p className="mt-1 min-h-5 text-sm font-normal text-rose-600">{errors[k]?.[0] ?? ""}</p>;
  const invalid = (k: string) => Boolean(errors[k]);
  const alert = message ? (
    <p role="alert" className="text-sm text-rose-600">
      {message}
    </p>
  ) : null;
  /** The submit button (its label while the action runs), then the form's message. */
  const submitRow = (label: string, busyLabel: string, className = "flex flex-wrap items-center gap-3") => (
    <div className={className}>
      <button type="submit" className={primaryButton} disabled={pending}>
        {pending ? busyLabel : label}
      </button>
      {alert}
    </div>
  );
  return { values, set, validate, errors, pending, onSubmit, fieldError, invalid, alert, setValues, submitRow };
}
