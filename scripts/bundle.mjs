#!/usr/bin/env node
/**
 * The production processes as plain JavaScript: esbuild bundles each entry point (its TypeScript
 * and the `@/` imports, resolved through tsconfig.json's paths) into dist/, packages from
 * node_modules left as imports (but see `externals`). `npm start`, `npm run worker` and `npm run switchyard` run these
 * bundles with plain node — no TypeScript loader in production. Rebuilt when a source file is
 * newer than the bundles (`--if-stale`), in about a second.
 *
 *   node scripts/bundle.mjs [--if-stale]
 */
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { build } from "esbuild";

const requireHere = createRequire(import.meta.url);

/**
 * Which imports stay imports: packages do (node_modules is there at run time), except
 * - JSON data, bundled in (Node's ESM would need an import attribute for it);
 * - next-auth and @auth/core, bundled in: their ES modules import `next/server` without an
 *   extension, which Node's resolver refuses (Next.js has no exports map);
 * - `next/<name>` itself, kept as an import of `next/<name>.js` for the same reason.
 */
const externals = {
  name: "externals",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("@/")) return undefined; // this repository (tsconfig.json paths)
      if (args.path.endsWith(".json")) return { path: requireHere.resolve(args.path, { paths: [args.resolveDir] }) };
      if (/^(next-auth|@auth\/core)(\/|$)/.test(args.path)) return undefined;
      if (/^next\/[\w-]+$/.test(args.path)) return { path: `${args.path}.js`, external: true };
      return { path: args.path, external: true };
    });
  },
};

const ENTRIES = {
  start: "lib/server/runtime/start.ts",
  server: "lib/server/runtime/server.ts",
  worker: "lib/server/runtime/worker.ts",
  build: "lib/server/runtime/build.ts",
  cli: "lib/server/cli/switchyard.ts",
};
const OUT = "dist";
const STAMP = path.join(OUT, ".bundled");
const SOURCES = ["lib", "app", "scripts/bundle.mjs", "package-lock.json", "tsconfig.json", "prisma/schema.prisma"];
const SKIP = new Set(["node_modules", ".next", "generated", "test-setup"]);

/** The newest modification time among the sources (test files do not count). */
function newest(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (st.isFile()) return /\.test\.tsx?$/.test(p) ? 0 : st.mtimeMs;
  let n = 0;
  for (const e of readdirSync(p, { withFileTypes: true })) if (!SKIP.has(e.name)) n = Math.max(n, newest(path.join(p, e.name)));
  return n;
}

export async function bundle({ ifStale = false } = {}) {
  if (ifStale && existsSync(STAMP) && statSync(STAMP).mtimeMs >= Math.max(...SOURCES.map(newest))) return false;
  await build({
    entryPoints: ENTRIES,
    outdir: OUT,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    // Modules reached only by import() load when first used, in chunks of their own: the routing
    // handlers (and the next/* modules they import) after Next.js has set up its environment.
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    sourcemap: "linked",
    logLevel: "warning",
    plugins: [externals],
    // Bundled ESM still meets CommonJS-minded code (Prisma's generated client reads __dirname).
    banner: {
      js: [
        `import { createRequire as __switchyardRequire } from "node:module";`,
        `import { fileURLToPath as __switchyardPath } from "node:url";`,
        `const require = __switchyardRequire(import.meta.url);`,
        `const __filename = __switchyardPath(import.meta.url);`,
        `const __dirname = __switchyardPath(new URL(".", import.meta.url));`,
      ].join("\n"),
    },
  });
  writeFileSync(STAMP, new Date().toISOString());
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  const built = await bundle({ ifStale: process.argv.includes("--if-stale") });
  // On stderr: the CLI's output (stdout) stays what the command printed.
  if (built) console.error(`[switchyard] Bundled the production processes into ${OUT}/ in ${Date.now() - started} ms.`);
}
