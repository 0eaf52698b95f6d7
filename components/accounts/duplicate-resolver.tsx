"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { mergeAccountsAction } from "@/app/(console)/accounts/actions";
import { mergeAccountsSchema } from "@/lib/schemas/accounts";

export interface DuplicateCandidate {
  externalId: string;
  name: string;
  domain: string | null;
  customerStatus: string;
  segment: string | null;
  region: string | null;
  owner: string | null;
  children: number;
  decisions: number;
  mergedInto: { externalId: string; name: string } | null;
}

/**
 * A DUPLICATE exception, resolved in place: choose the account to keep (the primary), merge the
 * others into it, and the open duplicate exceptions on them are routed again at once.
 */
export function DuplicateResolver({ decisionId, candidates }: { decisionId: string; candidates: DuplicateCandidate[] }) {
  const open = candidates.filter((c) => !c.mergedInto);
  // The customer (or the one with most history) is the likely primary.
  const suggested = [...open].sort(
    (a, b) => Number(b.customerStatus === "customer") - Number(a.customerStatus === "customer") || b.decisions - a.decisions,
  )[0];
  const [primary, setPrimary] = useState(suggested?.externalId ?? "");
  const [merge, setMerge] = useState<Set<string>>(new Set(open.map((c) => c.externalId)));
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ text: string; next: string | null } | null>(null);
  const duplicates = [...merge].filter((m) => m !== primary);
  return (
    <form
      className="space-y-3 text-sm"
      aria-label="Resolve the duplicate"
      onSubmit={(e) => {
        e.preventDefault();
        const check = mergeAccountsSchema.safeParse({ primary, duplicates });
        if (!check.success) return setError(check.error.issues[0]?.message ?? "Choose the primary and the duplicates.");
        start(async () => {
          setError(null);
          const r = await mergeAccountsAction(check.data);
          if (!r.ok) return setError(r.error.message);
          const name = (id: string) => candidates.find((c) => c.externalId === id)?.name ?? id;
          // Stay here (this exception is closed now): say what happened and link to the decision that took over.
          setDone({
            text: `${r.data.merged.map(name).join(", ")} merged into ${name(r.data.primary)}. ${r.data.rerouted.length ? `${r.data.rerouted.length} waiting record${r.data.rerouted.length === 1 ? "" : "s"} routed again.` : ""}`,
            next: r.data.rerouted.find((x) => x.from === decisionId)?.to ?? null,
          });
        });
      }}
    >
      <table className="w-full text-left">
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="py-1 pr-2 font-medium">Keep</th>
            <th className="py-1 pr-2 font-medium">Merge</th>
            <th className="py-1 pr-2 font-medium">Account</th>
            <th className="py-1 font-medium">History</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100" data-testid="duplicate-candidates">
          {candidates.map((c) => (
            <tr key={c.externalId} className="align-top">
              <td className="py-2 pr-2">
                <input
                  type="radio"
                  name="primary"
                  aria-label={`Keep ${c.name} (${c.externalId}) as the primary`}
                  checked={primary === c.externalId}
                  disabled={Boolean(c.mergedInto)}
                  onChange={() => setPrimary(c.externalId)}
                />
              </td>
              <td className="py-2 pr-2">
                <input
                  type="checkbox"
                  aria-label={`Merge ${c.name} (${c.externalId})`}
                  checked={c.externalId !== primary && merge.has(c.externalId)}
                  disabled={c.externalId === primary || Boolean(c.mergedInto)}
                  onChange={(e) =>
                    setMerge((m) => {
                      const next = new Set(m);
                      if (e.target.checked) next.add(c.externalId);
                      else next.delete(c.externalId);
                      return next;
                    })
                  }
                />
              </td>
              <td className="py-2 pr-2">
                <Link className="font-medium text-brand-700 hover:underline" href={`/accounts/${encodeURIComponent(c.externalId)}`}>
                  {c.name}
                </Link>
                <div className="text-xs text-slate-500">
                  {c.externalId}
                  {c.domain ? ` · ${c.domain}` : ""} · {c.customerStatus.replace(/_/g, " ")}
                  {c.segment ? ` · ${c.segment.replace(/_/g, " ")}` : ""}
                  {c.region ? ` · ${c.region}` : ""} · owner {c.owner ?? "none"}
                </div>
                {c.mergedInto ? <div className="text-xs text-amber-700">Already merged into {c.mergedInto.name}</div> : null}
              </td>
              <td className="py-2 text-xs text-slate-600">
                {c.decisions} decision{c.decisions === 1 ? "" : "s"}
                {c.children ? ` · ${c.children} child account${c.children === 1 ? "" : "s"}` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-slate-500">
        The merged accounts stay (with their history) but route as the primary: its owner, segment and territory. Empty fields of the
        primary are filled from them; their child accounts move under it. Undo from an account&apos;s page.
      </p>
      <button
        type="submit"
        disabled={pending || Boolean(done) || !primary || duplicates.length === 0}
        className="rounded-lg bg-brand-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? "Merging…" : `Merge ${duplicates.length} into the primary and route again`}
      </button>
      {error ? (
        <p role="alert" className="text-rose-600">
          {error}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="text-emerald-700" data-testid="merge-result">
          {done.text}{" "}
          {done.next ? (
            <Link className="font-medium underline" href={`/decisions/${done.next}`}>
              Open its new decision →
            </Link>
          ) : null}
        </p>
      ) : null}
    </form>
  );
}
