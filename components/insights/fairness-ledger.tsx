"use client";

import { useState } from "react";
import type { FairnessRow } from "@/lib/server/insights/insights";
import { ChartCard } from "./charts";

/** Assignments per member against their weight's share of the team, skew highlighted: "is this fair?". */
export function FairnessLedger({ rows, csvName }: { rows: FairnessRow[]; csvName: string }) {
  const teams = [...new Set(rows.map((r) => r.team))];
  const [team, setTeam] = useState(teams[0] ?? "");
  const shown = rows.filter((r) => r.team === team);
  const max = Math.max(1, ...shown.map((r) => Math.max(r.share, r.fairShare)));
  return (
    <ChartCard
      title="Fairness ledger"
      description="Each member's share of the team's assignments in this period against their fair share by weight; skew ≥ 1.5 or ≤ 0.5 is highlighted. Current load against capacity on the right."
      csvName={csvName}
      rows={rows as unknown as Array<Record<string, unknown>>}
      testId="fairness-ledger"
    >
      <div className="mb-3 flex flex-wrap gap-1 px-2">
        {teams.map((t) => (
          <button
            key={t}
            type="button"
            onClick={() => setTeam(t)}
            aria-pressed={t === team}
            className={`rounded-md px-2 py-1 text-xs ${t === team ? "bg-slate-900 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}
          >
            {t}
          </button>
        ))}
      </div>
      <table className="w-full text-sm">
        <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-2 py-1 font-medium">Member</th>
            <th className="px-2 py-1 font-medium">Assigned</th>
            <th className="w-1/3 px-2 py-1 font-medium">Share vs fair share</th>
            <th className="px-2 py-1 font-medium">Skew</th>
            <th className="px-2 py-1 font-medium">Load / capacity</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {shown.map((r) => {
            const skewed = r.skew >= 1.5 || r.skew <= 0.5;
            return (
              <tr
                key={r.member}
                className={skewed ? "bg-amber-50" : ""}
                title={`${r.name}: ${r.assigned} assigned, ${r.share} % of the team (fair share ${r.fairShare} % at weight ${r.weight})`}
              >
                <td className="px-2 py-1.5">{r.name}</td>
                <td className="px-2 py-1.5 tabular-nums">{r.assigned}</td>
                <td className="px-2 py-1.5">
                  <div className="relative h-3 rounded bg-slate-100">
                    <div className="absolute inset-y-0 left-0 rounded bg-indigo-500" style={{ width: `${(r.share / max) * 100}%` }} />
                    <div className="absolute inset-y-[-3px] w-0.5 bg-slate-900" style={{ left: `${(r.fairShare / max) * 100}%` }} />
                  </div>
                  <div className="text-xs text-slate-500">
                    {r.share} % · fair {r.fairShare} % (weight {r.weight})
                  </div>
                </td>
                <td className={`px-2 py-1.5 tabular-nums ${skewed ? "font-semibold text-amber-800" : ""}`}>{r.skew.toFixed(2)}×</td>
                <td className={`px-2 py-1.5 tabular-nums ${r.load >= r.capacity ? "text-rose-700" : ""}`}>
                  {r.load} / {r.capacity}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ChartCard>
  );
}
