/**
 * `npm run bench:api`: the routing API under load, end to end — the production build (`next
 * start`) on the embedded PostgreSQL, API-key auth, account matching, the engine, distribution
 * state locked and updated, every decision persisted. Drives POST /api/v1/route with autocannon
 * (varied records), then POST /api/v1/route/batch, and checks that the number of stored
 * decisions equals the number of 2xx answers.
 * Then the routing path alone (the handler called in this process, no HTTP), where PostgreSQL's
 * time went (pg-activity.ts) and who spent the CPU per decision — app, PostgreSQL, load generator
 * (cpu-budget.ts) — to show what the HTTP edge and the database each cost, and what rate the
 * cores allow at all.
 * Then the **floor** (floor-server.ts): a bare node:http + pg process on the same database that
 * parses the same body and inserts the same decision row, nothing else, driven the same way at 32
 * and 16 connections — Switchyard's single-record throughput and p99 are reported as a ratio of it.
 * With BENCH_BASELINE_DIR (another checkout, e.g. of main, with its dependencies installed), the
 * same single-record load runs against it right after, in the same run, and the change is reported.
 * Targets (2 cores): ≥ 2,000 decisions/s, p99 < 20 ms for single records; ≥ 0.6 of the floor; no
 * regression beyond 10 % against the baseline.
 */
import { spawn } from "node:child_process";
import { mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import { log } from "@/lib/server/log";
import { routeInProcess } from "./in-process";
import { cpuMeter, describeCpu, type CpuSplit } from "./cpu-budget";
import { describeActivity, pgActivitySampler, type PgActivity } from "./pg-activity";

const PORT = Number(process.env.BENCH_PORT ?? 3300);
const FLOOR_PORT = Number(process.env.BENCH_FLOOR_PORT ?? 3301);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54333);
// A fixed number of requests (not a duration), so every request sent is answered and counted.
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 30_000);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 60);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const base = `http://127.0.0.1:${PORT}`;
const DATA_DIR = ".data/bench-api";
const APP_LOG = ".data/bench-api-app.log";

async function waitReady(timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if ((await fetch(`${base}/api/ready`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the app did not become ready: see ${APP_LOG}`);
}

/**
 * autocannon's own duration is in whole seconds, and it reports the end on its next one-second
 * tick: time the run here, from the first request to the last answer.
 */
function run(opts: autocannon.Options): Promise<autocannon.Result & { seconds: number }> {
  const started = performance.now();
  let last = started;
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (err, result) => (err ? reject(err) : resolve({ ...result, seconds: (last - started) / 1000 })));
    instance.on("response", () => {
      last = performance.now();
    });
  });
}

async function main() {
  // A fresh embedded database every run (seeded by the app on first start).
  rmSync(DATA_DIR, { recursive: true, force: true });
  // The app logs every API request (as in production): to a file, not between the figures.
  mkdirSync(".data", { recursive: true });
  const appLog = openSync(APP_LOG, "w");
  console.log(`Starting the app (build and demo seed on first start; its log: ${APP_LOG})…`);
  const app = launch(process.cwd(), appLog);
  const stop = () => signal(app);
  process.on("exit", stop);
  try {
    await waitReady(600_000);
    const databaseUrl = `postgresql://postgres:switchyard@127.0.0.1:${PG_PORT}/switchyard`;
    process.env.DATABASE_URL = databaseUrl;
    const { db, disconnectDb } = await import("@/lib/server/db");
    const { createApiKey } = await import("@/lib/server/api-keys/api-keys");
    const admin = await db().user.findFirstOrThrow({ where: { role: "ADMIN" } });
    const { key } = await createApiKey(
      { id: admin.id, email: admin.email, name: admin.name, role: admin.role, memberId: null, memberName: null, memberKey: null },
      { name: "bench", scopes: ["route"] },
    );
    const accounts = await db().account.findMany({
      where: { isProductWorkspace: false, domain: { not: null } },
      select: { externalId: true, domain: true, segment: true, region: true },
    });
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    let n = 0;
    const record = () => {
      const a = accounts[n % accounts.length]!;
      n++;
      const kind = n % 4;
      return kind === 3
        ? { id: `bench-${n}`, type: "product_signal", fields: { account_id: a.externalId, signal_score: 70 } }
        : {
            id: `bench-${n}`,
            type: kind === 2 ? "demo_request" : "lead",
            fields: {
              email_domain: a.domain,
              segment: a.segment ?? "smb",
              region: a.region ?? "NA",
              fit_score: 20 + (n % 80),
              lead_source: "inbound_demo",
            },
          };
    };
    const count = () => db().decision.count({ where: { recordId: { startsWith: "bench-" } } });
    /** POST /api/v1/route with one varied record per request (to the app, or to the floor server). */
    const singles = (connections: number, amount: number, url = `${base}/api/v1/route`, idPrefix = "bench-") =>
      run({
        url,
        method: "POST",
        headers,
        connections,
        amount,
        requests: [{ setupRequest: (r) => ({ ...r, body: JSON.stringify({ record: { ...record(), id: `${idPrefix}${n}` } }) }) }],
      });

    // Warm up (JIT, caches, account index), then measure.
    await singles(8, 2_000);
    const activity = await pgActivitySampler(databaseUrl);
    // The app's process group (spawned detached) and its embedded PostgreSQL (postmaster.pid's first line).
    const postmaster = Number(readFileSync(`${DATA_DIR}/pg/postmaster.pid`, "utf8").split("\n")[0]);
    const cpu = cpuMeter(app.pid!, Number.isInteger(postmaster) ? postmaster : null, [activity.backendPid]);
    /** A run with where PostgreSQL's time went and who spent the CPU. */
    const measured = async <T>(work: () => Promise<T>): Promise<{ result: T; activity: PgActivity; cpu: CpuSplit | undefined }> => {
      await activity.start();
      cpu?.start();
      const result = await work();
      const split = cpu?.stop();
      return { result, cpu: split, activity: await activity.stop() };
    };
    const before = await count();
    const { result: single, activity: singleActivity, cpu: singleCpu } = await measured(() => singles(CONNECTIONS, REQUESTS));
    const afterSingle = await count();
    // Half the connections: where the latency target sits on the curve.
    const {
      result: mid,
      activity: midActivity,
      cpu: midCpu,
    } = await measured(() => singles(Math.max(1, CONNECTIONS / 2), Math.round(REQUESTS / 2)));
    await activity.close();
    const afterMid = await count();
    // Light load: what one CRM sync or web form sees.
    const light = await singles(2, 3_000);
    const afterLight = await count();

    // The floor: a real decision (with its trace) as the row's evidence, the same requests, nothing else.
    const sampleFile = ".data/bench-floor-sample.json";
    const sampled = await fetch(`${base}/api/v1/route?trace=1`, {
      method: "POST",
      headers,
      body: JSON.stringify({ record: { ...record(), id: "floor-sample" } }),
    });
    writeFileSync(sampleFile, JSON.stringify(((await sampled.json()) as { decision: unknown }).decision));
    const floor = await startFloor(databaseUrl, sampleFile);
    const floorUrl = `http://127.0.0.1:${FLOOR_PORT}/api/v1/route`;
    await singles(8, 2_000, floorUrl, "floor-");
    const floor32 = await singles(CONNECTIONS, REQUESTS, floorUrl, "floor-");
    const floor16 = await singles(Math.max(1, CONNECTIONS / 2), Math.round(REQUESTS / 2), floorUrl, "floor-");
    floor.kill();

    const BATCH = Number(process.env.BENCH_BATCH_SIZE ?? 500);
    /** POST /api/v1/route/batch with `size` varied records per request. */
    const batches = (connections: number, amount: number, size: number) =>
      run({
        url: `${base}/api/v1/route/batch`,
        method: "POST",
        headers,
        connections,
        amount,
        requests: [{ setupRequest: (r) => ({ ...r, body: JSON.stringify({ records: Array.from({ length: size }, record) }) }) }],
      });
    const batch = await batches(4, BATCHES, BATCH);
    const afterBatch = await count();
    // Small batches (a CRM syncing as changes happen): what one request of 10 records waits.
    const SMALL = 10;
    const small = await batches(8, 1_500, SMALL);
    const afterSmall = await count();
    // The routing path alone: the same handler called in this process (the app server idles;
    // this process's request log lines are off, not printed between the figures).
    log().level = "warn";
    const inProcess = await routeInProcess({
      callers: Math.max(1, CONNECTIONS / 2),
      requests: Math.round(REQUESTS / 2),
      apiKey: key,
      body: () => JSON.stringify({ record: record() }),
    });
    const afterInProcess = await count();
    await disconnectDb();

    const ok1 = single["2xx"];
    const stored1 = afterSingle - before;
    const rate1 = ok1 / single.seconds;
    const p99 = single.latency.p99;
    const okBatch = batch["2xx"];
    const storedBatch = afterBatch - afterLight;
    console.log("\n# bench:api (this machine; production build; embedded PostgreSQL 17; every decision persisted)");
    console.log(
      `POST /api/v1/route       ${CONNECTIONS} connections, ${REQUESTS.toLocaleString("en-US")} requests in ${single.seconds.toFixed(1)} s: ${Math.round(rate1).toLocaleString("en-US")} decisions/s · latency p50 ${single.latency.p50} ms, p99 ${p99} ms · non-2xx ${single.non2xx} · errors ${single.errors}`,
    );
    console.log(
      `  stored ${stored1.toLocaleString("en-US")} decisions for ${ok1.toLocaleString("en-US")} 2xx answers → ${stored1 === ok1 ? "equal ✓" : "MISMATCH ✗"}`,
    );
    console.log(`  ${describeActivity(singleActivity, stored1)}`);
    if (singleCpu) console.log(`  ${describeCpu(singleCpu, stored1)}`);
    console.log(
      `POST /api/v1/route       ${Math.max(1, CONNECTIONS / 2)} connections, ${Math.round(REQUESTS / 2).toLocaleString("en-US")} requests: ${Math.round(mid["2xx"] / mid.seconds).toLocaleString("en-US")} decisions/s · latency p50 ${mid.latency.p50} ms, p99 ${mid.latency.p99} ms · stored ${afterMid - afterSingle === mid["2xx"] ? "= 2xx ✓" : "MISMATCH ✗"}`,
    );
    console.log(`  ${describeActivity(midActivity, afterMid - afterSingle)}`);
    if (midCpu) console.log(`  ${describeCpu(midCpu, afterMid - afterSingle)}`);
    console.log(
      `POST /api/v1/route       2 connections, 3,000 requests: ${Math.round(light["2xx"] / light.seconds).toLocaleString("en-US")} decisions/s · latency p50 ${light.latency.p50} ms, p99 ${light.latency.p99} ms · stored ${afterLight - afterMid === light["2xx"] ? "= 2xx ✓" : "MISMATCH ✗"}`,
    );
    console.log(
      `POST /api/v1/route/batch 4 connections, ${BATCHES} × ${BATCH} records in ${batch.seconds.toFixed(1)} s: ${Math.round((okBatch * BATCH) / batch.seconds).toLocaleString("en-US")} decisions/s · p99 ${batch.latency.p99} ms per batch`,
    );
    console.log(
      `  stored ${storedBatch.toLocaleString("en-US")} decisions for ${okBatch * BATCH} records in 2xx answers → ${storedBatch === okBatch * BATCH ? "equal ✓" : "MISMATCH ✗"}`,
    );
    const smallRate = (small["2xx"] * SMALL) / small.seconds;
    console.log(
      `POST /api/v1/route/batch 8 connections, 1,500 × ${SMALL} records: ${Math.round(smallRate).toLocaleString("en-US")} decisions/s · latency p50 ${small.latency.p50} ms, p99 ${small.latency.p99} ms per request · stored ${afterSmall - afterBatch === small["2xx"] * SMALL ? "= records in 2xx ✓" : "MISMATCH ✗"}`,
    );
    console.log(
      `Routing path alone (the handler called in this process, ${Math.max(1, CONNECTIONS / 2)} callers, no HTTP, no request log): ${Math.round(inProcess.ok / inProcess.seconds).toLocaleString("en-US")} decisions/s · latency p50 ${inProcess.p50} ms, p99 ${inProcess.p99} ms · stored ${afterInProcess - afterSmall === inProcess.ok ? "= 2xx ✓" : "MISMATCH ✗"}`,
    );
    const batchRate = (okBatch * BATCH) / batch.seconds;
    const midRate = mid["2xx"] / mid.seconds;
    const floorRate32 = floor32["2xx"] / floor32.seconds;
    const floorRate16 = floor16["2xx"] / floor16.seconds;
    console.log(
      `Floor (node:http + pg, same body, same Decision row, nothing else): ${CONNECTIONS} connections ${Math.round(floorRate32).toLocaleString("en-US")} decisions/s, p99 ${floor32.latency.p99} ms · ${Math.max(1, CONNECTIONS / 2)} connections ${Math.round(floorRate16).toLocaleString("en-US")} decisions/s, p99 ${floor16.latency.p99} ms · non-2xx ${floor32.non2xx + floor16.non2xx}`,
    );
    const ratio = (a: number, b: number) => (a / b).toFixed(2);
    console.log(
      `Switchyard ÷ floor: at ${CONNECTIONS} connections ${ratio(rate1, floorRate32)} of its throughput (p99 ${p99} vs ${floor32.latency.p99} ms); at ${Math.max(1, CONNECTIONS / 2)} ${ratio(midRate, floorRate16)} (p99 ${mid.latency.p99} vs ${floor16.latency.p99} ms) · target ≥ 0.60: ${rate1 / floorRate32 >= 0.6 && midRate / floorRate16 >= 0.6 ? "met" : "NOT met"}`,
    );
    const both = (r: number, p: number) =>
      r >= 2000 && p < 20 ? "both met" : `${r >= 2000 ? "rate met" : "rate NOT met"}, ${p < 20 ? "p99 met" : "p99 NOT met"}`;
    console.log(
      `Targets (≥ 2,000 decisions/s with p99 < 20 ms): single records at ${CONNECTIONS} connections ${both(rate1, p99)}; at ${Math.max(1, CONNECTIONS / 2)} ${both(midRate, mid.latency.p99)}; batches of ${SMALL} ${both(smallRate, small.latency.p99)}; batches of ${BATCH} ${batchRate >= 2000 ? "rate met" : "rate NOT met"}`,
    );
    if (
      stored1 !== ok1 ||
      storedBatch !== okBatch * BATCH ||
      afterMid - afterSingle !== mid["2xx"] ||
      afterLight - afterMid !== light["2xx"] ||
      afterSmall - afterBatch !== small["2xx"] * SMALL ||
      afterInProcess - afterSmall !== inProcess.ok
    )
      process.exitCode = 1;
    const baselineDir = process.env.BENCH_BASELINE_DIR;
    if (baselineDir) {
      // The same single-record load against another checkout (main, say) in the same run, on the
      // same box, right after: this app stopped first, the other started the same way.
      signal(app);
      await portsFree();
      const cwd = path.resolve(baselineDir);
      rmSync(path.join(cwd, DATA_DIR), { recursive: true, force: true });
      console.log(`\nStarting the baseline in ${cwd} (its log: ${APP_LOG} there)…`);
      mkdirSync(path.join(cwd, ".data"), { recursive: true });
      const baseline = launch(cwd, openSync(path.join(cwd, APP_LOG), "w"));
      try {
        await waitReady(900_000);
        const other = await db().user.findFirstOrThrow({ where: { role: "ADMIN" } });
        const created = await createApiKey(
          { id: other.id, email: other.email, name: other.name, role: other.role, memberId: null, memberName: null, memberKey: null },
          { name: "bench baseline", scopes: ["route"] },
        );
        headers.authorization = `Bearer ${created.key}`;
        await singles(8, 2_000);
        const b32 = await singles(CONNECTIONS, REQUESTS);
        const b16 = await singles(Math.max(1, CONNECTIONS / 2), Math.round(REQUESTS / 2));
        await disconnectDb();
        const bBig = await batches(4, BATCHES, BATCH);
        const bSmall = await batches(8, 1_500, SMALL);
        const r32 = b32["2xx"] / b32.seconds;
        const r16 = b16["2xx"] / b16.seconds;
        const rBig = (bBig["2xx"] * BATCH) / bBig.seconds;
        const rSmall = (bSmall["2xx"] * SMALL) / bSmall.seconds;
        const change = (a: number, b: number) => `${a >= b ? "+" : ""}${(((a - b) / b) * 100).toFixed(1)} %`;
        console.log(
          `Baseline (${cwd}): ${CONNECTIONS} connections ${Math.round(r32).toLocaleString("en-US")} decisions/s, p99 ${b32.latency.p99} ms · ${Math.max(1, CONNECTIONS / 2)} connections ${Math.round(r16).toLocaleString("en-US")} decisions/s, p99 ${b16.latency.p99} ms · non-2xx ${b32.non2xx + b16.non2xx}`,
        );
        console.log(
          `This checkout against it: ${change(rate1, r32)} at ${CONNECTIONS} connections, ${change(midRate, r16)} at ${Math.max(1, CONNECTIONS / 2)} · no regression beyond 10 %: ${rate1 >= 0.9 * r32 && midRate >= 0.9 * r16 ? "met" : "NOT met"}`,
        );
        console.log(
          `Batches against it: ${BATCH} records × 4 connections ${Math.round(rBig).toLocaleString("en-US")} → ${change(batchRate, rBig)}; ${SMALL} records × 8 connections ${Math.round(rSmall).toLocaleString("en-US")} → ${change(smallRate, rSmall)}`,
        );
      } finally {
        signal(baseline);
        await portsFree();
      }
    }
  } finally {
    stop();
  }
}

/** `npm start` in `cwd` on the bench's ports and data folder, its output to `log`, as its own process group. */
function launch(cwd: string, log: number) {
  // Its own embedded PostgreSQL: not the DATABASE_URL this process set for its own queries.
  const { DATABASE_URL: _ours, ...env } = process.env;
  return spawn("npm", ["start"], {
    cwd,
    env: {
      ...env,
      PORT: String(PORT),
      SWITCHYARD_DATA_DIR: DATA_DIR,
      SWITCHYARD_PG_PORT: String(PG_PORT),
      SWITCHYARD_WORKERS: "0",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", log, log],
    detached: true,
  });
}

function signal(child: ReturnType<typeof launch>) {
  try {
    process.kill(-child.pid!, "SIGINT");
  } catch {
    // already gone
  }
}

/** Until the app's and its PostgreSQL's ports are free again (the app stops PostgreSQL on its way out). */
async function portsFree() {
  const { portIsFree } = await import("@/lib/server/runtime/embedded-postgres");
  const end = Date.now() + 60_000;
  while (!((await portIsFree(PORT)) && (await portIsFree(PG_PORT)))) {
    if (Date.now() > end) throw new Error("the app did not stop within a minute");
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The floor server (floor-server.ts) on FLOOR_PORT, once it listens. */
async function startFloor(databaseUrl: string, sampleFile: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/floor-server.ts"], {
    env: { ...process.env, PORT: String(FLOOR_PORT), DATABASE_URL: databaseUrl, FLOOR_SAMPLE: sampleFile },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on("line", (line) => line === "ready" && resolve());
    child.once("exit", (code) => reject(new Error(`the floor server exited (${code})`)));
  });
  return child;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
