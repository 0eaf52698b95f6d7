import type { Metadata } from "next";
import { KeysetPager } from "@/components/decisions/decision-table";
import { ExceptionTable } from "@/components/decisions/exception-table";
import { age } from "@/components/decisions/outcome-badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { hasPermission } from "@/lib/auth/permissions";
import { decisionListQuery } from "@/lib/schemas/decisions";
import { searchParamsToObject } from "@/lib/schemas/list-query";
import { requirePage } from "@/lib/server/auth/with-permission";
import { EXCEPTION_WORDS } from "@/lib/engine/exception-words";
import { exceptionRows, exceptionSummary } from "@/lib/server/decisions/exceptions";
import { memberOptions } from "@/lib/server/decisions/member-names";
import { viewerFor } from "@/lib/server/decisions/visibility";
import { liveQueueOptions } from "@/lib/server/routing/live-policy";

export const metadata: Metadata = { title: "Exceptions" };

const LABELS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(EXCEPTION_WORDS).map(([code, words]) => [code, words.label])),
  QUEUED: "Waiting in queues",
};

export default async function ExceptionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePage(["exceptions:manage", "decisions:read"]);
  const raw = searchParamsToObject(await searchParams);
  const reason = raw.reason ?? "";
  const query = decisionListQuery.parse({
    ...raw,
    open: "1",
    dir: raw.dir ?? "asc",
    kind: reason === "QUEUED" ? "queued" : "exception",
    reason: reason === "QUEUED" ? undefined : reason || undefined,
  });
  const now = new Date();
  const [summary, members, queues] = await Promise.all([exceptionSummary(now), memberOptions(), liveQueueOptions()]);
  const page = await exceptionRows(await viewerFor(user), query, summary.queueSla);
  const manage = hasPermission(user.role, "exceptions:manage");
  return (
    <>
      <PageHeader
        title="Exceptions"
        description="Records routing could not place, by reason, oldest first. Fix the data and re-route with the live version, or assign by hand (an override, logged with its reason)."
      />
      <div className="mb-6 grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-6">
        {summary.groups.length === 0 ? <Stat label="Open exceptions" value={0} /> : null}
        {summary.groups.map((g) => (
          <Stat
            key={g.reason}
            label={LABELS[g.reason] ?? g.reason}
            value={g.open}
            hint={`${g.breached ? `${g.breached} past SLA · ` : ""}oldest ${g.oldest ? age(g.oldest, now) : "—"}`}
            href={`/exceptions?reason=${g.reason}`}
            tone={g.breached ? "warn" : "default"}
          />
        ))}
      </div>
      <Card>
        <div className="flex items-center justify-between border-b border-slate-100 px-4 py-3 text-sm">
          <h2 className="font-semibold text-slate-900">{reason ? (LABELS[reason] ?? reason) : "All open exceptions"}</h2>
          {reason ? (
            <a className="text-brand-700 hover:underline" href="/exceptions">
              Show all
            </a>
          ) : null}
        </div>
        <ExceptionTable rows={page.rows} now={now.toISOString()} members={manage ? members : []} queues={queues} manage={manage} />
        <KeysetPager path="/exceptions" params={raw} next={page.next} count={page.rows.length} />
      </Card>
    </>
  );
}
