/**
 * Routing health for a period, by day: outcomes, exception and override rates, exceptions by
 * reason, missing inputs by field, rule hits (and rules that never fire), overrides and disputes
 * per rule, time to assignment, and the fairness ledger (assignments per member against weight
 * and cap, per team). Aggregated in SQL over the indexed Decision columns.
 */
import { db } from "@/lib/server/db";
import { livePolicy } from "@/lib/server/routing/live-policy";
import { fairnessLedger } from "./fairness";

export type { FairnessRow } from "./fairness";

export interface DayRow {
  day: string;
  assigned: number;
  queued: number;
  suppressed: number;
  exception: number;
  total: number;
  overrides: number;
  exceptionRate: number;
  overrideRate: number;
}

const DAY = 86_400_000;
const pct = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 1000) / 10 : 0);

export async function routingInsights(days: number, now = new Date()) {
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY);
  const from = new Date(end.getTime() - days * DAY);
  const [kinds, overrides, reasons, missing, rules, ruleOverrides, ruleDisputes, disputeKinds, publishes, waits, fairness] =
    await Promise.all([
      db().$queryRaw<Array<{ day: Date; kind: string; n: number }>>`
      SELECT date_trunc('day', "createdAt") AS day, kind, count(*)::int AS n FROM "Decision" WHERE "createdAt" >= ${from} AND "createdAt" < ${end} GROUP BY 1, 2`,
      db().$queryRaw<Array<{ day: Date; n: number }>>`
      SELECT date_trunc('day', "createdAt") AS day, count(*)::int AS n FROM "Override" WHERE "createdAt" >= ${from} AND "createdAt" < ${end} GROUP BY 1`,
      db().$queryRaw<Array<{ reason: string; n: number }>>`
      SELECT "reasonCode" AS reason, count(*)::int AS n FROM "Decision" WHERE kind = 'exception' AND "createdAt" >= ${from} AND "createdAt" < ${end} GROUP BY 1 ORDER BY 2 DESC`,
      db().$queryRaw<Array<{ field: string; n: number }>>`
      SELECT f AS field, count(*)::int AS n FROM "Decision", json_array_elements_text(decision -> 'fields') AS f
      WHERE "reasonCode" = 'MISSING_INPUT' AND "createdAt" >= ${from} AND "createdAt" < ${end} GROUP BY 1 ORDER BY 2 DESC`,
      db().$queryRaw<Array<{ rule: string; intent: string | null; n: number }>>`
      SELECT "ruleKey" AS rule, max(intent) AS intent, count(*)::int AS n FROM "Decision"
      WHERE kind IN ('assigned', 'queued') AND "createdAt" >= ${from} AND "createdAt" < ${end} GROUP BY 1 ORDER BY 3 DESC`,
      db().$queryRaw<Array<{ rule: string; n: number }>>`
      SELECT d."ruleKey" AS rule, count(DISTINCT d.id)::int AS n FROM "Override" o JOIN "Decision" d ON d.id = o."decisionId"
      WHERE d."createdAt" >= ${from} AND d."createdAt" < ${end} GROUP BY 1`,
      db().$queryRaw<Array<{ rule: string; n: number }>>`
      SELECT COALESCE(d."ruleKey", d."suppressionKey", d."reasonCode") AS rule, count(*)::int AS n FROM "Dispute" x JOIN "Decision" d ON d.id = x."decisionId"
      WHERE x."createdAt" >= ${from} AND x."createdAt" < ${end} GROUP BY 1`,
      db().$queryRaw<Array<{ resolution: string; n: number }>>`
      SELECT COALESCE(resolution, status) AS resolution, count(*)::int AS n FROM "Dispute" WHERE "createdAt" >= ${from} AND "createdAt" < ${end} GROUP BY 1`,
      db().policyVersion.findMany({
        where: { publishedAt: { gte: from, lt: end } },
        select: { number: true, publishedAt: true },
        orderBy: { publishedAt: "asc" },
      }),
      db().$queryRaw<Array<{ kind: string; median: number | null; p90: number | null; waiting: number; breached: number }>>`
      SELECT kind,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ("resolvedAt" - "createdAt")) / 60) FILTER (WHERE "resolvedAt" IS NOT NULL) AS median,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM ("resolvedAt" - "createdAt")) / 60) FILTER (WHERE "resolvedAt" IS NOT NULL) AS p90,
        count(*) FILTER (WHERE "resolvedAt" IS NULL)::int AS waiting,
        count(*) FILTER (WHERE "slaDueAt" IS NOT NULL AND COALESCE("resolvedAt", ${now}) > "slaDueAt")::int AS breached
      FROM "Decision" WHERE kind IN ('exception', 'queued') AND "createdAt" >= ${from} AND "createdAt" < ${end} GROUP BY 1`,
      fairnessLedger(from, end),
    ]);

  const dayKeys: string[] = [];
  for (let t = from.getTime(); t < end.getTime(); t += DAY) dayKeys.push(new Date(t).toISOString().slice(0, 10));
  const byDay = new Map<string, DayRow>(
    dayKeys.map((d) => [
      d,
      { day: d, assigned: 0, queued: 0, suppressed: 0, exception: 0, total: 0, overrides: 0, exceptionRate: 0, overrideRate: 0 },
    ]),
  );
  for (const k of kinds) {
    const row = byDay.get(k.day.toISOString().slice(0, 10));
    if (!row) continue;
    if (k.kind === "assigned" || k.kind === "queued" || k.kind === "suppressed" || k.kind === "exception") row[k.kind] += k.n;
    row.total += k.n;
  }
  for (const o of overrides) {
    const row = byDay.get(o.day.toISOString().slice(0, 10));
    if (row) row.overrides += o.n;
  }
  for (const row of byDay.values()) {
    row.exceptionRate = pct(row.exception, row.total);
    row.overrideRate = pct(row.overrides, row.total);
  }

  const totals = [...byDay.values()].reduce(
    (a, r) => ({
      total: a.total + r.total,
      exception: a.exception + r.exception,
      overrides: a.overrides + r.overrides,
      assigned: a.assigned + r.assigned,
    }),
    { total: 0, exception: 0, overrides: 0, assigned: 0 },
  );
  const live = await livePolicy().catch(() => null);
  const liveRules =
    live?.compiled.policy.rules.filter((r) => r.enabled !== false).map((r) => ({ key: r.key, intent: r.intent ?? null })) ?? [];
  const hits = new Map(rules.map((r) => [r.rule, r]));
  const overridesByRule = new Map(ruleOverrides.map((r) => [r.rule, r.n]));
  const disputesByRule = new Map(ruleDisputes.map((r) => [r.rule, r.n]));
  const ruleRows = [...new Set([...rules.map((r) => r.rule), ...liveRules.map((r) => r.key)])].map((rule) => {
    const n = hits.get(rule)?.n ?? 0;
    const o = overridesByRule.get(rule) ?? 0;
    return {
      rule,
      intent: hits.get(rule)?.intent ?? liveRules.find((r) => r.key === rule)?.intent ?? null,
      hits: n,
      overrides: o,
      overrideRate: pct(o, n),
      disputes: disputesByRule.get(rule) ?? 0,
    };
  });
  ruleRows.sort((a, b) => b.hits - a.hits);

  return {
    from: from.toISOString().slice(0, 10),
    to: new Date(end.getTime() - DAY).toISOString().slice(0, 10),
    days: [...byDay.values()],
    totals: { ...totals, exceptionRate: pct(totals.exception, totals.total), overrideRate: pct(totals.overrides, totals.total) },
    exceptionsByReason: reasons.map((r) => ({ reason: r.reason, count: r.n })),
    missingInputs: missing.map((m) => ({ field: m.field, count: m.n })),
    rules: ruleRows,
    neverFired: ruleRows.filter((r) => r.hits === 0).map((r) => r.rule),
    disputesByResolution: disputeKinds.map((d) => ({ resolution: d.resolution, count: d.n })),
    publishes: publishes.map((p) => ({ day: p.publishedAt!.toISOString().slice(0, 10), version: p.number })),
    waits: waits.map((w) => ({
      kind: w.kind,
      medianMinutes: w.median === null ? null : Math.round(w.median),
      p90Minutes: w.p90 === null ? null : Math.round(w.p90),
      waiting: w.waiting,
      breached: w.breached,
    })),
    fairness,
  };
}

export type RoutingInsights = Awaited<ReturnType<typeof routingInsights>>;
