"use client";

import type { ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { DECISION_KINDS } from "@/lib/engine/types";
import type { DayRow } from "@/lib/server/insights/insights";

const COLORS = {
  assigned: "#10b981",
  queued: "#3b82f6",
  suppressed: "#94a3b8",
  exception: "#f59e0b",
  exceptionRate: "#f59e0b",
  overrideRate: "#8b5cf6",
  bar: "#6366f1",
};

function toCsv(rows: Array<Record<string, unknown>>): string {
  if (!rows.length) return "";
  const cols = Object.keys(rows[0]!);
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? "" : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [cols.join(","), ...rows.map((r) => cols.map((c) => cell(r[c])).join(","))].join("\n");
}

/** A chart with its title, a line of context and a CSV export of exactly the numbers drawn. */
export function ChartCard({
  title,
  description,
  csvName,
  rows,
  children,
  testId,
}: {
  title: string;
  description?: string;
  csvName: string;
  rows: Array<Record<string, unknown>>;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <section className="rounded-xl border border-slate-200 bg-white shadow-sm" data-testid={testId} aria-label={title}>
      <div className="flex items-start justify-between gap-4 border-b border-slate-100 px-5 py-3">
        <div>
          <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
          {description ? <p className="mt-0.5 text-xs text-slate-500">{description}</p> : null}
        </div>
        <a
          className="whitespace-nowrap rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
          href={`data:text/csv;charset=utf-8,${encodeURIComponent(toCsv(rows))}`}
          download={`${csvName}.csv`}
        >
          CSV
        </a>
      </div>
      <div className="px-3 py-3">
        {rows.length ? children : <p className="px-2 py-10 text-center text-sm text-slate-500">Nothing in this period.</p>}
      </div>
    </section>
  );
}

const short = (d: string) => d.slice(5);

/** One marker per day: versions published the same day share it ("v3, v6"; "v1…v6" for more) instead of overprinting. */
function publishMarks(publishes: Array<{ day: string; version: number }>): Array<{ day: string; label: string }> {
  const byDay = new Map<string, number[]>();
  for (const p of publishes) byDay.set(p.day, [...(byDay.get(p.day) ?? []), p.version]);
  return [...byDay].map(([day, vs]) => {
    const versions = [...vs].sort((a, b) => a - b);
    return {
      day,
      label: versions.length > 2 ? `v${versions[0]}…v${versions[versions.length - 1]}` : versions.map((v) => `v${v}`).join(", "),
    };
  });
}

export function OutcomesChart({ days, publishes }: { days: DayRow[]; publishes: Array<{ day: string; version: number }> }) {
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={days} margin={{ top: 16, right: 24, left: -16, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="day" tickFormatter={short} fontSize={11} />
        <YAxis fontSize={11} allowDecimals={false} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {DECISION_KINDS.map((k) => (
          <Bar key={k} dataKey={k} stackId="a" fill={COLORS[k]} isAnimationActive={false} />
        ))}
        {publishMarks(publishes).map((p) => (
          <ReferenceLine
            key={p.day}
            x={p.day}
            stroke="#0f172a"
            strokeDasharray="4 2"
            label={{ value: p.label, position: "top", fontSize: 11 }}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

export function RatesChart({ days, publishes }: { days: DayRow[]; publishes: Array<{ day: string; version: number }> }) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <LineChart data={days} margin={{ top: 16, right: 24, left: -16, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="day" tickFormatter={short} fontSize={11} />
        <YAxis fontSize={11} unit="%" />
        <Tooltip formatter={(v) => `${String(v)} %`} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Line
          dataKey="exceptionRate"
          name="exception rate"
          stroke={COLORS.exceptionRate}
          dot={false}
          strokeWidth={2}
          isAnimationActive={false}
        />
        <Line
          dataKey="overrideRate"
          name="override rate"
          stroke={COLORS.overrideRate}
          dot={false}
          strokeWidth={2}
          isAnimationActive={false}
        />
        {publishMarks(publishes).map((p) => (
          <ReferenceLine
            key={p.day}
            x={p.day}
            stroke="#0f172a"
            strokeDasharray="4 2"
            label={{ value: p.label, position: "top", fontSize: 11 }}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

/** Horizontal bars for a ranked list (reasons, fields, rules). */
export function RankedBars({
  data,
  label,
  value,
  name,
  color = COLORS.bar,
}: {
  data: Array<Record<string, string | number | null>>;
  label: string;
  value: string;
  name: string;
  color?: string;
}) {
  return (
    <ResponsiveContainer width="100%" height={Math.max(120, data.length * 26 + 30)}>
      <BarChart data={data} layout="vertical" margin={{ top: 0, right: 16, left: 8, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e2e8f0" />
        <XAxis type="number" fontSize={11} allowDecimals={false} />
        <YAxis type="category" dataKey={label} width={190} fontSize={11} />
        <Tooltip />
        <Bar dataKey={value} name={name} fill={color} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
