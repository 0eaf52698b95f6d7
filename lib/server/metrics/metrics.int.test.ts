import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/metrics/route";
import { routeRecords } from "@/lib/server/routing/route-records";

interface Family {
  name: string;
  type: string;
  metrics: Array<{ value?: string; labels?: Record<string, string>; buckets?: Record<string, string>; count?: string; sum?: string }>;
}

const scrape = async () => {
  const res = await GET(new Request("http://x/api/metrics", { headers: { authorization: "Bearer scrape-me" } }));
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain");
  const families: Family[] = parsePrometheusTextFormat(await res.text());
  const family = (name: string) => {
    const f = families.find((x) => x.name === name);
    expect(f, `${name} is exposed`).toBeDefined();
    return f!;
  };
  const value = (name: string, labels: Record<string, string> = {}) =>
    Number(family(name).metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))?.value ?? Number.NaN);
  return { families, family, value };
};

describe("GET /api/metrics (Prometheus, prom-client)", () => {
  it("is off without METRICS_TOKEN, needs the token when set, and counts this process's routing under the same names", async () => {
    delete process.env.METRICS_TOKEN;
    expect((await GET(new Request("http://x/api/metrics"))).status).toBe(403);
    process.env.METRICS_TOKEN = "scrape-me";
    expect((await GET(new Request("http://x/api/metrics", { headers: { authorization: "Bearer wrong" } }))).status).toBe(401);

    const before = await scrape();
    const exceptionsBefore = before.families
      .find((f) => f.name === "switchyard_exceptions_total")
      ?.metrics.find((m) => m.labels?.reason === "MISSING_INPUT");
    await routeRecords({
      records: [
        {
          id: "metrics-1",
          type: "lead",
          fields: { email_domain: "metrics.example", segment: "smb", region: "NA", fit_score: 60, lead_source: "content" },
        },
        { id: "metrics-2", type: "lead", fields: { email_domain: "metrics.example", region: "NA" } },
      ],
      source: "api",
    });
    const { family, value } = await scrape();

    expect(family("switchyard_decisions_total").type).toBe("COUNTER");
    expect(
      family("switchyard_decisions_total").metrics.some(
        (m) =>
          m.labels?.kind === "exception" &&
          m.labels.rule === "" &&
          m.labels.source === "api" &&
          /^\d+$/.test(m.labels.version ?? "") &&
          Number(m.value) >= 1,
      ),
    ).toBe(true);
    expect(value("switchyard_exceptions_total", { reason: "MISSING_INPUT" })).toBe(Number(exceptionsBefore?.value ?? 0) + 1);

    const latency = family("switchyard_routing_duration_ms");
    expect(latency.type).toBe("HISTOGRAM");
    const h = latency.metrics[0]!;
    expect(Number(h.count)).toBeGreaterThanOrEqual(1);
    expect(Number(h.buckets!["+Inf"])).toBe(Number(h.count));
    expect(Object.keys(h.buckets!)).toEqual(["1", "2", "5", "10", "20", "50", "100", "250", "500", "1000", "2500", "+Inf"]);

    // Every mode and outcome is exposed from the start; the routing above committed at least one transaction.
    const tx = family("switchyard_routing_transactions_total").metrics;
    expect(tx).toHaveLength(6);
    expect(
      value("switchyard_routing_transactions_total", { mode: "checked", outcome: "committed" }) +
        value("switchyard_routing_transactions_total", { mode: "locked", outcome: "committed" }),
    ).toBeGreaterThanOrEqual(1);
    expect(value("switchyard_routing_transactions_total", { mode: "checked", outcome: "conflict" })).toBeGreaterThanOrEqual(0);
    expect(value("switchyard_overrides_total")).toBeGreaterThanOrEqual(0);

    // Database-wide gauges, read at scrape time.
    expect(value("switchyard_queue_depth", { queue: "routing-exceptions", kind: "exception" })).toBeGreaterThanOrEqual(1);
    expect(value("switchyard_webhook_deliveries", { status: "dead" })).toBeGreaterThanOrEqual(0);

    // The default Node.js and process metrics operators expect on every service.
    for (const name of [
      "nodejs_eventloop_lag_seconds",
      "nodejs_heap_size_used_bytes",
      "process_cpu_seconds_total",
      "nodejs_gc_duration_seconds",
    ])
      family(name);
    delete process.env.METRICS_TOKEN;
  });
});
