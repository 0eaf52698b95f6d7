/**
 * switchyard — routing policies from the command line and in CI.
 *
 *   switchyard validate <policy.yaml>
 *   switchyard lint <policy.yaml> [--strict]
 *   switchyard test <policy.yaml> <suite.yaml> [--junit report.xml]
 *   switchyard route <policy.yaml> <records.jsonl> [--accounts accounts.jsonl] [--state state.json] [--now ISO] [--no-trace]
 *   switchyard diff <before.yaml> <after.yaml> <records.jsonl> [--accounts accounts.jsonl] [--state state.json] [--now ISO] [--json]
 *   switchyard verify-log            (the audit log's hash chain and the decisions' evidence hashes, in the database at DATABASE_URL)
 *
 * Without --state every member the policy names is available with no cap.
 * Exit codes: 0 ok · 1 the check failed (invalid policy, lint errors, failing cases) · 2 usage or file error.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { compileValidated, type CompiledPolicy } from "@/lib/engine/compile";
import { evaluateMany } from "@/lib/engine/evaluate";
import { describeDecision } from "@/lib/engine/explain";
import { impactDiff, type ImpactItem } from "@/lib/engine/impact";
import { lintPolicy } from "@/lib/engine/lint";
import { buildAccountIndex, matchingOptionsFor, matchRecord, type AccountIndex } from "@/lib/engine/matching";
import { parsePolicyText, parseYaml } from "@/lib/engine/policy-yaml";
import { formatProblem } from "@/lib/engine/problems";
import { formatDiff, parseSuiteText, policyMembers, runSuite } from "@/lib/engine/test-suite";
import type { AccountContext, RecordContext, RoutedRecord, RoutingState } from "@/lib/engine/types";
import { toJunit } from "./junit";

class CliError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

const USAGE = `Usage:
  switchyard validate <policy.yaml>
  switchyard lint <policy.yaml> [--strict]
  switchyard test <policy.yaml> <suite.yaml> [--junit report.xml]
  switchyard route <policy.yaml> <records.jsonl> [--accounts accounts.jsonl] [--state state.json] [--now ISO] [--no-trace]
  switchyard diff <before.yaml> <after.yaml> <records.jsonl> [--accounts accounts.jsonl] [--state state.json] [--now ISO] [--json]
  switchyard verify-log   (DATABASE_URL: recomputes the audit log's hash chain and every decision's evidence hash)
Exit codes: 0 ok, 1 check failed, 2 usage or file error.`;

function parseArgs(argv: string[]) {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith("--")) {
      const name = a.slice(2);
      const next = argv[i + 1];
      if (["junit", "accounts", "state", "now"].includes(name)) {
        if (next === undefined) throw new CliError(`--${name} needs a value`, 2);
        flags.set(name, next);
        i++;
      } else flags.set(name, true);
    } else positional.push(a);
  }
  return { positional, flags };
}

function read(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new CliError(`Cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`, 2);
  }
}

function loadPolicy(file: string): CompiledPolicy {
  const result = parsePolicyText(read(file));
  if (!result.ok) {
    throw new CliError(
      `${file} is not a valid policy (${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}):\n${result.problems.map((p) => `  ${formatProblem(p, file)}`).join("\n")}`,
      1,
    );
  }
  return compileValidated(result.policy);
}

function jsonl(file: string): Array<{ line: number; value: unknown; error?: string }> {
  return read(file)
    .split("\n")
    .map((text, i) => ({ text: text.trim(), line: i + 1 }))
    .filter((l) => l.text !== "")
    .map(({ text, line }) => {
      try {
        return { line, value: JSON.parse(text) as unknown };
      } catch (e) {
        return { line, value: null, error: e instanceof Error ? e.message : String(e) };
      }
    });
}

/** --state file, or else every member the policy names, available and uncapped. */
function loadState(flags: Map<string, string | true>, cp: CompiledPolicy): RoutingState {
  const file = flags.get("state");
  if (typeof file !== "string") {
    const members: RoutingState["members"] = {};
    for (const key of policyMembers(cp)) members[key] = { active: true, load: 0, capacity: Number.MAX_SAFE_INTEGER };
    return { members, queues: {} };
  }
  try {
    const s = JSON.parse(read(file)) as Partial<RoutingState>;
    return { members: s.members ?? {}, queues: s.queues ?? {} };
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${file} is not valid JSON state: ${e instanceof Error ? e.message : String(e)}`, 2);
  }
}

function loadNow(flags: Map<string, string | true>): Date {
  const v = flags.get("now");
  if (v === undefined) return new Date();
  const d = new Date(String(v));
  if (Number.isNaN(d.getTime())) throw new CliError(`--now must be an ISO date-time, got ${String(v)}`, 2);
  return d;
}

function loadIndex(flags: Map<string, string | true>, cp: CompiledPolicy): AccountIndex | null {
  const file = flags.get("accounts");
  if (typeof file !== "string") return null;
  const accounts = jsonl(file)
    .filter((l) => !l.error && l.value && typeof (l.value as { id?: unknown }).id === "string")
    .map((l) => l.value as AccountContext);
  return buildAccountIndex(accounts, matchingOptionsFor(cp.policy));
}

/** A JSONL line → record + context (inline account, or matched against --accounts). */
function toItem(raw: unknown, index: AccountIndex | null): ImpactItem {
  const o = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const record = { id: o.id, type: o.type, fields: o.fields } as RoutedRecord;
  if (o.account && typeof o.account === "object") {
    const context: RecordContext = {
      account: o.account as AccountContext,
      parentAccount: (o.parentAccount as AccountContext | undefined) ?? null,
      duplicates: Array.isArray(o.duplicates) ? (o.duplicates as string[]) : [],
      matchedBy: "id",
    };
    return { record, context };
  }
  return { record, context: index && record.fields && typeof record.fields === "object" ? matchRecord(record, index) : null };
}

function cmdValidate(file: string): number {
  const result = parsePolicyText(read(file));
  if (!result.ok) {
    console.error(result.problems.map((p) => formatProblem(p, file)).join("\n"));
    console.error(`✗ ${file}: ${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}`);
    return 1;
  }
  const cp = compileValidated(result.policy);
  console.log(
    `✓ ${file}: valid — ${result.policy.rules.length} rules, ${result.policy.suppressions.length} suppressions, ${result.policy.queues.length} queues (hash ${cp.hash.slice(0, 12)})`,
  );
  return 0;
}

function cmdLint(file: string, strict: boolean): number {
  const parsed = parseYaml(read(file));
  if (!parsed.ok) {
    console.error(parsed.problems.map((p) => formatProblem(p, file)).join("\n"));
    return 1;
  }
  const problems = lintPolicy(parsed.value);
  // Attach lines through the same document.
  const located = parsePolicyText(read(file));
  const lines = located.ok ? null : located.problems;
  for (const p of problems) {
    const line = lines?.find((l) => l.path.join(".") === p.path.join("."))?.line;
    console.log(formatProblem({ ...p, line: p.line ?? line }, file));
  }
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  console.log(
    `${errors === 0 && warnings === 0 ? "✓" : errors ? "✗" : "!"} ${file}: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`,
  );
  return errors > 0 || (strict && warnings > 0) ? 1 : 0;
}

function cmdTest(policyFile: string, suiteFile: string, junit: string | undefined): number {
  const cp = loadPolicy(policyFile);
  const suite = parseSuiteText(read(suiteFile));
  if (!suite.ok) throw new CliError(suite.problems.map((p) => formatProblem(p, suiteFile)).join("\n"), 2);
  const result = runSuite(cp, suite.suite);
  for (const r of result.results) {
    console.log(`${r.passed ? "✓" : "✗"} ${r.id} — ${r.name}`);
    if (!r.passed) {
      for (const d of r.diffs) console.log(`    ${formatDiff(d)}`);
      console.log(`    ${describeDecision(r.decision)}`);
    }
  }
  console.log(`\n${result.passed} passed, ${result.failed} failed`);
  if (junit) writeFileSync(junit, toJunit(suite.suite.name, result));
  return result.failed > 0 ? 1 : 0;
}

function cmdRoute(policyFile: string, recordsFile: string, flags: Map<string, string | true>): number {
  const cp = loadPolicy(policyFile);
  const index = loadIndex(flags, cp);
  const now = loadNow(flags);
  const state = loadState(flags, cp);
  const lines = jsonl(recordsFile);
  const items = lines.map((line) =>
    line.error
      ? { record: { id: `line-${line.line}`, type: "lead", fields: null } as unknown as RoutedRecord, context: null }
      : toItem(line.value, index),
  );
  const out: string[] = [];
  evaluateMany(cp, items, state, now, {
    trace: !flags.has("no-trace"),
    onDecision: (decision, i) => {
      const line = lines[i]!;
      out.push(JSON.stringify(line.error ? { ...decision, message: `Line ${line.line} is not JSON: ${line.error}` } : decision));
    },
  });
  process.stdout.write(out.length ? `${out.join("\n")}\n` : "");
  return 0;
}

function cmdDiff(beforeFile: string, afterFile: string, recordsFile: string, flags: Map<string, string | true>): number {
  const before = loadPolicy(beforeFile);
  const after = loadPolicy(afterFile);
  const index = loadIndex(flags, after);
  const items = jsonl(recordsFile)
    .filter((l) => !l.error)
    .map((l) => toItem(l.value, index));
  const report = impactDiff(before, after, items, loadState(flags, after), loadNow(flags));
  if (flags.has("json")) {
    console.log(
      JSON.stringify({ ...report, samples: report.samples.map(({ beforeDecision: _b, afterDecision: _a, ...s }) => s) }, null, 2),
    );
    return 0;
  }
  console.log(`${report.changed} of ${report.total} records change outcome.`);
  for (const t of report.byTransition.slice(0, 20)) console.log(`  ${String(t.count).padStart(6)}  ${t.before} → ${t.after}`);
  const table = (title: string, m: Record<string, { gained: number; lost: number }>) => {
    const rows = Object.entries(m).sort((a, b) => b[1].gained - b[1].lost - (a[1].gained - a[1].lost));
    if (!rows.length) return;
    console.log(`\n${title}:`);
    for (const [k, v] of rows) console.log(`  ${k.padEnd(40)} +${v.gained} −${v.lost}`);
  };
  table("By owner", report.byOwner);
  table("By queue", report.byQueue);
  if (report.newlySuppressed) console.log(`\nNewly suppressed: ${report.newlySuppressed}`);
  const ex = Object.entries(report.newExceptions);
  if (ex.length) console.log(`New exceptions: ${ex.map(([k, v]) => `${k} ${v}`).join(", ")}`);
  return 0;
}

export function main(argv: string[]): number {
  try {
    const { positional, flags } = parseArgs(argv);
    const [command, ...args] = positional;
    const need = (n: number) => {
      if (args.length !== n) throw new CliError(`${command} needs ${n} file${n === 1 ? "" : "s"}.\n${USAGE}`, 2);
    };
    switch (command) {
      case "validate":
        need(1);
        return cmdValidate(args[0]!);
      case "lint":
        need(1);
        return cmdLint(args[0]!, flags.has("strict"));
      case "test": {
        need(2);
        const junit = flags.get("junit");
        return cmdTest(args[0]!, args[1]!, typeof junit === "string" ? junit : undefined);
      }
      case "route":
        need(2);
        return cmdRoute(args[0]!, args[1]!, flags);
      case "diff":
        need(3);
        return cmdDiff(args[0]!, args[1]!, args[2]!, flags);
      case undefined:
      case "help":
        console.log(USAGE);
        return command ? 0 : 2;
      default:
        throw new CliError(`Unknown command "${command}".\n${USAGE}`, 2);
    }
  } catch (e) {
    if (e instanceof CliError) {
      console.error(e.message);
      return e.code;
    }
    console.error(`switchyard: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
}

/**
 * verify-log: every audit event's hash recomputed and every link checked, in the database at
 * DATABASE_URL (the worker's convention). Exit 0 when the chain holds, 1 naming what broke.
 */
export async function verifyLog(): Promise<number> {
  if (!process.env.DATABASE_URL) {
    console.error("switchyard verify-log: set DATABASE_URL to the console's database.");
    return 2;
  }
  const { verifyAuditLog, verifyDecisionLog } = await import("@/lib/server/audit/verify-audit-log");
  const { disconnectDb } = await import("@/lib/server/db");
  try {
    const [r, d] = await Promise.all([verifyAuditLog(), verifyDecisionLog()]);
    if (r.ok) console.log(`Audit log intact: ${r.events} events, chain head ${r.head ?? "(empty)"}.`);
    else {
      console.error(`Audit log broken: ${r.problems.length} problem${r.problems.length === 1 ? "" : "s"} in ${r.events} events.`);
      for (const p of r.problems.slice(0, 50))
        console.error(
          `  event #${p.seq} (${p.id}): ${p.problem === "hash" ? "its fields do not match its hash (edited)" : "it does not follow the event before it (one removed or inserted)"}`,
        );
    }
    if (d.ok) console.log(`Decisions intact: ${d.decisions} decisions, each matching the hash it was stored with.`);
    else {
      console.error(`Decisions edited: ${d.editedCount} of ${d.decisions} no longer match the hash they were stored with.`);
      for (const id of d.edited) console.error(`  decision ${id}: its outcome or evidence was changed after it was stored`);
    }
    return r.ok && d.ok ? 0 : 1;
  } finally {
    await disconnectDb();
  }
}

const argv = process.argv.slice(2);
if (argv[0] === "verify-log") process.exitCode = await verifyLog();
else process.exitCode = main(argv);
