/**
 * State that belongs to the process, not to a module instance: the console's bundles (Next.js)
 * and the routing fast path (scripts/server.ts, loaded outside the bundles) each get their own
 * copy of a module, so caches that a write must invalidate, and the group-commit queue, live on
 * globalThis under one key each — as the database clients do (db.ts, pg.ts).
 */
const g = globalThis as unknown as { switchyardState?: Map<string, unknown> };

export function processState<T>(key: string, init: () => T): T {
  g.switchyardState ??= new Map();
  if (!g.switchyardState.has(key)) g.switchyardState.set(key, init());
  return g.switchyardState.get(key) as T;
}
