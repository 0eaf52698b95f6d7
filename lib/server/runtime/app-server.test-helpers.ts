/** For integration tests: the production server's fast path on a free local port (other paths answer 404). */
import type { AddressInfo } from "node:net";
import { createAppServer, fastRoutes } from "./app-server";

export async function listenFastPath(): Promise<{ base: string; close(): Promise<void> }> {
  const server = createAppServer(await fastRoutes(), (_req, res) => {
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
