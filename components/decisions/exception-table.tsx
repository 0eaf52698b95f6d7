"use client";

import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { secondaryButton } from "@/components/ui/use-schema-form";
import type { ExceptionRow } from "@/lib/server/decisions/exceptions";
import { OverrideForm, RerouteForm, type MemberOption, type QueueOption } from "./decision-forms";
import { age, SlaBadge } from "./outcome-badge";

/** Open exceptions with checkboxes: re-route or reassign one or many at once. */
export function ExceptionTable({
  rows,
  now: nowIso,
  members,
  queues,
  manage,
}: {
  rows: ExceptionRow[];
  now: string;
  members: MemberOption[];
  queues: QueueOption[];
  manage: boolean;
}) {
  const now = new Date(nowIso);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [mode, setMode] = useState<"reroute" | "assign" | null>(null);
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const ids = [...selected];
  const [notice, setNotice] = useState<string | null>(null);
  const reset = (summary?: string) => {
    setSelected(new Set());
    setMode(null);
    setNotice(summary ?? null);
  };
  return (
    <>
      {manage ? (
        <div className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-4 py-2 text-sm">
          <span className="text-slate-600" data-testid="selected-count">
            {ids.length} selected
          </span>
          <button
            type="button"
            className={secondaryButton}
            disabled={!ids.length}
            onClick={() => setMode(mode === "reroute" ? null : "reroute")}
          >
            Re-route with live version
          </button>
          <button
            type="button"
            className={secondaryButton}
            disabled={!ids.length}
            onClick={() => setMode(mode === "assign" ? null : "assign")}
          >
            Assign by hand
          </button>
        </div>
      ) : null}
      {notice ? (
        <p
          role="status"
          className="border-b border-emerald-100 bg-emerald-50 px-4 py-2 text-sm text-emerald-800"
          data-testid="triage-result"
        >
          {notice}
        </p>
      ) : null}
      {mode && ids.length ? (
        <div className="border-b border-slate-100 bg-slate-50 px-4 py-4">
          {mode === "reroute" ? (
            <RerouteForm key={ids.join()} decisionIds={ids} missing={[]} onDone={() => reset()} />
          ) : (
            <OverrideForm key={ids.join()} decisionIds={ids} members={members} queues={queues} onDone={reset} wide />
          )}
        </div>
      ) : null}
      <table className="w-full text-sm">
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="w-10 px-4 py-2">
              {manage ? (
                <input
                  type="checkbox"
                  aria-label="Select all"
                  checked={rows.length > 0 && selected.size === rows.length}
                  onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
                />
              ) : null}
            </th>
            <th className="px-4 py-2 font-medium">Record</th>
            <th className="px-4 py-2 font-medium">Reason</th>
            <th className="px-4 py-2 font-medium">What is wrong</th>
            <th className="px-4 py-2 font-medium">Age</th>
            <th className="px-4 py-2 font-medium">SLA</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100" data-testid="exception-rows">
          {rows.length === 0 ? (
            <tr>
              <td colSpan={6} className="px-4 py-12 text-center text-slate-500">
                Nothing waiting here.
              </td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr key={r.id} className="align-top hover:bg-slate-50">
                <td className="px-4 py-2.5">
                  {manage ? (
                    <input type="checkbox" aria-label={`Select ${r.recordId}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} />
                  ) : null}
                </td>
                <td className="px-4 py-2.5">
                  <Link className="font-medium text-brand-700 hover:underline" href={`/decisions/${r.id}`}>
                    {r.recordId}
                  </Link>
                  <div className="text-xs text-slate-500">
                    {r.objectType.replace(/_/g, " ")}
                    {r.queue ? ` · ${r.queue}` : ""}
                  </div>
                </td>
                <td className="px-4 py-2.5">
                  <Badge tone="amber">{r.reason}</Badge>
                  {r.fields.length ? <div className="mt-1 font-mono text-xs text-slate-600">{r.fields.join(", ")}</div> : null}
                </td>
                <td className="max-w-lg px-4 py-2.5 text-slate-700">
                  {r.message}
                  {r.reason === "DUPLICATE" && manage ? (
                    <Link className="mt-1 block text-xs font-medium text-brand-700 hover:underline" href={`/decisions/${r.id}`}>
                      Choose the primary account →
                    </Link>
                  ) : null}
                </td>
                <td className="whitespace-nowrap px-4 py-2.5 text-slate-600">
                  <span
                    title={r.arrivedAt !== r.createdAt ? "Counted from when the record first arrived, before it was re-routed" : undefined}
                  >
                    {age(new Date(r.arrivedAt), now)}
                  </span>
                </td>
                <td className="px-4 py-2.5">
                  <SlaBadge due={r.slaDueAt ? new Date(r.slaDueAt) : null} resolvedAt={null} now={now} />
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </>
  );
}
