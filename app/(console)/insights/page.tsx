import type { Metadata } from "next";
import Link from "next/link";
import { ChartCard, OutcomesChart, RankedBars, RatesChart } from "@/components/insights/charts";
import { FairnessLedger } from "@/components/insights/fairness-ledger";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { PublishAlertBanner } from "@/components/policies/publish-alerts";
import { ThresholdForm } from "@/components/insights/threshold-form";
import { hasPermission } from "@/lib/auth/permissions";
import { getThresholds } from "@/lib/server/monitor/thresholds";
import { Stat } from "@/components/ui/stat";
import { requirePage } from "@/lib/server/auth/with-permission";
import { routingInsights } from "@/lib/server/insights/insights";

export const metadata: Metadata = { title: "Insights" };

const PERIODS = [7, 14, 28, 90] as const;

const minutes = (m: number | null) =>
  m === null ? "—" : m < 90 ? `${m} min` : m < 48 * 60 ? `${Math.round(m / 60)} h` : `${Math.round(m / 1440)} d`;

export default async function InsightsPage({ searchParams }: { searchParams: Promise<{ days?: string }> }) {
  const user = await requirePage("insights:read");
  const raw = Number((await searchParams).days);
  const days = (PERIODS as readonly number[]).includes(raw) ? raw : 28;
  const data = await routingInsights(days);
  const exceptionWait = data.waits.find((w) => w.kind === "exception");
  const queuedWait = data.waits.find((w) => w.kind === "queued");
  return (
    <>
      <PageHeader
        title="Insights"
        description={`How routing behaved from ${data.from} to ${data.to}, by day; published versions are marked on the time axis. Hover a chart for its numbers; CSV exports exactly what is drawn.`}
        actions={
          <nav aria-label="Period" className="flex gap-1 rounded-lg border border-slate-200 bg-white p-1 text-sm">
            {PERIODS.map((p) => (
              <Link
                key={p}
                href={`/insights?days=${p}`}
                aria-current={p === days ? "page" : undefined}
                className={`rounded-md px-2.5 py-1 ${p === days ? "bg-brand-600 font-semibold text-white" : "text-slate-600 hover:bg-slate-50"}`}
              >
                {p} days
              </Link>
            ))}
          </nav>
        }
      />
      <PublishAlertBanner role={user.role} />
      <div className="mb-6 grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-6">
        <Stat label="Decisions" value={data.totals.total} />
        <Stat
          label="Assigned"
          value={data.totals.assigned}
          hint={`${data.totals.total ? Math.round((data.totals.assigned / data.totals.total) * 100) : 0} % of decisions`}
        />
        <Stat
          label="Exception rate"
          value={`${data.totals.exceptionRate} %`}
          hint={`${data.totals.exception} exceptions`}
          tone={data.totals.exceptionRate > 10 ? "warn" : "default"}
          href="/exceptions"
        />
        <Stat label="Override rate" value={`${data.totals.overrideRate} %`} hint={`${data.totals.overrides} overrides`} />
        <Stat
          label="Exceptions taken in"
          value={minutes(exceptionWait?.medianMinutes ?? null)}
          hint={`median · p90 ${minutes(exceptionWait?.p90Minutes ?? null)} · ${exceptionWait?.waiting ?? 0} waiting`}
        />
        <Stat
          label="Queued work taken in"
          value={minutes(queuedWait?.medianMinutes ?? null)}
          hint={`median · ${queuedWait?.breached ?? 0} SLA breaches · ${queuedWait?.waiting ?? 0} waiting`}
          tone={(queuedWait?.breached ?? 0) > 0 ? "warn" : "default"}
        />
      </div>
      <div className="grid gap-6 xl:grid-cols-2">
        <ChartCard
          title="Decisions by outcome"
          description="Assigned, queued, suppressed and exceptions per day."
          csvName={`decisions-by-outcome-${data.from}`}
          rows={data.days.map(({ day, assigned, queued, suppressed, exception, total }) => ({
            day,
            assigned,
            queued,
            suppressed,
            exception,
            total,
          }))}
          testId="chart-outcomes"
        >
          <OutcomesChart days={data.days} publishes={data.publishes} />
        </ChartCard>
        <ChartCard
          title="Exception and override rates"
          description="Share of each day's decisions that went to exceptions, and that someone reassigned by hand."
          csvName={`rates-${data.from}`}
          rows={data.days.map(({ day, total, exception, exceptionRate, overrides, overrideRate }) => ({
            day,
            total,
            exception,
            exceptionRate,
            overrides,
            overrideRate,
          }))}
          testId="chart-rates"
        >
          <RatesChart days={data.days} publishes={data.publishes} />
        </ChartCard>
        <ChartCard title="Exceptions by reason" csvName={`exceptions-by-reason-${data.from}`} rows={data.exceptionsByReason}>
          <RankedBars data={data.exceptionsByReason} label="reason" value="count" name="exceptions" color="#f59e0b" />
        </ChartCard>
        <ChartCard
          title="Missing inputs by field"
          description="Which declared inputs records arrive without — the data or interface repairs worth making first."
          csvName={`missing-inputs-${data.from}`}
          rows={data.missingInputs}
        >
          <RankedBars data={data.missingInputs} label="field" value="count" name="records missing it" color="#ef4444" />
        </ChartCard>
        <ChartCard
          title="Rule hits"
          description={
            data.neverFired.length ? `Never fired in this period: ${data.neverFired.join(", ")}.` : "Every live rule fired in this period."
          }
          csvName={`rule-hits-${data.from}`}
          rows={data.rules}
        >
          <RankedBars data={data.rules.filter((r) => r.hits > 0)} label="rule" value="hits" name="decisions" />
        </ChartCard>
        <ChartCard
          title="Overrides and disputes per rule"
          description="Where people disagree with routing: decisions reassigned by hand and disputes filed, by the rule that decided."
          csvName={`overrides-disputes-${data.from}`}
          rows={data.rules.map(({ rule, hits, overrides, overrideRate, disputes }) => ({ rule, hits, overrides, overrideRate, disputes }))}
        >
          <RankedBars
            data={data.rules.filter((r) => r.overrides + r.disputes > 0).map((r) => ({ rule: r.rule, overrides: r.overrides }))}
            label="rule"
            value="overrides"
            name="overridden decisions"
            color="#8b5cf6"
          />
          {data.disputesByResolution.length ? (
            <p className="px-2 pt-2 text-xs text-slate-600">
              Disputes: {data.disputesByResolution.map((d) => `${d.count} ${d.resolution.replace(/_/g, " ")}`).join(" · ")}
            </p>
          ) : null}
        </ChartCard>
      </div>
      <Card className="mt-6">
        <FairnessLedger rows={data.fairness} csvName={`fairness-${data.from}`} />
      </Card>
      <Card className="mt-6">
        <CardHeader
          title="Post-publish monitor thresholds"
          description="After each publish the monitor compares routing since with the same time before; a metric beyond its threshold raises an alert, a banner with one-click rollback and a publish.alert webhook."
        />
        <ThresholdForm thresholds={await getThresholds()} editable={hasPermission(user.role, "monitor:manage")} />
      </Card>
    </>
  );
}
