/** GET /api/metrics in Prometheus text format: this process's registry (`registry.ts`) as prom-client writes it. */
import { metrics } from "./registry";

export async function prometheusText(): Promise<{ body: string; contentType: string }> {
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
