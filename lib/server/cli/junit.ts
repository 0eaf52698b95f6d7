import type { SuiteResult } from "@/lib/engine/test-suite";
import { formatDiff } from "@/lib/engine/test-suite";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** JUnit XML, so CI systems show each routing case as a test. */
export function toJunit(suiteName: string, result: SuiteResult): string {
  const cases = result.results
    .map((r) => {
      const body = r.passed
        ? ""
        : `<failure message="${esc(r.diffs.map(formatDiff).join("; "))}">${esc(r.diffs.map(formatDiff).join("\n"))}</failure>`;
      return `    <testcase classname="${esc(suiteName)}" name="${esc(`${r.id}: ${r.name}`)}">${body}</testcase>`;
    })
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites tests="${result.results.length}" failures="${result.failed}">\n  <testsuite name="${esc(suiteName)}" tests="${result.results.length}" failures="${result.failed}">\n${cases}\n  </testsuite>\n</testsuites>\n`;
}
