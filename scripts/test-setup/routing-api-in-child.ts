/**
 * A routing API process for the fault tests (lib/server/runtime/faults.int.test.ts): the
 * production server's fast path (POST /api/v1/route, /route/batch) on PORT over DATABASE_URL, in
 * a process of its own so the test can kill it.
 *
 *   node --import tsx scripts/test-setup/routing-api-in-child.ts prepare   # migrate, seed, print {"key": …}
 *   PORT=… node --import tsx scripts/test-setup/routing-api-in-child.ts    # serve; prints "listening"
 */
async function prepare() {
  const { migrateDeploy } = await import("@/lib/server/runtime/database");
  migrateDeploy(process.env.DATABASE_URL!);
  const { seedDemo } = await import("@/lib/server/seed/seed-demo");
  const { createApiKey } = await import("@/lib/server/api-keys/api-keys");
  const { as } = await import("@/lib/server/policies/workflow.test-helpers");
  const { disconnectDb } = await import("@/lib/server/db");
  await seedDemo(new Date("2026-11-25T12:00:00.000Z"));
  const { key } = await createApiKey(await as.admin(), { name: "faults", scopes: ["route"] });
  process.stdout.write(`${JSON.stringify({ key })}\n`);
  await disconnectDb();
}

async function serve() {
  const { createAppServer, fastRoutes } = await import("@/lib/server/runtime/app-server");
  const { log } = await import("@/lib/server/log");
  log().level = "warn";
  const server = createAppServer(await fastRoutes(), (_req, res) => {
    res.writeHead(404);
    res.end();
  });
  server.listen(Number(process.env.PORT), "127.0.0.1", () => process.stdout.write("listening\n"));
}

(process.argv[2] === "prepare" ? prepare() : serve()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
