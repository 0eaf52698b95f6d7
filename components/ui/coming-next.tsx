import type { ReactNode } from "react";
import { Card } from "./card";

/** An honest empty state for a page whose feature has not shipped yet: what it will do, no fake data. */
export function ComingNext({ title, points, children }: { title: string; points: string[]; children?: ReactNode }) {
  return (
    <Card className="p-8">
      <div className="mx-auto max-w-2xl text-center">
        <div className="mx-auto mb-4 flex h-12 w-12 items-center justify-center rounded-full bg-brand-50 text-brand-600">
          <svg viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
            <path d="M4 7h10M4 12h16M4 17h7" strokeLinecap="round" />
          </svg>
        </div>
        <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
        <p className="mt-1 text-sm text-slate-500">Not switched on yet in this installation. When it is, this page will:</p>
        <ul className="mt-4 space-y-2 text-left text-sm text-slate-700">
          {points.map((p) => (
            <li key={p} className="flex gap-2">
              <span className="mt-1.5 h-1.5 w-1.5 shrink-0 rounded-full bg-brand-500" />
              <span>{p}</span>
            </li>
          ))}
        </ul>
        {children}
      </div>
    </Card>
  );
}
