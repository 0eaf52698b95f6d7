/**
 * The Prisma client. Only modules under lib/server/ import it (an ESLint rule enforces this):
 * pages, actions and route handlers call the data-access functions instead.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseTimeouts, poolSizes } from "./db-pools";

export { Prisma } from "@/lib/generated/prisma/client";
export type Db = PrismaClient;

const globalForPrisma = globalThis as unknown as { switchyardPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: start Switchyard with `npm start` or set DATABASE_URL.");
  }
  const adapter = new PrismaPg({ connectionString, max: poolSizes().prisma, connectionTimeoutMillis: databaseTimeouts().connectMs });
  return new PrismaClient({ adapter });
}

/** The process-wide client, created on first use (so builds need no database). */
export function db(): PrismaClient {
  globalForPrisma.switchyardPrisma ??= createClient();
  return globalForPrisma.switchyardPrisma;
}

export async function disconnectDb(): Promise<void> {
  await globalForPrisma.switchyardPrisma?.$disconnect();
  globalForPrisma.switchyardPrisma = undefined;
  const { endPgPool } = await import("./pg");
  await endPgPool();
}
