/**
 * `npm run bench:impact`: an impact preview over 100,000 stored accounts, end to end — load
 * accounts and members from PostgreSQL, route every account with the live and the draft
 * version, write the report. Target: under 2 seconds. Uses TEST_DATABASE_URL or an embedded
 * PostgreSQL (.data/bench), in a database of its own that is dropped afterwards.
 */
import { smbToSdrDraft } from "./bench-candidate";
import { withBenchDatabase } from "./bench-database";

const TARGET = Number(process.env.BENCH_ACCOUNTS ?? 100_000);

async function main() {
  await withBenchDatabase("switchyard_bench", async () => {
    const { db } = await import("@/lib/server/db");
    const { seedDemo } = await import("@/lib/server/seed/seed-demo");
    const { executeImpactRun } = await import("@/lib/server/impact/impact-runs");
    await seedDemo(new Date("2026-11-25T12:00:00Z"));

    // Grow the book to TARGET companies: copies of the demo companies under new ids and domains.
    const base = await db().account.count({ where: { isProductWorkspace: false } });
    const copies = Math.ceil((TARGET - base) / base);
    const t0 = Date.now();
    await db().$executeRawUnsafe(`
      INSERT INTO "Account" (id, "externalId", name, domain, segment, region, country, industry, "employeeCount", "customerStatus", "fitScore",
        "isNamedAccount", "isStrategic", "hasOpenOpportunity", "inRenewal", "inProcurement", "sensitiveEscalation", "openSupportIssue",
        "isProductWorkspace", "ownerId", "csmId", "partnerOwnerId", "updatedAt")
      SELECT 'bench-' || g || '-' || a.id, a."externalId" || '-' || g, a.name || ' #' || g, 'c' || g || '-' || a.domain, a.segment, a.region, a.country,
        a.industry, a."employeeCount", a."customerStatus", a."fitScore", a."isNamedAccount", a."isStrategic", a."hasOpenOpportunity", a."inRenewal",
        a."inProcurement", a."sensitiveEscalation", a."openSupportIssue", false, a."ownerId", a."csmId", a."partnerOwnerId", now()
      FROM "Account" a, generate_series(1, ${copies}) g
      WHERE NOT a."isProductWorkspace"`);
    const total = await db().account.count({ where: { isProductWorkspace: false } });
    console.log(`Stored ${total.toLocaleString("en-US")} companies (set-up ${Date.now() - t0} ms).`);

    const { user, policy, draft } = await smbToSdrDraft();

    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const run = await db().impactRun.create({
        data: { versionId: draft.id, againstVersionId: policy.liveVersionId!, requestedByEmail: user.email },
      });
      const started = performance.now();
      await executeImpactRun(run.id);
      times.push(performance.now() - started);
      const done = await db().impactRun.findUniqueOrThrow({ where: { id: run.id } });
      const report = done.report as { changed: number; total: number };
      console.log(
        `run ${i + 1}: ${report.total.toLocaleString("en-US")} accounts, ${report.changed.toLocaleString("en-US")} change outcome, ${Math.round(times[i]!)} ms end to end`,
      );
    }
    const best = Math.min(...times);
    console.log(
      `${best < 2000 ? "✓" : "✗"} impact preview of ${total.toLocaleString("en-US")} accounts: best ${Math.round(best)} ms (target < 2,000 ms)`,
    );
    if (best >= 2000) process.exitCode = 1;
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
