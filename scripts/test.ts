/**
 * `npm test`: every suite, in order, and one closing line `N passed, N failed` summing them.
 *
 *   lint · format (Prettier) · typecheck · unit + integration (Vitest, real Postgres) · production build · e2e
 *   (Playwright in Debian's Chromium against the built app on a fresh database).
 *
 * SWITCHYARD_EXTRA_TEST_DATABASE_URL=postgresql://… also runs the integration tests against
 * that server (CI uses the machine's PostgreSQL 15). A failing step does not stop the others.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const OUT = ".test-results";
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const results: Array<{ step: string } & Counts> = [];
const bin = (name: string) => path.resolve("node_modules", ".bin", name);

function run(cmd: string, args: string[], env: Record<string, string> = {}): number {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  return r.status ?? 1;
}

function banner(step: string): void {
  console.log(`\n━━━ ${step} ━━━`);
}

function check(step: string, cmd: string, args: string[], env?: Record<string, string>): boolean {
  banner(step);
  const ok = run(cmd, args, env) === 0;
  results.push({ step, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
  return ok;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

function vitest(step: string, project: string[], env: Record<string, string> = {}): void {
  banner(step);
  const file = path.join(OUT, `${step.replace(/\W+/g, "-")}.json`);
  const code = run(
    bin("vitest"),
    ["run", ...project.flatMap((p) => ["--project", p]), "--reporter=default", "--reporter=json", `--outputFile.json=${file}`],
    env,
  );
  const json = readJson<{
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    success?: boolean;
  }>(file);
  if (!json) {
    results.push({ step, passed: 0, failed: 1, skipped: 0 });
    return;
  }
  // A suite that crashed before reporting a failed test, or a run that found no tests at all
  // (a configuration error), still fails the step.
  const broken = (code !== 0 || json.success === false || json.numPassedTests + json.numFailedTests === 0) && json.numFailedTests === 0;
  const failed = json.numFailedTests + (broken ? 1 : 0);
  results.push({ step, passed: json.numPassedTests, failed, skipped: json.numPendingTests + json.numTodoTests });
}

function playwright(step: string): void {
  banner(step);
  const file = path.join(OUT, "playwright.json");
  const code = run(bin("playwright"), ["test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
  const json = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(file);
  if (!json) {
    results.push({ step, passed: 0, failed: 1, skipped: 0 });
    return;
  }
  const failed = json.stats.unexpected + json.stats.flaky + (code !== 0 && json.stats.unexpected === 0 ? 1 : 0);
  results.push({ step, passed: json.stats.expected, failed, skipped: json.stats.skipped });
}

check("lint", bin("eslint"), ["--max-warnings=0", "."]);
check("format", bin("prettier"), ["--check", "."]);
check("typecheck", bin("tsc"), ["--noEmit"]);
vitest("unit + integration (embedded or TEST_DATABASE_URL PostgreSQL)", ["unit", "integration"]);
const extra = process.env.SWITCHYARD_EXTRA_TEST_DATABASE_URL;
if (extra) vitest(`integration (PostgreSQL at ${new URL(extra).host})`, ["integration"], { TEST_DATABASE_URL: extra });
// As `npm run build` does: the bundled processes (plain node), then the Next.js build through them.
const built = check("production build", "sh", ["-c", "node scripts/bundle.mjs && node dist/build.mjs"]);
if (built) playwright("e2e (Playwright, Chromium)");
else results.push({ step: "e2e (skipped: no build)", passed: 0, failed: 1, skipped: 0 });

console.log("\n━━━ summary ━━━");
for (const r of results) {
  console.log(`${r.failed > 0 ? "✗" : "✓"} ${r.step}: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ""}`);
}
const total = results.reduce((t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed, skipped: t.skipped + r.skipped }), {
  passed: 0,
  failed: 0,
  skipped: 0,
});
const line = `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`;
writeFileSync(path.join(OUT, "summary.txt"), `${line}\n`);
console.log(line);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
