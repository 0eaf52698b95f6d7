import { timingSafeEqual } from "node:crypto";
import { prometheusText } from "@/lib/server/metrics/prometheus";

export const dynamic = "force-dynamic";

function allowed(req: Request): boolean {
  const token = process.env.METRICS_TOKEN;
  if (!token) return false;
  const got = Buffer.from(req.headers.get("authorization")?.replace(/^Bearer\s+/i, "") ?? "");
  const want = Buffer.from(token);
  return got.length === want.length && timingSafeEqual(got, want);
}

/** GET /api/metrics — Prometheus text format (prom-client); `Authorization: Bearer $METRICS_TOKEN` (off until METRICS_TOKEN is set). */
export async function GET(req: Request) {
  if (!allowed(req)) {
    const message = process.env.METRICS_TOKEN
      ? "Send Authorization: Bearer <METRICS_TOKEN>."
      : "Metrics are off: set METRICS_TOKEN and scrape with Authorization: Bearer <token>.";
    return Response.json(
      { error: { code: process.env.METRICS_TOKEN ? "UNAUTHENTICATED" : "FORBIDDEN", message } },
      { status: process.env.METRICS_TOKEN ? 401 : 403 },
    );
  }
  const { body, contentType } = await prometheusText();
  return new Response(body, { headers: { "content-type": contentType } });
}
