/**
 * Text PostgreSQL cannot keep: a NUL character (text and jsonb end at it or refuse it) and a lone
 * UTF-16 surrogate (not a character; jsonb refuses its escape) — and a field named `__proto__`,
 * which JavaScript reads as the object's prototype. Found anywhere in a JSON value —
 * keys included — with the path to name in the answer, so a body carrying one is a 422 naming
 * the field, never a failed write.
 */
export interface UnstorableText {
  path: Array<string | number>;
  message: string;
}

const MAX_DEPTH = 64;
/** A high surrogate not followed by a low one, or a low one not after a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problemIn(s: string): string | null {
  if (s.includes("\u0000")) return "contains a NUL character (\\u0000), which cannot be stored";
  if (LONE_SURROGATE.test(s)) return "contains a lone surrogate (half of a UTF-16 pair), which is not text";
  return null;
}

export function findUnstorableText(value: unknown, path: Array<string | number> = [], depth = 0): UnstorableText | null {
  if (typeof value === "string") {
    const p = problemIn(value);
    return p ? { path, message: `This value ${p}.` } : null;
  }
  if (value === null || typeof value !== "object") return null;
  if (depth > MAX_DEPTH) return { path, message: `Nested more than ${MAX_DEPTH} levels deep.` };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], [...path, i], depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    // An own "__proto__" key (JSON.parse makes one) reads as the prototype in most JavaScript: no field may have that name.
    if (key === "__proto__") return { path: [...path, key], message: "No field may be named __proto__." };
    const p = problemIn(key);
    if (p) return { path: [...path, key], message: `This field's name ${p}.` };
    const found = findUnstorableText((value as Record<string, unknown>)[key], [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}
