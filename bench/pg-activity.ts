/**
 * Where PostgreSQL's time goes during a benchmark run: `pg_stat_activity` sampled every few
 * milliseconds (how many client backends are running, waiting on the WAL fsync, on row locks…)
 * and `pg_stat_wal` (how many fsyncs, how long each). Reported beside the throughput figures so a
 * slow run says why: CPU, the disk, or contention.
 *
 * Needs a superuser connection (the bench's own database): it turns `track_wal_io_timing` on.
 */
import pg from "pg";

export interface PgActivity {
  samples: number;
  /** Average number of client backends in each state: "CPU" (running, no wait event), "IO:WalSync", "Lock:transactionid"… */
  backends: Map<string, number>;
  walSyncs: number;
  /** Mean duration of one WAL fsync (ms), or null when timing is off. */
  msPerWalSync: number | null;
}

export interface PgActivitySampler {
  /** The sampler's own backend (left out of CPU figures: it measures, it does not route). */
  backendPid: number;
  /** Starts sampling (resets the WAL counters). */
  start(): Promise<void>;
  /** Stops sampling and returns what it saw since start(). */
  stop(): Promise<PgActivity>;
  close(): Promise<void>;
}

const SAMPLE_EVERY_MS = 5;

export async function pgActivitySampler(connectionString: string): Promise<PgActivitySampler> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  await client.query("ALTER SYSTEM SET track_wal_io_timing = on");
  await client.query("SELECT pg_reload_conf()");
  const backendPid = Number((await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid);
  let running: Promise<void> | null = null;
  let stopping = false;
  let counts = new Map<string, number>();
  let samples = 0;

  const loop = async () => {
    while (!stopping) {
      const { rows } = await client.query<{ w: string }>(
        `SELECT COALESCE(wait_event_type || ':' || wait_event, 'CPU') AS w FROM pg_stat_activity
         WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND state NOT IN ('idle')`,
      );
      for (const r of rows) counts.set(r.w, (counts.get(r.w) ?? 0) + 1);
      samples++;
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
    }
  };

  return {
    backendPid,
    async start() {
      await client.query("SELECT pg_stat_reset_shared('wal')");
      counts = new Map();
      samples = 0;
      stopping = false;
      running = loop();
    },
    async stop() {
      stopping = true;
      await running;
      const { rows } = await client.query<{ wal_sync: string; wal_sync_time: number }>("SELECT wal_sync, wal_sync_time FROM pg_stat_wal");
      const syncs = Number(rows[0]?.wal_sync ?? 0);
      const syncMs = Number(rows[0]?.wal_sync_time ?? 0);
      const backends = new Map([...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, v / Math.max(1, samples)]));
      return { samples, backends, walSyncs: syncs, msPerWalSync: syncs > 0 && syncMs > 0 ? syncMs / syncs : null };
    },
    async close() {
      await client.end();
    },
  };
}

/** One line: "PostgreSQL: 0.61 backends running, 0.35 waiting on WAL fsync (1,950 fsyncs, 1.33 ms each; 1 per 6.2 decisions), 0.12 on row locks". */
export function describeActivity(a: PgActivity, decisions: number): string {
  const share = (k: string) => (a.backends.get(k) ?? 0).toFixed(2);
  let locks = 0;
  let other = 0;
  for (const [k, v] of a.backends) {
    if (k.startsWith("Lock:")) locks += v;
    else if (k !== "CPU" && k !== "IO:WalSync") other += v;
  }
  const fsync = a.walSyncs
    ? ` (${a.walSyncs.toLocaleString("en-US")} fsyncs${a.msPerWalSync === null ? "" : `, ${a.msPerWalSync.toFixed(2)} ms each`}; 1 per ${(decisions / a.walSyncs).toFixed(1)} decisions)`
    : "";
  return `PostgreSQL, mean busy backends: ${share("CPU")} running, ${share("IO:WalSync")} in WAL fsync${fsync}, ${locks.toFixed(2)} waiting on row locks, ${other.toFixed(2)} on other waits`;
}
