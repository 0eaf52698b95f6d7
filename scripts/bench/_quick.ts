import autocannon from "autocannon";
const PORT = Number(process.env.BENCH_PORT ?? 3301);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54334);
const base = `http://127.0.0.1:${PORT}`;
function run(opts: autocannon.Options): Promise<autocannon.Result & { seconds: number }> {
  const started = performance.now(); let last = started;
  return new Promise((resolve, reject) => {
    const i = autocannon(opts, (err, result) => (err ? reject(err) : resolve({ ...result, seconds: (last - started) / 1000 })));
    i.on("response", () => { last = performance.now(); });
  });
}
async function main() {
  process.env.DATABASE_URL = `postgresql://postgres:switchyard@127.0.0.1:${PG_PORT}/switchyard`;
  const { db, disconnectDb } = await import("@/lib/server/db");
  const { createApiKey } = await import("@/lib/server/api-keys/api-keys");
  const admin = await db().user.findFirstOrThrow({ where: { role: "ADMIN" } });
  const { key } = await createApiKey({ id: admin.id, email: admin.email, name: admin.name, role: admin.role, memberId: null, memberName: null, memberKey: null }, { name: "bench", scopes: ["route"] });
  const accounts = await db().account.findMany({ where: { isProductWorkspace: false, domain: { not: null } }, select: { externalId: true, domain: true, segment: true, region: true } });
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  let n = Date.now();
  const record = () => { const a = accounts[n % accounts.length]!; n++; const kind = n % 4;
    return kind === 3 ? { id: `bench-${n}`, type: "product_signal", fields: { account_id: a.externalId, signal_score: 70 } }
      : { id: `bench-${n}`, type: kind === 2 ? "demo_request" : "lead", fields: { email_domain: a.domain, segment: a.segment ?? "smb", region: a.region ?? "NA", fit_score: 20 + (n % 80), lead_source: "inbound_demo" } }; };
  const body = () => JSON.stringify({ record: record() });
  await run({ url: `${base}/api/v1/route`, method: "POST", headers, connections: 8, amount: 2000, requests: [{ setupRequest: (r) => ({ ...r, body: body() }) }] });
  for (const c of (process.env.CONNS ?? "32,16").split(",").map(Number)) {
    const r = await run({ url: `${base}/api/v1/route`, method: "POST", headers, connections: c, amount: Number(process.env.N ?? 10000), requests: [{ setupRequest: (x) => ({ ...x, body: body() }) }] });
    console.log(`${c} conns: ${Math.round(r["2xx"] / r.seconds)}/s p50 ${r.latency.p50} p90 ${r.latency.p90} p99 ${r.latency.p99} non2xx ${r.non2xx}`);
  }
  await disconnectDb();
}
main();
