/**
 * Gives the app a migrated database: DATABASE_URL when set, else the embedded PostgreSQL.
 * With `fresh`, a new uniquely named database is created (and dropped on release) — used by
 * the e2e server so every run starts from the same seeded state.
 */
import path from "node:path";
import { canConnect, createDatabaseIfMissing, createIsolatedDatabase, migrateDeploy } from "./database";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { StartupError } from "./startup-error";

export interface AppDatabase {
  url: string;
  description: string;
  release(): Promise<void>;
}

export interface AppDatabaseOptions {
  dataDir: string;
  pgPort: number;
  /** Server to use instead of the embedded one (DATABASE_URL or TEST_DATABASE_URL). */
  externalUrl?: string;
  fresh?: boolean;
  log: (line: string) => void;
}

export async function prepareAppDatabase(opts: AppDatabaseOptions): Promise<AppDatabase> {
  let serverUrl: string;
  let stopServer: () => Promise<void> = async () => undefined;
  let description: string;

  if (opts.externalUrl) {
    if (!(await canConnect(opts.externalUrl))) {
      const u = new URL(opts.externalUrl);
      throw new StartupError(
        `Cannot connect to the PostgreSQL in DATABASE_URL (${u.hostname}:${u.port || 5432}${u.pathname}). Check that it runs and the URL is right.`,
      );
    }
    serverUrl = opts.externalUrl;
    description = `PostgreSQL at ${new URL(opts.externalUrl).host}`;
  } else {
    const server = await startEmbeddedPostgres({ dataDir: path.join(opts.dataDir, "pg"), port: opts.pgPort });
    serverUrl = server.serverUrl;
    stopServer = () => server.stop();
    description = `embedded PostgreSQL 17 on port ${opts.pgPort} (data in ${path.join(opts.dataDir, "pg")})`;
  }

  try {
    let url: string;
    let dropDb: () => Promise<void> = async () => undefined;
    if (opts.fresh) {
      const isolated = await createIsolatedDatabase(serverUrl, "switchyard_e2e");
      url = isolated.url;
      dropDb = isolated.drop;
    } else {
      url = opts.externalUrl ? opts.externalUrl : await createDatabaseIfMissing(serverUrl, "switchyard");
    }
    opts.log("Applying database migrations…");
    migrateDeploy(url);
    return {
      url,
      description,
      async release() {
        await dropDb().catch(() => undefined);
        await stopServer();
      },
    };
  } catch (error) {
    await stopServer().catch(() => undefined);
    throw error;
  }
}
