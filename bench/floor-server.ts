/**
 * The floor server of `npm run bench:api`: the least a routing API can do and still persist a
 * decision — a bare `node:http` server and a `pg` pool (the app's pool size) that parses the same
 * JSON body and inserts the same Decision row (every column, the same evidence size: a real
 * decision captured from Switchyard, its record swapped for the request's), one INSERT per
 * request, nothing else: no auth, no matching, no engine, no distribution state, no log (its
 * evidence hash computed here, as Switchyard's commit computes its own). Its
 * throughput is what this box can persist through HTTP at all; Switchyard is reported as a ratio
 * of it.
 *
 * Env: PORT, DATABASE_URL, FLOOR_SAMPLE (a file with one stored decision as the API returns it).
 */
import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import pg from "pg";

const sample = JSON.parse(readFileSync(process.env.FLOOR_SAMPLE!, "utf8")) as Record<string, unknown> & {
  policyVersion: { id: string; number: number };
};
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.FLOOR_POOL_SIZE ?? 10) });
pool.on("error", () => undefined);

const INSERT = `INSERT INTO "Decision" (id, "createdAt", "recordId", "objectType", "policyVersionId", "versionNumber", "policyHash", kind,
  "assigneeKey", "queueKey", "ruleKey", intent, "suppressionKey", "reasonCode", "slaDueAt", "evaluatedAt", source, "requestId", "apiKeyId",
  "accountExternalId", record, context, "stateSnapshot", decision, "currentAssigneeKey", "currentQueueKey", "resolvedAt", "reroutedFromId", "shadowRunId",
  "evidenceHash")
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, NULL, NULL, $28)`;

const str = (v: unknown) => (typeof v === "string" ? v : null);

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    let record: { id: string; type: string };
    try {
      record = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { record: { id: string; type: string } }).record;
    } catch {
      res.writeHead(400).end();
      return;
    }
    const now = new Date();
    const decision = { ...sample, recordId: record.id, objectType: record.type };
    const id = randomUUID();
    const recordText = JSON.stringify(record);
    const decisionText = JSON.stringify(decision);
    // Hashed here as Switchyard's commit does (so the insert trigger has nothing to compute).
    const evidenceHash = createHash("sha256").update(`${id}${recordText}${decisionText}`).digest("hex");
    pool
      .query(INSERT, [
        id,
        now,
        record.id,
        record.type,
        sample.policyVersion.id,
        sample.policyVersion.number,
        str(sample.policyHash),
        str(sample.kind),
        str(sample.assignee),
        str(sample.queue),
        str(sample.ruleKey),
        str(sample.intent),
        str(sample.suppressionKey),
        str(sample.reasonCode),
        str(sample.slaDueAt),
        now,
        "api",
        null,
        null,
        null,
        recordText,
        null,
        "{}",
        decisionText,
        str(sample.assignee),
        str(sample.queue),
        sample.kind === "assigned" ? now : null,
        evidenceHash,
      ])
      .then(() => {
        res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ decision: { id } }));
      })
      .catch((e: unknown) => {
        res.writeHead(500).end(String(e));
      });
  });
}).listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
