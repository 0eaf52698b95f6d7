import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

const PRISMA_CLIENT = ["@/lib/generated/*", "@/lib/generated/**", "**/generated/prisma/**", "@prisma/client", "@prisma/client/*"];

const config = [
  ...nextVitals,
  ...nextTs,
  // Formatting is Prettier's (`npm run lint` checks it): no ESLint rule argues with it.
  prettier,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/generated/**",
      ".data/**",
      "dist/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Only the data-access layer (lib/server/**) talks to the Prisma client.
  {
    files: ["app/**", "components/**", "lib/**", "e2e/**"],
    ignores: ["lib/server/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: PRISMA_CLIENT, message: "Only lib/server/** may use the Prisma client: call a data-access function instead." },
            {
              group: ["@/lib/server/db", "@/lib/server/pg", "pg"],
              message: "Only lib/server/** may use the database: call a data-access function instead.",
            },
          ],
        },
      ],
    },
  },
  // The routing engine is pure: no framework, no database, no I/O, no clock or env reads.
  {
    files: ["lib/engine/**"],
    ignores: ["lib/engine/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "next",
                "next/*",
                "react",
                "react/*",
                "react-dom",
                "react-dom/*",
                ...PRISMA_CLIENT,
                "@prisma/*",
                "@/lib/server/*",
                "@/lib/server/**",
              ],
              message: "lib/engine is framework-free and database-free: pass what it needs as arguments.",
            },
            {
              group: [
                "fs",
                "fs/*",
                "node:fs",
                "node:fs/*",
                "child_process",
                "node:child_process",
                "net",
                "node:net",
                "http",
                "node:http",
                "https",
                "node:https",
                "pg",
                "dgram",
                "node:dgram",
              ],
              message: "lib/engine does no I/O: the caller reads and writes, the engine computes.",
            },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: "lib/engine reads no environment: pass settings in.",
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: "lib/engine reads no clock: take `now` as an argument.",
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "lib/engine reads no clock: take `now` as an argument.",
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: "lib/engine is deterministic: no Math.random.",
        },
      ],
    },
  },
];

export default config;
