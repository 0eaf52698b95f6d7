/**
 * Policies as YAML (or JSON, a subset of YAML) with problems that name the line and the field.
 */
import { LineCounter, parseDocument, stringify, type Document } from "yaml";
import type { PolicyDocument } from "./policy-schema";
import type { Problem } from "./problems";
import { validatePolicy, type ValidationResult } from "./validate-policy";

type Located = { range?: [number, number, number?] | null };

/** Attaches line numbers to problems by walking the YAML tree along each problem's path. */
export function locate(doc: Document, counter: LineCounter, problems: Problem[]): Problem[] {
  return problems.map((p) => {
    for (let n = p.path.length; n >= 0; n--) {
      const node = (n === 0 ? doc.contents : doc.getIn(p.path.slice(0, n), true)) as Located | null | undefined;
      const start = node?.range?.[0];
      if (typeof start === "number") return { ...p, line: counter.linePos(start).line };
    }
    return p;
  });
}

export function parseYaml(
  text: string,
): { ok: true; value: unknown; doc: Document; counter: LineCounter } | { ok: false; problems: Problem[] } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        path: [],
        message: e.message.split("\n")[0] ?? e.message,
        line: e.linePos?.[0]?.line,
        severity: "error" as const,
      })),
    };
  }
  // Aliases can point nowhere or at themselves: a problem to name, never a throw or a cycle.
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
    JSON.stringify(value);
  } catch (error) {
    const message =
      error instanceof TypeError
        ? "An anchor is used inside itself (a cycle); write that part out instead."
        : (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
    return { ok: false, problems: [{ path: [], message, severity: "error" as const }] };
  }
  return { ok: true, value, doc, counter };
}

export function parsePolicyText(text: string): ValidationResult {
  const parsed = parseYaml(text);
  if (!parsed.ok) return parsed;
  const result = validatePolicy(parsed.value);
  if (result.ok) return { ...result, warnings: locate(parsed.doc, parsed.counter, result.warnings) };
  return { ok: false, problems: locate(parsed.doc, parsed.counter, result.problems) };
}

export function policyToYaml(policy: PolicyDocument): string {
  return stringify(policy, { lineWidth: 120 });
}
