import { db } from "@/lib/server/db";
import { routeRecords } from "@/lib/server/routing/route-records";
import { isSeeded, seedDemo } from "@/lib/server/seed/seed-demo";
if (!(await isSeeded())) await seedDemo();
const accounts = await db().account.findMany({ where: { isProductWorkspace: false, domain: { not: null } }, select: { externalId: true, domain: true, segment: true, region: true } });
let n = 0;
const rec = () => { const a = accounts[n++ % accounts.length]!; return { id: `prof-${n}`, type: "lead" as const, fields: { email_domain: a.domain, segment: a.segment ?? "smb", region: a.region ?? "NA", fit_score: 50, lead_source: "content" } }; };
await routeRecords({ records: Array.from({ length: 100 }, rec), source: "batch" });
for (const size of [1, 100]) {
  const t = performance.now();
  const reps = size === 1 ? 200 : 10;
  if (size === 1) await Promise.all(Array.from({ length: reps }, () => routeRecords({ records: [rec()], source: "api" })));
  else for (let i = 0; i < reps; i++) await routeRecords({ records: Array.from({ length: size }, rec), source: "batch" });
  const ms = performance.now() - t;
  console.log(`size ${size}: ${Math.round((reps * size) / (ms / 1000))} decisions/s`);
}
process.exit(0);
