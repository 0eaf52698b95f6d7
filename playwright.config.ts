import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;

// Debian's Chromium (installed by .ci/run); Playwright's own browser download cannot work here.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  // Routing-in-operation tests add test cases (pins, disputes) that fail on purpose: they run after
  // the console tests, whose suite counts assume the reference cases only.
  projects: [
    // The authorisation matrix first: it signs in as every role before the brute-force test locks one out.
    { name: "rbac", testMatch: /rbac-matrix\.spec\.ts$/ },
    {
      name: "console",
      testIgnore: /(operations|shadow|monitor|live-queues|users|security|rbac-matrix)\.spec\.ts$/,
      dependencies: ["rbac"],
    },
    // Shadow mode evaluates every live decision while it runs: kept beside the routing tests, after the console ones.
    // Users adds a user: after the console tests, which count the demo's four.
    { name: "operations", testMatch: /(operations|shadow|users)\.spec\.ts$/, dependencies: ["console"] },
    // Publishes a version that floods a queue: last and alone, so no other test routes under it.
    { name: "monitor", testMatch: /monitor\.spec\.ts$/, dependencies: ["operations"] },
    // Publishes a version that adds a queue: after the monitor's, alone.
    { name: "queues", testMatch: /(live-queues|security)\.spec\.ts$/, dependencies: ["monitor"] },
  ],
  // The real app on a fresh, seeded database (embedded Postgres unless TEST_DATABASE_URL is set).
  webServer: {
    command: "node scripts/bundle.mjs --if-stale && node dist/start.mjs",
    url: `${baseURL}/api/ready`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      SWITCHYARD_DATA_DIR: ".data/e2e",
      SWITCHYARD_PG_PORT: process.env.SWITCHYARD_E2E_PG_PORT ?? "54331",
      SWITCHYARD_FRESH_DB: "1",
      // The post-publish monitor checks every 2 s here (every minute by default).
      SWITCHYARD_MONITOR_INTERVAL_MS: "2000",
      ...(process.env.TEST_DATABASE_URL ? { DATABASE_URL: process.env.TEST_DATABASE_URL } : {}),
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
