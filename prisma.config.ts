import { defineConfig } from "prisma/config";

// The CLI (migrate, generate) reads the connection from here; the running app builds its own
// client with the pg driver adapter (lib/server/db.ts). `prisma generate` needs no database.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/unset" },
});
