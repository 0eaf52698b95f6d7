import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    environment: "node",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "bench/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          globalSetup: ["./scripts/test-setup/bundle-global.ts"],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["lib/**/*.int.test.ts", "scripts/**/*.int.test.ts"],
          globalSetup: ["./scripts/test-setup/bundle-global.ts", "./scripts/test-setup/integration-global.ts"],
          setupFiles: ["./scripts/test-setup/integration-env.ts"],
          testTimeout: 30_000,
          hookTimeout: 180_000,
          // Each file has its own database (a copy of the seeded template): files run side by side.
          fileParallelism: true,
          maxWorkers: 2,
          // Its own group (after the unit tests), as its worker count differs from theirs.
          sequence: { groupOrder: 1 },
          // Route modules reach next-auth, whose ESM imports "next/server" without an extension:
          // transformed by Vite (which resolves it) rather than loaded by Node as is.
          server: { deps: { inline: ["next-auth"] } },
        },
      },
    ],
  },
});
