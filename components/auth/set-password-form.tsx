"use client";

import Link from "next/link";
import { useState } from "react";
import { setPasswordAction } from "@/app/set-password/actions";
import { inputClass, useSchemaForm } from "@/components/ui/use-schema-form";
import { MIN_PASSWORD_LENGTH, setPasswordInput } from "@/lib/schemas/users";

export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const f = useSchemaForm(setPasswordInput, { token, password: "", confirm: "" });
  const [done, setDone] = useState(false);
  if (done) {
    return (
      <div role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900">
        Your password is set.{" "}
        <Link href="/signin" className="font-semibold underline">
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <form aria-label="Set your password" className="space-y-1" onSubmit={f.onSubmit(setPasswordAction, () => setDone(true))}>
      <input type="hidden" name="username" value={email} autoComplete="username" readOnly />
      <label className="block text-sm font-medium text-slate-700">
        New password
        <input
          aria-label="New password"
          type="password"
          autoComplete="new-password"
          className={inputClass}
          value={f.values.password}
          onChange={(e) => f.set({ password: e.target.value })}
          onBlur={() => f.validate()}
          aria-invalid={f.invalid("password")}
          aria-describedby="password-hint"
        />
        <span id="password-hint" className="mt-1 block text-xs text-slate-500">
          At least {MIN_PASSWORD_LENGTH} characters; a short sentence works well.
        </span>
        {f.fieldError("password")}
      </label>
      <label className="block text-sm font-medium text-slate-700">
        The same again
        <input
          aria-label="Confirm password"
          type="password"
          autoComplete="new-password"
          className={inputClass}
          value={f.values.confirm}
          onChange={(e) => f.set({ confirm: e.target.value })}
          onBlur={() => f.validate()}
          aria-invalid={f.invalid("confirm")}
        />
        {f.fieldError("confirm")}
      </label>
      {f.submitRow("Set password", "Saving…")}
    </form>
  );
}
