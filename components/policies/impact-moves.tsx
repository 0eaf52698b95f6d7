import Link from "next/link";
import type { ReactNode } from "react";
import { exceptionWords } from "@/lib/engine/exception-words";
import type { MoveView, OutcomeView } from "@/lib/server/impact/impact-names";

const plain = (s: string) => s.replace(/_/g, " ");
const link = (href: string, text: string) => (
  <Link className="font-medium text-brand-700 hover:underline" href={href}>
    {text}
  </Link>
);

/** Where the records land, in words, with links to what the log shows of it. */
function where(o: OutcomeView): ReactNode {
  switch (o.kind) {
    case "assigned":
      return o.member ? (
        link(`/decisions?owner=${encodeURIComponent(o.member.key)}`, o.member.name)
      ) : o.queue ? (
        <>the {link(`/decisions?queue=${encodeURIComponent(o.queue.key)}`, o.queue.name)} queue</>
      ) : (
        "someone"
      );
    case "queued":
      return <>waiting in the {o.queue ? link(`/decisions?queue=${encodeURIComponent(o.queue.key)}`, o.queue.name) : "review"} queue</>;
    case "suppressed":
      return <>nobody (held back by “{o.suppression ? plain(o.suppression.name) : "a suppression"}”)</>;
    case "exception":
      return (
        <>
          {link(`/exceptions${o.reasonCode ? `?reason=${o.reasonCode}` : ""}`, "Exceptions")} (
          {exceptionWords(o.reasonCode)?.noun ?? "routing could not place them"})
        </>
      );
  }
}

/** Which rule says so: “its name”, the fallback, or nothing for suppressions and input checks. */
function by(o: OutcomeView): ReactNode {
  if (o.rule) return <> under {link(`/decisions?rule=${encodeURIComponent(o.rule.key)}`, `“${o.rule.name}”`)}</>;
  if (o.fallback) return " (no rule matched)";
  return null;
}

/**
 * The moves of an impact preview as sentences: how many records, from whom to whom, under which
 * rule; direct moves first, then the knock-on they cause (same rule, acting the same, but the members'
 * room changed with the direct moves).
 */
export function ImpactMoves({
  moves,
  noun,
  otherMoves,
  sampleHref,
}: {
  moves: MoveView[];
  noun: string;
  otherMoves: number;
  sampleHref: (id: string) => string;
}) {
  if (!moves.length) return null;
  const direct = moves.filter((m) => m.kind === "direct");
  const knockOn = moves.filter((m) => m.kind === "knock_on");
  const line = (m: MoveView, i: number) => (
    <li key={i}>
      <span className="font-semibold tabular-nums">{m.count.toLocaleString("en-US")}</span> {m.count === 1 ? noun.replace(/s$/, "") : noun}{" "}
      {m.kind === "knock_on" ? (
        <>
          still decided{by(m.after)} go from {where(m.before)} to {where(m.after)} instead, because the moves above changed who had room.
        </>
      ) : (
        <>
          move from {where(m.before)}
          {by(m.before)} to {where(m.after)}
          {by(m.after)}.
        </>
      )}{" "}
      <span className="text-xs text-slate-500">
        e.g.{" "}
        {m.samples.map((s, j) => (
          <span key={s.id}>
            {j ? ", " : ""}
            <Link className="hover:underline" href={sampleHref(s.id)}>
              {s.name}
            </Link>
          </span>
        ))}
      </span>
    </li>
  );
  return (
    <div className="space-y-3" data-testid="impact-moves">
      {direct.length ? (
        <div>
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Moved by this change</h4>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-slate-800">{direct.map(line)}</ul>
        </div>
      ) : null}
      {knockOn.length ? (
        <div>
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">
            Knock-on: same rule, but the moves above changed who had room
          </h4>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-slate-800">{knockOn.map(line)}</ul>
        </div>
      ) : null}
      {otherMoves ? <p className="text-xs text-slate-500">…and {otherMoves.toLocaleString("en-US")} more in smaller groups.</p> : null}
    </div>
  );
}
