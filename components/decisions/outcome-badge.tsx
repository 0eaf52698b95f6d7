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

/**
 * SLA status. `target` (assigned work, whose first touch happens in the CRM): the respond-by
 * time, highlighted only while it is close; otherwise waiting work: due, breached, met or missed.
 */
export function SlaBadge({
  due,
  resolvedAt,
  now,
  target = false,
}: {
  due: Date | null;
  resolvedAt: Date | null;
  now: Date;
  target?: boolean;
}) {
  if (!due) return <span className="text-slate-400">—</span>;
  if (target) {
    const left = due.getTime() - now.getTime();
    const at = due.toLocaleString("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
    return (
      <Badge tone={left > 0 && left < 3_600_000 ? "amber" : "gray"}>
        {left > 0 ? `respond in ${age(now, due)}` : `respond by ${at} UTC`}
      </Badge>
    );
  }
  if (resolvedAt) return <Badge tone={resolvedAt <= due ? "green" : "red"}>{resolvedAt <= due ? "met" : "missed"}</Badge>;
  const left = due.getTime() - now.getTime();
  if (left < 0) return <Badge tone="red">breached {age(due, now)} ago</Badge>;
  return <Badge tone={left < 3_600_000 ? "amber" : "gray"}>due in {age(now, due)}</Badge>;
}
