"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";

export type FilterField =
  | { kind: "search"; name: string; label: string; placeholder: string }
  | { kind: "select"; name: string; label: string; options: Array<{ value: string; label: string }> }
  | { kind: "date"; name: string; label: string };

/** Filters kept in the URL (shareable, back-button friendly); changing one goes back to page 1. */
export function FilterBar({ fields }: { fields: FilterField[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const searchField = fields.find((f) => f.kind === "search");
  const [text, setText] = useState(searchField ? (params.get(searchField.name) ?? "") : "");
  // The search text last written to the URL; typing schedules a write only when it differs.
  const applied = useRef(text);

  const apply = (name: string, value: string) => {
    // Read the URL now, not as it was when the debounce started: another filter may have changed it.
    const next = new URLSearchParams(window.location.search);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete("page");
    next.delete("after");
    const qs = next.toString();
    startTransition(() => router.replace(qs ? `${pathname}?${qs}` : pathname));
  };

  // Debounced search: type freely, the list follows 300 ms after the last key.
  useEffect(() => {
    if (!searchField || applied.current === text) return;
    const t = setTimeout(() => {
      applied.current = text;
      apply(searchField.name, text.trim());
    }, 300);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  const active = fields.some((f) => params.get(f.name));
  return (
    <div className="flex flex-wrap items-end gap-3 border-b border-slate-100 px-4 py-3" aria-busy={pending}>
      {fields.map((f) =>
        f.kind === "search" ? (
          <label key={f.name} className="flex min-w-56 flex-1 flex-col gap-1 text-xs font-medium text-slate-500">
            {f.label}
            <input
              type="search"
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={f.placeholder}
              className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-normal text-slate-900 shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
            />
          </label>
        ) : f.kind === "date" ? (
          <label key={f.name} className="flex flex-col gap-1 text-xs font-medium text-slate-500">
            {f.label}
            <input
              type="date"
              value={params.get(f.name) ?? ""}
              onChange={(e) => apply(f.name, e.target.value)}
              className="rounded-lg border border-slate-300 bg-white px-2 py-1 text-sm font-normal text-slate-900 shadow-sm outline-none focus:border-brand-500"
            />
          </label>
        ) : (
          <label key={f.name} className="flex flex-col gap-1 text-xs font-medium text-slate-500">
            {f.label}
            <select
              value={params.get(f.name) ?? ""}
              onChange={(e) => apply(f.name, e.target.value)}
              className="rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal text-slate-900 shadow-sm outline-none focus:border-brand-500"
            >
              <option value="">All</option>
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        ),
      )}
      {active ? (
        <button
          type="button"
          onClick={() => {
            applied.current = "";
            setText("");
            startTransition(() => router.replace(pathname));
          }}
          className="rounded-lg px-2 py-1.5 text-sm font-medium text-brand-600 hover:bg-brand-50"
        >
          Clear filters
        </button>
      ) : null}
      {pending ? <span className="pb-1.5 text-xs text-slate-400">Updating…</span> : null}
    </div>
  );
}
