/**
 * Production build with a source fingerprint, so `npm start` rebuilds only when the code
 * changed since the last build (a fresh clone builds once, later starts are instant).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { StartupError } from "./startup-error";

const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "next.config.js",
  "postcss.config.mjs",
  "package-lock.json",
  "prisma/schema.prisma",
  "tsconfig.json",
];
const SKIP = new Set(["node_modules", ".next", "generated"]);
const STAMP = path.join(".next", "switchyard-source.sha256");

function walk(p: string, out: string[]): void {
  if (!existsSync(p)) return;
  const st = statSync(p);
  if (st.isFile()) {
    out.push(`${p}:${st.size}:${Math.trunc(st.mtimeMs)}`);
    return;
  }
  for (const entry of readdirSync(p, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.endsWith(".test.ts")) continue;
    walk(path.join(p, entry.name), out);
  }
}

export function sourceFingerprint(): string {
  const parts: string[] = [];
  for (const s of SOURCES) walk(s, parts);
  return createHash("sha256").update(parts.sort().join("\n")).digest("hex");
}

export function buildIsCurrent(): boolean {
  return existsSync(path.join(".next", "BUILD_ID")) && existsSync(STAMP) && readFileSync(STAMP, "utf8") === sourceFingerprint();
}

export function build(): void {
  const fingerprint = sourceFingerprint();
  const nextBin = path.resolve("node_modules", "next", "dist", "bin", "next");
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new StartupError("The production build failed (see the output above).");
  writeFileSync(STAMP, fingerprint);
}

export function ensureBuild(log: (line: string) => void): void {
  if (buildIsCurrent()) return;
  log("Building the console for production (first start or code changed; takes a minute or two)…");
  build();
}
