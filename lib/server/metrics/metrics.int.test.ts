import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/metrics/route";
import { routeRecords } from "@/lib/server/routing/route-records";

describe("GET /api/metrics (Prometheus)", () => {
  it("is off without METRICS_TOKEN, needs the token when set, and counts this process's routing", async () => {
    delete process.env.METRICS_TOKEN;
    expect((await GET(new Request("http://x/api/metrics"))).status).toBe(403);
    process.env.METRICS_TOKEN = "scrape-me";
    expect((await GET(new Request("http://x/api/metrics", { headers: { authorization: "Bearer wrong" } }))).status).toBe(401);

    await routeRecords({
      records: [
        { id: "metrics-1", type: "lead", fields: { email_domain: "metrics.example", segment: "smb", region: "NA", fit_score: 60, lead_source: "content" } },
        { id: "metrics-2", type: "lead", fields: { email_domain: "metrics.example", region: "NA" } },
      ],
      source: "api",
    });
    const res = await GET(new Request("http://x/api/metrics", { headers: { authorization: "Bearer scrape-me" } }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toMatch(/^# TYPE switchyard_decisions_total counter$/m);
    expect(text).toMatch(/^switchyard_decisions_total\{kind="exception",rule="",version="\d+",source="api"\} [1-9]\d*$/m);
    expect(text).toMatch(/^switchyard_exceptions_total\{reason="MISSING_INPUT"\} [1-9]\d*$/m);
    const count = Number(/^switchyard_routing_duration_ms_count (\d+)$/m.exec(text)![1]);
    const inf = Number(/^switchyard_routing_duration_ms_bucket\{le="\+Inf"\} (\d+)$/m.exec(text)![1]);
    expect(count).toBeGreaterThanOrEqual(1);
    expect(inf).toBe(count);
    // The routing above committed at least one transaction (checked, or locked after a conflict).
    const committed = [...text.matchAll(/^switchyard_routing_transactions_total\{mode="(checked|locked)",outcome="committed"\} (\d+)$/gm)].reduce((n, m) => n + Number(m[2]), 0);
    expect(committed).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^switchyard_routing_transactions_total\{mode="checked",outcome="conflict"\} \d+$/m);
    expect(text).toMatch(/^switchyard_queue_depth\{queue="routing-exceptions",kind="exception"\} [1-9]\d*$/m);
    expect(text).toMatch(/^switchyard_webhook_deliveries\{status="dead"\} \d+$/m);
    delete process.env.METRICS_TOKEN;
  });
});
