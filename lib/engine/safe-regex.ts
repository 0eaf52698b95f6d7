/**
 * `matches` patterns must not backtrack catastrophically. We accept a conservative subset of
 * regular expressions: no backreferences or lookaround, and a quantifier may only apply to a
 * group that itself holds no quantifier and no alternation (star height 1, so matching time
 * stays polynomial with a small degree). Inputs are also capped (MAX_MATCH_INPUT).
 */
export const MAX_PATTERN_LENGTH = 200;
export const MAX_MATCH_INPUT = 512;

export function unsafeRegexReason(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return `is longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern);
  } catch (e) {
    return `is not a valid regular expression (${e instanceof Error ? e.message : String(e)})`;
  }
  if (/\\[1-9]|\\k</.test(pattern)) return "uses a backreference";
  if (/\(\?(=|!|<=|<!)/.test(pattern)) return "uses lookaround";

  // Walk groups: a group with a quantifier or | inside cannot itself be quantified.
  const stack: Array<{ risky: boolean }> = [];
  let escaped = false;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (escaped) {
      escaped = false;
      continue;
    }
    if (ch === "\\") {
      escaped = true;
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      continue;
    }
    if (ch === "[") {
      inClass = true;
      continue;
    }
    if (ch === "(") {
      stack.push({ risky: false });
      continue;
    }
    if (ch === ")") {
      const group = stack.pop();
      const next = pattern[i + 1];
      const quantified = next === "*" || next === "+" || next === "?" || next === "{";
      if (group?.risky && quantified && next !== "?")
        return "repeats a group that itself repeats or alternates (catastrophic backtracking)";
      if (group?.risky || quantified) {
        const parent = stack[stack.length - 1];
        if (parent) parent.risky = true;
      }
      continue;
    }
    if (ch === "*" || ch === "+" || ch === "{" || ch === "|") {
      const top = stack[stack.length - 1];
      if (top) top.risky = true;
    }
  }
  return null;
}
