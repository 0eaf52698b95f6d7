/**
 * `npm start` / `npm run dev`: one command from a fresh clone to a running console.
 *
 *   1. PostgreSQL: DATABASE_URL if set, else an embedded PostgreSQL 17 (data in .data/).
 *   2. Committed migrations applied (prisma migrate deploy).
 *   3. The demo organisation seeded on first start (skip with SWITCHYARD_SEED=none).
 *   4. Production build when missing or out of date (start), or hot reload (dev).
 *   5. Next.js on PORT (3000); Ctrl+C stops the app and then PostgreSQL cleanly.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { prepareAppDatabase, type AppDatabase } from "./app-database";
import { ensureBuild } from "./build-fingerprint";
import { portIsFree } from "./embedded-postgres";
import { StartupError } from "./startup-error";

const mode = process.argv.includes("--dev") ? "dev" : "start";
const log = (line: string) => console.log(`[switchyard] ${line}`);

/**
 * How to run one of the app's processes: the bundle beside this one (dist/, built by
 * scripts/bundle.mjs — plain node, no TypeScript loader) in production; the TypeScript source
 * through tsx in dev.
 */
function processArgs(name: "server" | "worker"): string[] {
  return mode === "dev" ? ["--import", "tsx", path.join("lib", "server", "runtime", `${name}.ts`)] : [path.resolve("dist", `${name}.mjs`)];
}

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new StartupError(`${name} must be a port number (1–65535), got "${raw}".`);
  return n;
}

function authSecret(dataDir: string): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

const seeding = (process.env.SWITCHYARD_SEED ?? "demo") !== "none";

async function seedIfEmpty(): Promise<void> {
  if (!seeding) return;
  const { isSeeded, seedDemo, seedDemoPolicyIfMissing } = await import("@/lib/server/seed/seed-demo");
  const { seedDemoDecisionsIfMissing } = await import("@/lib/server/seed/demo-decisions");
  const { disconnectDb } = await import("@/lib/server/db");
  try {
    if (await isSeeded()) {
      if (await seedDemoPolicyIfMissing()) log("Added the demo routing policy (v1, live) and its test cases.");
    } else {
      log("First start: seeding the demo organisation (Lumen Data)…");
      const summary = await seedDemo();
      log(`Seeded ${summary.members} members, ${summary.accounts.toLocaleString("en-US")} accounts, ${summary.users} users.`);
    }
    const routed = await seedDemoDecisionsIfMissing();
    if (routed) log(`Routed ${routed.toLocaleString("en-US")} demo records (three weeks of traffic) through the live policy.`);
  } finally {
    await disconnectDb();
  }
}

async function main(): Promise<void> {
  const port = intEnv("PORT", 3000);
  const pgPort = intEnv("SWITCHYARD_PG_PORT", 54329);
  const dataDir = path.resolve(process.env.SWITCHYARD_DATA_DIR ?? ".data");
  const fresh = process.env.SWITCHYARD_FRESH_DB === "1";

  if (!(await portIsFree(port, "0.0.0.0"))) {
    throw new StartupError(
      `Port ${port} is already in use (another Switchyard or another program). Stop it, or start on another port: PORT=3001 npm ${mode === "dev" ? "run dev" : "start"}`,
    );
  }

  let database: AppDatabase | null = null;
  let child: ChildProcess | null = null;
  let worker: ChildProcess | null = null;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const workerExited = worker && worker.exitCode === null ? new Promise((r) => worker?.once("exit", r)) : Promise.resolve();
    if (worker && worker.exitCode === null) worker.kill("SIGTERM");
    if (child && child.exitCode === null) {
      log("Stopping the console…");
      const exited = new Promise((r) => child?.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    // The worker lets go of its connections before PostgreSQL stops.
    await Promise.race([workerExited, new Promise((r) => setTimeout(r, 10_000))]);
    if (database) {
      log("Stopping PostgreSQL…");
      await database.release().catch((e: unknown) => console.error(`[switchyard] PostgreSQL did not stop cleanly: ${String(e)}`));
    }
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  database = await prepareAppDatabase({ dataDir, pgPort, externalUrl: process.env.DATABASE_URL, fresh, log });
  process.env.DATABASE_URL = database.url;
  log(`Database ready: ${database.description}.`);
  try {
    await seedIfEmpty();
    if (mode === "start") ensureBuild(log);
  } catch (error) {
    await database.release().catch(() => undefined);
    throw error;
  }

  const secret = authSecret(dataDir);
  if (process.env.SWITCHYARD_WORKERS !== "0") {
    // Background jobs (impact previews) in their own process, over the same database.
    worker = spawn(process.execPath, processArgs("worker"), {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, DATABASE_URL: database.url, AUTH_SECRET: secret },
    });
    worker.on("exit", (code) => {
      if (!stopping)
        console.error(
          `[switchyard] The background worker exited (code ${code ?? "signal"}); impact previews will wait until it runs again (npm run worker).`,
        );
    });
  }

  // Production: the bundled server (Next.js, plus the routing API's hot path); dev: next dev.
  const nextBin = path.resolve("node_modules", "next", "dist", "bin", "next");
  const args = mode === "dev" ? [nextBin, "dev", "-p", String(port)] : processArgs("server");
  child = spawn(process.execPath, args, {
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      AUTH_SECRET: secret,
      AUTH_TRUST_HOST: "true",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      ...(mode === "dev" ? {} : { NODE_ENV: "production" }),
    },
  });
  child.on("exit", (code) => {
    if (!stopping) {
      console.error(`[switchyard] The console process exited (code ${code ?? "signal"}).`);
      void shutdown(code ?? 1);
    }
  });

  const url = `http://localhost:${port}`;
  if (await waitForHealth(url, child, 120_000)) {
    const { DEMO_PASSWORD, DEMO_USERS } = await import("@/lib/server/seed/demo-org");
    log("");
    log(`Switchyard is running at ${url}`);
    if (seeding) {
      log(`Demo sign-ins (password "${DEMO_PASSWORD}"):`);
      for (const u of DEMO_USERS) log(`  ${u.role.padEnd(9)} ${u.email}`);
    }
    log("Press Ctrl+C to stop.");
  }
}

main().catch((error: unknown) => {
  if (error instanceof StartupError) console.error(`[switchyard] ${error.message}`);
  else console.error("[switchyard] Start-up failed:", error);
  process.exit(1);
});
