/**
 * The production server (`npm start` runs it in place of `next start`): Next.js serves the
 * console and every route, except the routing API's hot path — POST /api/v1/route and
 * /api/v1/route/batch — which this server hands straight to the same route handlers
 * (app/api/v1/route*), skipping the framework's per-request work. Same wrapper, schemas, errors
 * and logs; only the dispatch differs. Everything else, including other methods on those paths,
 * goes to Next.js.
 *
 *   PORT=3000 node dist/server.mjs     (bundled by scripts/bundle.mjs; npm start runs it)
 */
import next from "next";
import { createAppServer, fastRoutes } from "./app-server";

const port = Number(process.env.PORT ?? 3000);
const hostname = "0.0.0.0";

async function main() {
  const app = next({ dev: false, dir: process.cwd(), hostname: "localhost", port });
  const handle = app.getRequestHandler();
  const [routes] = await Promise.all([fastRoutes(), app.prepare()]);
  const server = createAppServer(routes, (req, res) => void handle(req, res));
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => console.log(`[switchyard] console listening on port ${port}`));
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error("[switchyard] The console could not start:", error);
  process.exit(1);
});
