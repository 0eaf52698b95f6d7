import { Badge, type BadgeTone } from "@/components/ui/badge";

const STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  DRAFT: { label: "Draft", tone: "gray" },
  SUBMITTED: { label: "In review", tone: "blue" },
  CHANGES_REQUESTED: { label: "Changes requested", tone: "amber" },
  APPROVED: { label: "Approved", tone: "violet" },
  PUBLISHED: { label: "Live", tone: "green" },
  SUPERSEDED: { label: "Superseded", tone: "gray" },
};

export function VersionStatusBadge({ status }: { status: string }) {
  const s = STATUS[status] ?? { label: status, tone: "gray" as const };
  return <Badge tone={s.tone}>{s.label}</Badge>;
}
