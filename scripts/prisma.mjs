// The Prisma CLI with the offline schema engine where Prisma's binary cannot be downloaded:
// ../shared/prisma-offline/schema-engine-shim.mjs is used when present (see DEVELOPERS.md),
// elsewhere the normal engine. Usage: node scripts/prisma.mjs <prisma args…>
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const shim = path.resolve("..", "shared", "prisma-offline", "schema-engine-shim.mjs");
const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY && existsSync(shim)) env.PRISMA_SCHEMA_ENGINE_BINARY = shim;
const cli = path.resolve("node_modules", "prisma", "build", "index.js");
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: "inherit", env });
process.exit(result.status ?? 1);
