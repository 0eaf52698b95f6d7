/**
 * `npm run bench:log`: the decision log at a million rows. Seeds the demo company and three
 * weeks of traffic routed by the real router, copies those decisions to 1,000,000 rows (new ids,
 * spread over time), then times the log's queries as the console runs them (filters, keyset
 * pages, a FIELD user's visibility filter). Target: p95 < 150 ms each.
 * Uses TEST_DATABASE_URL or an embedded PostgreSQL (.data/bench), in a database of its own.
 */
import { withBenchDatabase } from "./bench-database";

const TARGET = Number(process.env.BENCH_DECISIONS ?? 1_000_000);
const RUNS = 20;

async function main() {
  await withBenchDatabase("switchyard_logbench", async () => {
    const { db } = await import("@/lib/server/db");
    const { seedDemo } = await import("@/lib/server/seed/seed-demo");
    const { seedDemoDecisions } = await import("@/lib/server/seed/demo-decisions");
    const { listDecisions } = await import("@/lib/server/decisions/list-decisions");
    const { viewerFor } = await import("@/lib/server/decisions/visibility");
    const { decisionListQuery } = await import("@/lib/schemas/decisions");
    const now = new Date("2026-11-25T12:00:00Z");
    await seedDemo(now);
    const routed = await seedDemoDecisions(now);
    const t0 = Date.now();
    const copies = Math.ceil((TARGET - routed) / routed);
    await db().$executeRawUnsafe(`
      INSERT INTO "Decision" (id, "createdAt", "recordId", "objectType", "policyVersionId", "versionNumber", "policyHash", kind, "assigneeKey", "queueKey", "ruleKey",
        intent, "suppressionKey", "reasonCode", "slaDueAt", "evaluatedAt", source, "requestId", "apiKeyId", "accountExternalId", record, context, "stateSnapshot", decision,
        "currentAssigneeKey", "currentQueueKey", "overrideCount", "resolvedAt", resolution)
      SELECT md5(d.id || g), d."createdAt" - make_interval(days => (g % 365)), d."recordId" || '-' || g, d."objectType", d."policyVersionId", d."versionNumber", d."policyHash", d.kind,
        d."assigneeKey", d."queueKey", d."ruleKey", d.intent, d."suppressionKey", d."reasonCode", d."slaDueAt", d."evaluatedAt", d.source, d."requestId", d."apiKeyId",
        d."accountExternalId", d.record, d.context, d."stateSnapshot", d.decision, d."currentAssigneeKey", d."currentQueueKey", d."overrideCount", COALESCE(d."resolvedAt", d."createdAt"), d.resolution
      FROM "Decision" d, generate_series(1, ${copies}) g`);
    await db().$executeRawUnsafe(`ANALYZE "Decision"`);
    const total = await db().decision.count();
    console.log(`Stored ${total.toLocaleString("en-US")} decisions (copy ${Math.round((Date.now() - t0) / 1000)} s).`);

    const revops = await db().user.findFirstOrThrow({ where: { role: "REVOPS" } });
    const fieldUser = await db().user.findFirstOrThrow({ where: { role: "FIELD" }, include: { member: true } });
    const asUser = (u: typeof revops, member: { name: string; email: string } | null) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role,
      memberId: u.memberId,
      memberName: member?.name ?? null,
      memberKey: member?.email ?? null,
    });
    const staff = await viewerFor(asUser(revops, null));
    const field = await viewerFor(asUser(fieldUser, fieldUser.member));
    const sample = await db().decision.findFirstOrThrow({ where: { kind: "assigned" }, orderBy: { createdAt: "desc" } });
    const page1 = await listDecisions(staff, decisionListQuery.parse({}));
    const cases: Array<[string, typeof staff, Record<string, string>]> = [
      ["newest first, no filter", staff, {}],
      ["next page (keyset)", staff, { after: page1.next ?? "" }],
      ["oldest first", staff, { dir: "asc" }],
      ["by owner", staff, { owner: sample.assigneeKey! }],
      ["by queue", staff, { queue: "routing-review" }],
      ["by rule", staff, { rule: sample.ruleKey! }],
      ["by intent", staff, { intent: "territory" }],
      ["exceptions: MISSING_INPUT", staff, { kind: "exception", reason: "MISSING_INPUT" }],
      ["by version", staff, { version: "1" }],
      ["by source", staff, { source: "api" }],
      ["date range (one week)", staff, { from: "2026-06-01", to: "2026-06-07" }],
      ["record id", staff, { q: sample.recordId }],
      ["account id", staff, { q: sample.accountExternalId ?? "ACC-000001" }],
      ["open exceptions, oldest first", staff, { open: "1", kind: "exception", dir: "asc" }],
      ["FIELD user: team & accounts", field, {}],
    ];
    console.log("\n# bench:log — decision log queries on " + total.toLocaleString("en-US") + " rows (p50 / p95 of " + RUNS + " runs)");
    let worst = 0;
    for (const [name, viewer, params] of cases) {
      const q = decisionListQuery.parse(params);
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        rows = (await listDecisions(viewer, q)).rows.length;
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      const p95 = times[Math.floor(RUNS * 0.95) - 1]!;
      worst = Math.max(worst, p95);
      console.log(
        `${name.padEnd(34)} ${String(rows).padStart(3)} rows  p50 ${times[RUNS / 2]!.toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms ${p95 < 150 ? "" : " ✗"}`,
      );
    }
    console.log(`\nWorst p95 ${worst.toFixed(1)} ms → target < 150 ms ${worst < 150 ? "met" : "NOT met"}`);
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
