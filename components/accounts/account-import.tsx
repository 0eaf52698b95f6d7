"use client";

import { useState, useTransition } from "react";
import { importAccountsAction } from "@/app/(console)/accounts/import/actions";
import { inputClass, primaryButton, secondaryButton } from "@/components/ui/use-schema-form";
import type { ImportReport } from "@/lib/server/accounts/upsert-accounts";

/** Check first (a report per row), then import: all rows or none. */
export function AccountImport({ template }: { template: string }) {
  const [csv, setCsv] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const run = (dryRun: boolean) =>
    start(async () => {
      setError(null);
      const r = await importAccountsAction({ csv, dryRun });
      if (!r.ok) return setError(r.error.fieldErrors?.csv?.[0] ?? r.error.message);
      setReport(r.data);
      setChecked(dryRun && r.data.problems.length === 0);
    });
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <label className={secondaryButton + " cursor-pointer"}>
          Choose CSV file…
          <input
            type="file"
            accept=".csv,text/csv"
            className="sr-only"
            aria-label="CSV file"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              setFileName(file.name);
              setCsv(await file.text());
              setReport(null);
              setChecked(false);
            }}
          />
        </label>
        <span className="text-sm text-slate-600">{fileName ?? "or paste below"}</span>
        <a
          className="text-sm text-brand-700 hover:underline"
          href={`data:text/csv;charset=utf-8,${encodeURIComponent(template)}`}
          download="switchyard-accounts-template.csv"
        >
          Download a template
        </a>
      </div>
      <textarea
        aria-label="CSV contents"
        rows={8}
        className={`${inputClass} font-mono text-xs`}
        value={csv}
        placeholder={template}
        onChange={(e) => {
          setCsv(e.target.value);
          setReport(null);
          setChecked(false);
        }}
      />
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" className={secondaryButton} disabled={pending || !csv.trim()} onClick={() => run(true)}>
          {pending && !checked ? "Checking…" : "Check"}
        </button>
        <button
          type="button"
          className={primaryButton}
          disabled={pending || !checked}
          onClick={() => run(false)}
          title={checked ? undefined : "Check the file first"}
        >
          {pending && checked ? "Importing…" : "Import"}
        </button>
        {error ? (
          <p role="alert" className="text-sm text-rose-600">
            {error}
          </p>
        ) : null}
      </div>
      {report ? (
        <div data-testid="import-report" className="rounded-lg border border-slate-200">
          <p role="status" className={`px-4 py-3 text-sm font-medium ${report.problems.length ? "text-rose-700" : "text-emerald-700"}`}>
            {report.imported
              ? `Imported ${report.rows} rows: ${report.created} created, ${report.updated} updated.`
              : report.problems.length
                ? `${report.problems.length} problem${report.problems.length === 1 ? "" : "s"} in ${report.rows} rows — nothing was imported. Fix them and check again.`
                : `All ${report.rows} rows are valid: ${report.created} will be created, ${report.updated} updated. Import when ready.`}
          </p>
          {report.problems.length ? (
            <table className="w-full text-sm">
              <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="px-4 py-2 font-medium">Line</th>
                  <th className="px-4 py-2 font-medium">Account</th>
                  <th className="px-4 py-2 font-medium">Field</th>
                  <th className="px-4 py-2 font-medium">Problem</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {report.problems.slice(0, 500).map((p, i) => (
                  <tr key={i}>
                    <td className="px-4 py-1.5">{p.row}</td>
                    <td className="px-4 py-1.5 font-mono text-xs">{p.externalId ?? "—"}</td>
                    <td className="px-4 py-1.5 font-mono text-xs">{p.field}</td>
                    <td className="px-4 py-1.5">{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
