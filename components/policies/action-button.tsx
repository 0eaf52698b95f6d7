"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type ReactNode } from "react";
import type { ActionResult } from "@/lib/server/auth/with-permission";

/** Runs a server action, shows its error inline, and opens the version it returns (if any). */
export function ActionButton<T>({
  action,
  input,
  children,
  variant = "primary",
}: {
  action: (input: unknown) => Promise<ActionResult<T>>;
  input: unknown;
  children: ReactNode;
  variant?: "primary" | "secondary";
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const cls =
    variant === "primary"
      ? "rounded-lg bg-brand-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
      : "rounded-lg border border-slate-300 bg-white px-3.5 py-2 text-sm font-semibold text-slate-700 shadow-sm hover:bg-slate-50 disabled:opacity-60";
  return (
    <div className="inline-flex flex-col items-end gap-1">
      <button
        type="button"
        disabled={pending}
        className={cls}
        onClick={() =>
          start(async () => {
            setError(null);
            const result = await action(input);
            if (!result.ok) return setError(result.error.message);
            const versionId = (result.data as { versionId?: unknown } | null)?.versionId;
            if (typeof versionId === "string") router.push(`/policies/versions/${versionId}`);
            else router.refresh();
          })
        }
      >
        {pending ? "Working…" : children}
      </button>
      {error ? (
        <p role="alert" className="max-w-sm text-right text-sm text-rose-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
