/** A problem found in a policy, a record or a test case: where (path, line when known) and what. */
export interface Problem {
  path: Array<string | number>;
  message: string;
  line?: number;
  severity: "error" | "warning";
}

export function formatPath(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>((out, p) => (typeof p === "number" ? `${out}[${p}]` : out ? `${out}.${p}` : p), "");
}

export function formatProblem(p: Problem, file?: string): string {
  const where = `${file ?? ""}${p.line ? `${file ? ":" : "line "}${p.line}` : ""}`;
  return `${where ? `${where}: ` : ""}${p.severity}: ${formatPath(p.path) || "(document)"}: ${p.message}`;
}
