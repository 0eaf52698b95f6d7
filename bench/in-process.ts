/**
 * POST /api/v1/route's handler called in this process by concurrent callers (no HTTP server, no
 * load generator): the routing path alone — key check, validation, account matching, the engine,
 * the checked transaction, the stored decision and its answer. Beside the HTTP figures it shows
 * what the HTTP edge costs on the same cores.
 */
import type { ApiCall } from "@/lib/server/auth/with-api-key";

export interface InProcessResult {
  seconds: number;
  /** Answers with a 2xx status. */
  ok: number;
  p50: number;
  p99: number;
}

export async function routeInProcess(opts: {
  callers: number;
  requests: number;
  apiKey: string;
  body: () => string;
}): Promise<InProcessResult> {
  const { POST } = await import("@/app/api/v1/route/route");
  const headers: Record<string, string> = { authorization: `Bearer ${opts.apiKey}`, "content-type": "application/json" };
  const call = (body: string): ApiCall => ({
    method: "POST",
    path: "/api/v1/route",
    query: () => null,
    header: (name) => headers[name.toLowerCase()] ?? null,
    json: async () => JSON.parse(body) as unknown,
  });
  let left = opts.requests;
  let ok = 0;
  const latencies: number[] = [];
  const caller = async () => {
    while (left-- > 0) {
      const started = performance.now();
      const reply = await POST.run(call(opts.body()), {});
      // What a server would send: the answer serialised.
      JSON.stringify(reply.body);
      latencies.push(performance.now() - started);
      if (reply.status >= 200 && reply.status < 300) ok++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: opts.callers }, caller));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? 0);
  return { seconds, ok, p50: at(0.5), p99: at(0.99) };
}
