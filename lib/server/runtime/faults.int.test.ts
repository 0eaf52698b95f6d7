/**
 * Faults under load, on a PostgreSQL and a routing API process of their own (the other test files'
 * database is never touched): 12 clients route 600 records through POST /api/v1/route, each
 * retrying with the same Idempotency-Key until it gets an answer — while PostgreSQL is paused
 * (SIGSTOP) for 2 s, then stopped and started again, then the API process is killed (SIGKILL) and
 * started again. Afterwards:
 * - no answer was a 500: the database paused or gone is 503 with Retry-After, the process gone a
 *   refused connection;
 * - every record has exactly one stored decision, the one its client was answered with (nothing
 *   decided twice, no 2xx without its decision, no decision its client never got);
 * - every member's load rose by exactly the decisions assigned to them (nothing double-counted
 *   or lost when a commit was cut off);
 * - each fault's recovery time (from the fault's end to the next 2xx) is printed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabaseIfMissing } from "./database";
import { portIsFree, startEmbeddedPostgres, type EmbeddedServer } from "./embedded-postgres";

const DATA_DIR = path.resolve(".data", `faults-${process.pid}`);
const RECORDS = 600;
const CLIENTS = 12;

async function freePort(from: number): Promise<number> {
  for (let p = from; p < from + 200; p++) if (await portIsFree(p)) return p;
  throw new Error(`no free port from ${from}`);
}

/** PostgreSQL's processes: the postmaster (postmaster.pid's first line) and everything under it. */
function postgresProcesses(): number[] {
  const postmaster = Number(readFileSync(path.join(DATA_DIR, "postmaster.pid"), "utf8").split("\n")[0]);
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // gone meanwhile
    }
  }
  const out = [postmaster];
  for (let i = 0; i < out.length; i++) for (const [pid, ppid] of parents) if (ppid === out[i]) out.push(pid);
  return out;
}

let server: EmbeddedServer;
let pgPort = 0;
let appPort = 0;
let databaseUrl = "";
let apiKey = "";
let app: ChildProcess | null = null;

const CHILD = ["--import", "tsx", "scripts/test-setup/routing-api-in-child.ts"];
const childEnv = () => ({
  ...process.env,
  DATABASE_URL: databaseUrl,
  PORT: String(appPort),
  DATABASE_POOL_SIZE: "8",
  DATABASE_CONNECT_TIMEOUT_MS: "1000",
  DATABASE_QUERY_TIMEOUT_MS: "1500",
});

/** The child's first line matching `wanted`. */
function lineFrom(child: ChildProcess, wanted: (line: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      if (wanted(line)) {
        lines.close();
        resolve(line);
      }
    });
    child.once("exit", (code) => reject(new Error(`the routing API process exited (${code})`)));
  });
}

async function startApp(): Promise<ChildProcess> {
  const child = spawn(process.execPath, CHILD, { env: childEnv(), stdio: ["ignore", "pipe", "inherit"] });
  await lineFrom(child, (l) => l === "listening");
  return child;
}

beforeAll(async () => {
  rmSync(DATA_DIR, { recursive: true, force: true });
  pgPort = await freePort(54350);
  appPort = await freePort(3350);
  server = await startEmbeddedPostgres({ dataDir: DATA_DIR, port: pgPort });
  databaseUrl = await createDatabaseIfMissing(server.serverUrl, "switchyard_faults");
  const prepare = spawn(process.execPath, [...CHILD, "prepare"], { env: childEnv(), stdio: ["ignore", "pipe", "inherit"] });
  apiKey = (JSON.parse(await lineFrom(prepare, (l) => l.startsWith("{"))) as { key: string }).key;
  app = await startApp();
}, 180_000);

afterAll(async () => {
  app?.kill("SIGKILL");
  await server?.stop();
  rmSync(DATA_DIR, { recursive: true, force: true });
});

const until = async (condition: () => boolean, what: string, timeoutMs = 60_000) => {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("faults under load", () => {
  it("PostgreSQL paused, PostgreSQL stopped, the API process killed: 503s and refusals only, every record decided once, loads exact", async () => {
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const loadsBefore = new Map(
      (await db.query<{ email: string; activeLoad: number }>(`SELECT email, "activeLoad" FROM "Member"`)).rows.map((r) => [
        r.email,
        r.activeLoad,
      ]),
    );
    await db.end();

    const answers = new Map<string, { decisionId: string | null; statuses: Array<number | "refused"> }>();
    const okAt: number[] = [];
    let missingRetryAfter = 0;
    let issued = 0;
    const record = (i: number) => ({
      id: `fault-${i}`,
      type: "lead",
      fields: {
        email_domain: `fault-${i}.example`,
        segment: i % 3 ? "smb" : "mid_market",
        region: "NA",
        fit_score: 40 + (i % 50),
        lead_source: "content",
      },
    });
    const client = async () => {
      for (let i = issued++; i < RECORDS; i = issued++) {
        const r = record(i);
        const answer = { decisionId: null as string | null, statuses: [] as Array<number | "refused"> };
        answers.set(r.id, answer);
        const deadline = Date.now() + 120_000;
        while (!answer.decisionId) {
          if (Date.now() > deadline) throw new Error(`${r.id} got no answer in 2 minutes: ${answer.statuses.join(", ")}`);
          try {
            const res = await fetch(`http://127.0.0.1:${appPort}/api/v1/route`, {
              method: "POST",
              headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", "idempotency-key": r.id },
              body: JSON.stringify({ record: r }),
              signal: AbortSignal.timeout(15_000),
            });
            answer.statuses.push(res.status);
            if (res.ok) {
              answer.decisionId = ((await res.json()) as { decision: { id: string } }).decision.id;
              okAt.push(Date.now());
              continue;
            }
            if (res.status === 503 && !res.headers.get("retry-after")) missingRetryAfter++;
            await res.text();
          } catch {
            answer.statuses.push("refused");
          }
          // The client's own back-off before it retries with the same key.
          await pause(50);
        }
      }
    };
    const answered = () => okAt.length;
    const recovery: Record<string, string> = {};
    /** From the fault's end (PostgreSQL continued or started, the process listening again) to the next 2xx, and from its start. */
    const recoveredAfter = async (what: string, began: number, since: number) => {
      await until(() => okAt.some((t) => t >= since), `a 2xx after ${what}`);
      const first = Math.min(...okAt.filter((t) => t >= since));
      recovery[what] = `${first - since} ms after it ended (${first - began} ms after it began)`;
    };

    const load = Promise.all(Array.from({ length: CLIENTS }, client));
    const faults = (async () => {
      await until(() => answered() >= 100, "100 answers");
      // 1. PostgreSQL paused for 2 s: every process under the postmaster stopped, then continued.
      const pids = postgresProcesses();
      const paused = Date.now();
      for (const pid of pids) process.kill(pid, "SIGSTOP");
      await pause(2_000);
      for (const pid of pids) process.kill(pid, "SIGCONT");
      await recoveredAfter("PostgreSQL paused 2 s", paused, Date.now());

      await until(() => answered() >= 250, "250 answers");
      // 2. PostgreSQL stopped (connections cut, open transactions rolled back), started again 1 s later.
      const stopped = Date.now();
      await server.stop();
      await pause(1_000);
      server = await startEmbeddedPostgres({ dataDir: DATA_DIR, port: pgPort });
      await recoveredAfter("PostgreSQL stopped 1 s", stopped, Date.now());

      await until(() => answered() >= 400, "400 answers");
      // 3. The API process killed mid-load (its group-commit queue lost), started again.
      const exited = new Promise((r) => app!.once("exit", r));
      const killed = Date.now();
      app!.kill("SIGKILL");
      await exited;
      app = await startApp();
      await recoveredAfter("API process killed and started again", killed, Date.now());
    })();
    await Promise.all([load, faults]);

    const statuses = [...answers.values()].flatMap((a) => a.statuses);
    const count = (s: number | "refused") => statuses.filter((x) => x === s).length;
    console.log(
      `[faults] ${RECORDS} records, ${statuses.length} requests: ${count(201)} × 201, ${count(200)} × 200 (answered again by key), ${count(503)} × 503, ${count(409)} × 409, ${count("refused")} refused; recovery: ${Object.entries(
        recovery,
      )
        .map(([k, v]) => `${k}: ${v}`)
        .join(", ")}`,
    );
    expect(statuses.filter((s) => s !== "refused" && s >= 500 && s !== 503)).toEqual([]);
    expect(missingRetryAfter).toBe(0);
    // The faults were felt: the database's absence answered 503 at least once.
    expect(count(503)).toBeGreaterThan(0);

    const check = new pg.Client({ connectionString: databaseUrl });
    await check.connect();
    try {
      const stored = (
        await check.query<{ id: string; recordId: string; assigneeKey: string | null; kind: string }>(
          `SELECT id, "recordId", "assigneeKey", kind FROM "Decision" WHERE "recordId" LIKE 'fault-%'`,
        )
      ).rows;
      const byRecord = new Map<string, string[]>();
      for (const d of stored) byRecord.set(d.recordId, [...(byRecord.get(d.recordId) ?? []), d.id]);
      const decidedTwice = [...byRecord].filter(([, ids]) => ids.length !== 1);
      expect(decidedTwice).toEqual([]);
      expect(byRecord.size).toBe(RECORDS);
      for (const [id, answer] of answers) expect(byRecord.get(id), id).toEqual([answer.decisionId]);

      const assigned = new Map<string, number>();
      for (const d of stored)
        if (d.kind === "assigned" && d.assigneeKey) assigned.set(d.assigneeKey, (assigned.get(d.assigneeKey) ?? 0) + 1);
      const after = (await check.query<{ email: string; activeLoad: number }>(`SELECT email, "activeLoad" FROM "Member"`)).rows;
      const wrong = after.filter((m) => m.activeLoad - (loadsBefore.get(m.email) ?? 0) !== (assigned.get(m.email) ?? 0));
      expect(wrong).toEqual([]);
    } finally {
      await check.end();
    }
  }, 300_000);
});
