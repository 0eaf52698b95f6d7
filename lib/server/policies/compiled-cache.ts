/**
 * Compiled policies by content hash: a version's document never changes once submitted, so the
 * compile (validation + code generation) happens once per process.
 */
import { compileValidated, policyHash, type CompiledPolicy } from "@/lib/engine/compile";
import type { Problem } from "@/lib/engine/problems";
import { validatePolicy } from "@/lib/engine/validate-policy";

const cache = new Map<string, CompiledPolicy>();

export type CompileResult = { ok: true; compiled: CompiledPolicy } | { ok: false; problems: Problem[] };

export function compileDocument(document: unknown): CompileResult {
  const validation = validatePolicy(document);
  if (!validation.ok) return { ok: false, problems: validation.problems };
  const hash = policyHash(validation.policy);
  const hit = cache.get(hash);
  if (hit) return { ok: true, compiled: hit };
  const compiled = compileValidated(validation.policy);
  if (cache.size > 200) cache.clear();
  cache.set(hash, compiled);
  return { ok: true, compiled };
}
