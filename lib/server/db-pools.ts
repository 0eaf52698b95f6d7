/**
 * How many PostgreSQL connections this process opens, sized together: one budget
 * (DATABASE_POOL_SIZE, default 20 — the connections per app process) split between the routing
 * hot path's plain pg pool (lib/server/pg.ts) and the Prisma client's pool (lib/server/db.ts).
 * pg-boss (lib/server/jobs/boss.ts) keeps its own few where background jobs run. Size
 * PostgreSQL's max_connections for (app processes × budget) + (workers × (budget + jobs)).
 */
export interface PoolSizes {
  total: number;
  routing: number;
  prisma: number;
  jobs: number;
}

const DEFAULT_TOTAL = 20;
const MIN_TOTAL = 4;
const JOBS = 4;

export function poolSizes(env: Record<string, string | undefined> = process.env): PoolSizes {
  const raw = Number(env.DATABASE_POOL_SIZE ?? DEFAULT_TOTAL);
  const total = Number.isInteger(raw) && raw >= MIN_TOTAL ? raw : raw > 0 ? MIN_TOTAL : DEFAULT_TOTAL;
  // Routing holds a connection only for its one commit statement; Prisma serves pages and actions.
  const routing = Math.ceil(total / 2);
  return { total, routing, prisma: total - routing, jobs: JOBS };
}

/**
 * How long a database call may wait: to connect (both pools), and — the routing pool only, whose
 * statements are short — for an answer. A database that is paused or gone then answers 503 with
 * Retry-After instead of holding requests open. Prisma's queries (reports, exports, jobs) have no
 * answer timeout: some are long by nature.
 */
export interface DatabaseTimeouts {
  connectMs: number;
  routingQueryMs: number;
}

const positive = (raw: string | undefined, fallback: number) => {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

export function databaseTimeouts(env: Record<string, string | undefined> = process.env): DatabaseTimeouts {
  return { connectMs: positive(env.DATABASE_CONNECT_TIMEOUT_MS, 5_000), routingQueryMs: positive(env.DATABASE_QUERY_TIMEOUT_MS, 15_000) };
}
