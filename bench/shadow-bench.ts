/**
 * `npm run bench:shadow`: what shadow mode costs the live path. The router (group commit, locks,
 * every decision persisted — as the API uses it, minus HTTP) routes the same demo traffic with no
 * shadow and with a version in shadow, in alternating rounds; then the engine alone, per record:
 * live (traced) vs live + shadow (untraced). Target: shadow costs the persisted path < 10 %.
 * Uses TEST_DATABASE_URL or an embedded PostgreSQL (.data/bench), in a database of its own.
 */
import { smbToSdrDraft } from "./bench-candidate";
import { withBenchDatabase } from "./bench-database";

const RECORDS = Number(process.env.BENCH_RECORDS ?? 4_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET_OVERHEAD = 0.1;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  await withBenchDatabase("switchyard_bench_shadow", async () => {
    const { db } = await import("@/lib/server/db");
    const { seedDemo } = await import("@/lib/server/seed/seed-demo");
    const { seedDemoDecisions } = await import("@/lib/server/seed/demo-decisions");
    const { evaluate } = await import("@/lib/engine/evaluate");
    const { matchRecord } = await import("@/lib/engine/matching");
    const { submitVersion } = await import("@/lib/server/policies/workflow");
    const { startShadow, stopShadow } = await import("@/lib/server/shadow/shadow-runs");
    const { shadowImpactReport } = await import("@/lib/server/shadow/shadow-report");
    const { routeRecords } = await import("@/lib/server/routing/route-records");
    const { livePolicy } = await import("@/lib/server/routing/live-policy");
    const { accountIndexFor } = await import("@/lib/server/routing/account-index");
    const { loadRoutingState } = await import("@/lib/server/routing/routing-context");
    const now = new Date("2026-11-25T12:00:00Z");
    await seedDemo(now);
    await seedDemoDecisions(now, { days: 7 });
    type Routed = import("@/lib/engine/types").RoutedRecord;
    const samples = (await db().decision.findMany({ select: { record: true }, take: 1_000 })).map((d) => d.record as unknown as Routed);
    const traffic = (round: string) =>
      Array.from({ length: RECORDS }, (_, i) => ({ ...samples[i % samples.length]!, id: `bench-${round}-${i}` }));

    // The candidate in shadow: SMB leads to the SDR team (as in the impact benchmark).
    const { user, draft } = await smbToSdrDraft();
    await submitVersion(user, draft.id, "SMB leads to the SDR team first (benchmark).");

    const loads = await db().member.findMany({ select: { email: true, activeLoad: true } });
    const restoreLoads = () =>
      db()
        .$executeRaw`UPDATE "Member" SET "activeLoad" = v.load FROM (SELECT unnest(${loads.map((l) => l.email)}::text[]) AS email, unnest(${loads.map((l) => l.activeLoad)}::int[]) AS load) v WHERE "Member".email = v.email`;

    // Persisted: RECORDS single-record jobs at once (the router groups them), per round.
    const rates: Record<"live" | "shadow", number[]> = { live: [], shadow: [] };
    let runId: string | null = null;
    await routeRecords({ records: traffic("warm"), source: "batch" });
    for (let round = 0; round < ROUNDS; round++) {
      for (const mode of ["live", "shadow"] as const) {
        await restoreLoads();
        if (mode === "shadow") runId = (await startShadow(user, draft.id)).id;
        const started = performance.now();
        await Promise.all(traffic(`${mode}-${round}`).map((r) => routeRecords({ records: [r], source: "api" })));
        const seconds = (performance.now() - started) / 1000;
        if (mode === "shadow") await stopShadow(user, runId!);
        rates[mode].push(RECORDS / seconds);
        console.log(`round ${round + 1} ${mode.padEnd(6)} ${Math.round(RECORDS / seconds).toLocaleString("en-US")} decisions/s persisted`);
      }
    }
    const report = await shadowImpactReport(runId!);
    console.log(
      `last shadow run: ${report.total.toLocaleString("en-US")} live decisions evaluated, ${report.changed.toLocaleString("en-US")} would change`,
    );

    // The engine alone: what one more (untraced) evaluation per record costs.
    const live = await livePolicy();
    const { versionAsLive } = await import("@/lib/server/routing/live-policy");
    const shadow = await versionAsLive(draft.id);
    const index = await accountIndexFor(live.compiled);
    const state = await loadRoutingState();
    const items = samples.map((record) => ({ record, context: matchRecord(record, index) }));
    const N = 100_000;
    const time = (withShadow: boolean) => {
      const t = performance.now();
      for (let i = 0; i < N; i++) {
        const it = items[i % items.length]!;
        evaluate(live.compiled, it.record, it.context, state, now);
        if (withShadow) evaluate(shadow.compiled, it.record, it.context, state, now, { trace: false });
      }
      return (performance.now() - t) / N;
    };
    time(true);
    const engineLive = Math.min(time(false), time(false), time(false));
    const engineShadow = Math.min(time(true), time(true), time(true));
    console.log(
      `engine per record: live ${(engineLive * 1000).toFixed(1)} µs, live + shadow ${(engineShadow * 1000).toFixed(1)} µs (+${((engineShadow - engineLive) * 1000).toFixed(1)} µs)`,
    );

    const a = median(rates.live);
    const b = median(rates.shadow);
    const overhead = (a - b) / a;
    const ok = overhead < TARGET_OVERHEAD;
    console.log(
      `${ok ? "✓" : "✗"} shadow mode costs the persisted path ${(overhead * 100).toFixed(1)} % (median ${Math.round(a).toLocaleString("en-US")} → ${Math.round(b).toLocaleString("en-US")} decisions/s; target < ${TARGET_OVERHEAD * 100} %)`,
    );
    if (!ok) process.exitCode = 1;
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
