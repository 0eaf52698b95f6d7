import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONE: Record<string, BadgeTone> = { assigned: "green", queued: "blue", suppressed: "gray", exception: "amber" };

export function OutcomeBadge({ kind, reason }: { kind: string; reason?: string | null }) {
  return (
    <Badge tone={TONE[kind] ?? "gray"} title={reason ?? undefined}>
      {kind}
      {reason ? ` · ${reason}` : ""}
    </Badge>
  );
}

/** Age in words ("3 h", "2 d") from a date to now. */
export function age(from: Date, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - from.getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / 1440)} d`;
}

export function SlaBadge({ due, resolvedAt, now }: { due: Date | null; resolvedAt: Date | null; now: Date }) {
  if (!due) return <span className="text-slate-400">—</span>;
  if (resolvedAt) return <Badge tone={resolvedAt <= due ? "green" : "red"}>{resolvedAt <= due ? "met" : "missed"}</Badge>;
  const left = due.getTime() - now.getTime();
  if (left < 0) return <Badge tone="red">breached {age(due, now)} ago</Badge>;
  return <Badge tone={left < 3_600_000 ? "amber" : "gray"}>due in {age(now, due)}</Badge>;
}
