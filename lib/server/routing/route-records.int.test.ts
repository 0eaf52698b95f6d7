/**
 * Routing with persistence on real Postgres: concurrency (caps, rotations), idempotency,
 * replay equality. A policy of its own ("concurrency-lab") keeps the demo policy untouched.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { beforeAll, describe, expect, it } from "vitest";
import { policyHash } from "@/lib/engine/compile";
import { validatePolicy } from "@/lib/engine/validate-policy";
import { AppError } from "@/lib/errors";
import { createApiKey } from "@/lib/server/api-keys/api-keys";
import { db, type Prisma } from "@/lib/server/db";
import { replayRow } from "@/lib/server/decisions/get-decision";
import { routingTransactions, type TransactionCounts } from "@/lib/server/metrics/registry";
import { auditRow } from "@/lib/server/audit/record-audit";
import { as } from "@/lib/server/policies/workflow.test-helpers";
import { routeForApi } from "./route-api";
import { routeRecords } from "./route-records";
import { rememberState } from "./routing-state";
import { pgPool } from "@/lib/server/pg";

const LAB = "concurrency-lab";
const people = [
  "lab.a@lumendata.example",
  "lab.b@lumendata.example",
  "lab.c@lumendata.example",
  "lab.d@lumendata.example",
  "lab.e@lumendata.example",
  "lab.f@lumendata.example",
];

const labPolicy = {
  apiVersion: "switchyard/v1",
  name: "Concurrency lab",
  objectTypes: ["lead"],
  inputs: [{ name: "lane", type: "enum", values: ["capped", "rotation", "weighted", "queue-capped"], required: true }],
  rules: [
    {
      key: "capped",
      name: "Capped queue",
      intent: "capacity",
      appliesTo: ["lead"],
      when: { field: "lane", op: "eq", value: "capped" },
      action: { type: "queue", queue: "capped" },
    },
    {
      key: "rotation",
      name: "Rotation",
      intent: "territory",
      appliesTo: ["lead"],
      when: { field: "lane", op: "eq", value: "rotation" },
      action: { type: "queue", queue: "rotation" },
    },
    {
      key: "weighted",
      name: "Weighted",
      intent: "territory",
      appliesTo: ["lead"],
      when: { field: "lane", op: "eq", value: "weighted" },
      action: { type: "queue", queue: "weighted" },
    },
    {
      key: "queue-capped",
      name: "Caps on this queue's work",
      intent: "capacity",
      appliesTo: ["lead"],
      when: { field: "lane", op: "eq", value: "queue-capped" },
      action: { type: "queue", queue: "queue-capped" },
    },
  ],
  queues: [
    {
      key: "capped",
      name: "Capped",
      distribution: "round_robin",
      members: [
        { member: people[0], cap: 4 },
        { member: people[1], cap: 3 },
        { member: people[2], cap: 3 },
      ],
      overflow: "lab-review",
    },
    { key: "lab-review", name: "Review (capped overflow)", members: [] },
    {
      key: "rotation",
      name: "Rotation",
      distribution: "round_robin",
      members: [{ member: people[3] }, { member: people[4] }, { member: people[5] }],
    },
    {
      key: "weighted",
      name: "Weighted",
      distribution: "weighted_round_robin",
      members: [
        { member: people[3], weight: 2 },
        { member: people[4], weight: 1 },
      ],
    },
    {
      key: "queue-capped",
      name: "Capped on its own work",
      distribution: "round_robin",
      capCounts: "queue",
      members: [
        { member: people[0], cap: 2 },
        { member: people[1], cap: 2 },
      ],
      overflow: "lab-review",
    },
    { key: "lab-exceptions", name: "Exceptions" },
  ],
  fallback: { queue: "lab-review" },
  exceptions: { queue: "lab-exceptions" },
};

const lead = (id: string, lane: string) => ({ id, type: "lead" as const, fields: { lane } });

function groupBy<T>(xs: T[], key: (x: T) => string): Record<string, T[]> {
  const out: Record<string, T[]> = {};
  for (const x of xs) (out[key(x)] ??= []).push(x);
  return out;
}

async function loads(): Promise<Record<string, number>> {
  const rows = await db().member.findMany({ where: { email: { in: people } }, select: { email: true, activeLoad: true } });
  return Object.fromEntries(rows.map((r) => [r.email, r.activeLoad]));
}

async function resetLab() {
  await db().member.updateMany({ where: { email: { in: people } }, data: { activeLoad: 0 } });
  await db().queueCursor.deleteMany({ where: { queueKey: { in: ["capped", "rotation", "weighted", "lab-review", "queue-capped"] } } });
}

interface ChildResult {
  ids: string[];
  started: number;
  ended: number;
  transactions: TransactionCounts;
}

/**
 * Another app process (scripts/test-setup/route-in-child.ts) with these records, connected and
 * waiting: `go()` starts its routing; `started` resolves once it has begun, `done` with what it did.
 */
async function otherProcess(
  records: Array<ReturnType<typeof lead>>,
): Promise<{ go: () => { started: Promise<string>; done: Promise<ChildResult> } }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/test-setup/route-in-child.ts", JSON.stringify({ policyKey: LAB, records })],
    {
      env: { ...process.env },
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const lines = createInterface({ input: child.stdout });
  // The first line that is `ready` / a JSON object (anything else the process prints is skipped).
  const next = (wanted: (line: string) => boolean) =>
    new Promise<string>((resolve, reject) => {
      const onLine = (line: string) => {
        if (!wanted(line)) return;
        lines.off("line", onLine);
        resolve(line);
      };
      lines.on("line", onLine);
      child.once("exit", (code) => reject(new Error(`the other process exited (${code}) before answering`)));
    });
  await next((line) => line === "ready");
  return {
    go: () => {
      const started = next((line) => line === "started");
      const answer = next((line) => line.startsWith("{"));
      child.stdin.write("go\n");
      const done = answer.then((line) => {
        child.stdin.end();
        return JSON.parse(line) as ChildResult;
      });
      return { started, done };
    },
  };
}

const delta = (before: TransactionCounts, after: TransactionCounts) => ({
  checked: { committed: after.checked.committed - before.checked.committed, conflict: after.checked.conflict - before.checked.conflict },
  locked: { committed: after.locked.committed - before.locked.committed, conflict: after.locked.conflict - before.locked.conflict },
});

beforeAll(async () => {
  const admin = await as.admin();
  const team = await db().team.findFirstOrThrow();
  for (const email of people) {
    await db().member.upsert({
      where: { email },
      update: {},
      create: { email, name: email.split("@")[0]!, title: "Lab rep", function: "sdr", teamId: team.id, capacity: 100 },
    });
  }
  const v = validatePolicy(labPolicy);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  const existing = await db().policy.findUnique({ where: { key: LAB } });
  if (!existing) {
    const policy = await db().policy.create({ data: { key: LAB, name: "Concurrency lab" } });
    const version = await db().policyVersion.create({
      data: {
        policyId: policy.id,
        number: 1,
        status: "PUBLISHED",
        document: v.policy as unknown as Prisma.InputJsonValue,
        contentHash: policyHash(v.policy),
        authorId: admin.id,
        publishedAt: new Date(),
      },
    });
    await db().policy.update({ where: { id: policy.id }, data: { liveVersionId: version.id } });
  }
});

describe("routing with persistence (real Postgres)", () => {
  it("capCounts: queue — caps count only this queue's work: 30 parallel records, 2+2 assigned whatever else they hold; an override frees a slot", async () => {
    await resetLab();
    // Busy elsewhere (50 open of 100): a total cap of 2 would refuse them; this queue's cap does not.
    await db().member.updateMany({ where: { email: { in: [people[0]!, people[1]!] } }, data: { activeLoad: 50 } });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => routeRecords({ records: [lead(`qcap-${i}`, "queue-capped")], source: "api", policyKey: LAB })),
    );
    const rows = await db().decision.findMany({ where: { id: { in: results.flatMap((r) => r.decisionIds) } } });
    const assigned = rows.filter((r) => r.kind === "assigned");
    expect(assigned).toHaveLength(4);
    expect(rows.filter((r) => r.kind === "queued" && r.queueKey === "lab-review")).toHaveLength(26);
    expect(Object.fromEntries(Object.entries(groupBy(assigned, (r) => r.assigneeKey!)).map(([k, v]) => [k, v.length]))).toEqual({
      [people[0]!]: 2,
      [people[1]!]: 2,
    });
    expect((await db().queueCursor.findUniqueOrThrow({ where: { queueKey: "queue-capped" } })).loads).toEqual({
      [people[0]!]: 2,
      [people[1]!]: 2,
    });
    const l = await loads();
    expect([l[people[0]!], l[people[1]!]]).toEqual([52, 52]);
    for (const r of assigned.slice(0, 2)) expect((await replayRow(r)).identical).toBe(true);

    // Work taken away from a member by hand leaves the queue's count too: the next record can go to them again.
    const mine = assigned.find((r) => r.assigneeKey === people[0])!;
    const { overrideDecisions } = await import("@/lib/server/decisions/overrides");
    await overrideDecisions(await as.revops(), {
      decisionIds: [mine.id],
      toAssignee: people[3]!,
      reasonCode: "wrong_owner",
      note: "Moved by hand in the test.",
    });
    expect((await db().queueCursor.findUniqueOrThrow({ where: { queueKey: "queue-capped" } })).loads).toEqual({
      [people[0]!]: 1,
      [people[1]!]: 2,
    });
    const next = await routeRecords({ records: [lead("qcap-after", "queue-capped")], source: "api", policyKey: LAB });
    expect(next.views?.[0]).toMatchObject({ kind: "assigned", assignee: people[0] });
  });

  it("50 parallel transactions against a queue with caps 4+3+3: exactly 10 assigned, the rest overflow, nobody over cap", async () => {
    await resetLab();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        routeRecords({ records: [lead(`cap-${i}`, "capped")], source: "api", policyKey: LAB }, { group: false }),
      ),
    );
    const ids = results.flatMap((r) => r.decisionIds);
    expect(ids).toHaveLength(50);
    const rows = await db().decision.findMany({ where: { id: { in: ids } } });
    const assigned = rows.filter((r) => r.kind === "assigned");
    expect(assigned).toHaveLength(10);
    expect(rows.filter((r) => r.kind === "queued" && r.queueKey === "lab-review")).toHaveLength(40);
    const l = await loads();
    expect([l[people[0]!], l[people[1]!], l[people[2]!]]).toEqual([4, 3, 3]);
    const perMember = groupBy(assigned, (r) => r.assigneeKey!);
    expect(perMember[people[0]!]).toHaveLength(4);
  });

  it("state changed outside this process (another app server, the console) is seen: the copy it decided on is checked", async () => {
    await resetLab();
    await db().member.updateMany({ where: { email: { in: people.slice(0, 3) } }, data: { active: true } });
    const first = await routeRecords({ records: [lead("out-1", "capped")], source: "api", policyKey: LAB });
    expect(first.views?.[0]).toMatchObject({ kind: "assigned", assignee: people[0] });
    // Behind this process's back: the next in rotation is now at its cap, the one after is away.
    await db().member.update({ where: { email: people[1]! }, data: { activeLoad: 3 } });
    await db().member.update({ where: { email: people[2]! }, data: { active: false } });
    try {
      const second = await routeRecords({ records: [lead("out-2", "capped")], source: "api", policyKey: LAB });
      expect(second.views?.[0]).toMatchObject({ kind: "assigned", assignee: people[0] });
      const stored = await db().decision.findUniqueOrThrow({ where: { id: second.decisionIds[0]! } });
      const seen = stored.stateSnapshot as { members: Record<string, { load: number; active: boolean }> };
      expect(seen.members[people[1]!]).toMatchObject({ load: 3 });
      expect(seen.members[people[2]!]).toMatchObject({ active: false });
      expect((await loads())[people[1]!]).toBe(3);
    } finally {
      await db().member.update({ where: { email: people[2]! }, data: { active: true } });
    }
  });

  it("two app processes at once on one capped queue and one rotation: 10 assigned in all, nobody over cap, no rotation slot twice", async () => {
    await resetLab();
    const mine = [
      ...Array.from({ length: 30 }, (_, i) => lead(`two-a-cap-${i}`, "capped")),
      ...Array.from({ length: 15 }, (_, i) => lead(`two-a-rr-${i}`, "rotation")),
    ];
    const theirs = [
      ...Array.from({ length: 30 }, (_, i) => lead(`two-b-cap-${i}`, "capped")),
      ...Array.from({ length: 15 }, (_, i) => lead(`two-b-rr-${i}`, "rotation")),
    ];
    // Both run at the same time for sure: the queues' rows stay locked here until both have started,
    // so neither can commit (or lock them) before the other is routing too.
    const cursors = ["capped", "rotation", "lab-review"];
    await db().queueCursor.createMany({ data: cursors.map((queueKey) => ({ queueKey })), skipDuplicates: true });
    const gate = await pgPool().connect();
    await gate.query("BEGIN");
    await gate.query(`SELECT 1 FROM "QueueCursor" WHERE "queueKey" = ANY($1) FOR UPDATE`, [cursors]);
    const other = await otherProcess(theirs);
    const theirRun = other.go();
    const ourRun = (async () => {
      const started = Date.now();
      const results = await Promise.all(mine.map((record) => routeRecords({ records: [record], source: "api", policyKey: LAB })));
      return { ids: results.flatMap((r) => r.decisionIds), started, ended: Date.now() };
    })();
    await theirRun.started;
    await gate.query("COMMIT");
    gate.release();
    const [child, here] = await Promise.all([theirRun.done, ourRun]);
    // The two really ran at the same time.
    expect(child.started).toBeLessThan(here.ended);
    expect(here.started).toBeLessThan(child.ended);
    expect(child.ids).toHaveLength(45);
    const rows = await db().decision.findMany({ where: { id: { in: [...child.ids, ...here.ids] } } });
    expect(rows).toHaveLength(90);
    const capped = rows.filter((r) => r.recordId.includes("-cap-"));
    expect(capped.filter((r) => r.kind === "assigned")).toHaveLength(10);
    expect(capped.filter((r) => r.kind === "queued" && r.queueKey === "lab-review")).toHaveLength(50);
    const l = await loads();
    expect([l[people[0]!], l[people[1]!], l[people[2]!]]).toEqual([4, 3, 3]);
    const perMember = groupBy(
      capped.filter((r) => r.kind === "assigned"),
      (r) => r.assigneeKey!,
    );
    expect([perMember[people[0]!]?.length, perMember[people[1]!]?.length, perMember[people[2]!]?.length]).toEqual([4, 3, 3]);
    // 30 rotation slots over 3 members: 10 each, and the stored snapshots show 30 distinct positions.
    const rotation = rows.filter((r) => r.recordId.includes("-rr-"));
    expect(
      Object.values(groupBy(rotation, (r) => r.assigneeKey!))
        .map((g) => g.length)
        .sort(),
    ).toEqual([10, 10, 10]);
    const cursor = await db().queueCursor.findUniqueOrThrow({ where: { queueKey: "rotation" } });
    expect(cursor.cursor).toBe(0);
    // Every decision, from either process, replays exactly on the state it recorded.
    for (const row of rows) expect((await replayRow(row)).identical, `decision ${row.id}`).toBe(true);
  });

  it("routing starts with locks while checks keep failing, and returns to checked transactions once they stop", async () => {
    await resetLab();
    const route = (id: string) => routeRecords({ records: [lead(id, "capped")], source: "api", policyKey: LAB }, { group: false });
    // Quiet first: earlier conflicts in this file decay (each transaction that goes by lowers the meter).
    for (let i = 0; i < 40; i++) await route(`meter-quiet-${i}`);
    await db().member.updateMany({ where: { email: { in: people.slice(0, 3) } }, data: { activeLoad: 0 } });
    // Four checks fail in a row: this process's copy of a member row is made wrong before each.
    for (let i = 0; i < 4; i++) {
      rememberState({
        members: { [people[0]!]: { active: true, load: 99, capacity: 4, outOfOfficeFrom: null, outOfOfficeUntil: null } },
        queues: {},
      });
      const before = await routingTransactions();
      const r = await route(`meter-conflict-${i}`);
      expect(delta(before, await routingTransactions()), `call ${i}`).toEqual({
        checked: { committed: 0, conflict: 1 },
        locked: { committed: 1, conflict: 0 },
      });
      // The locked retry decided on the real row, not the wrong copy.
      const stored = await db().decision.findUniqueOrThrow({ where: { id: r.decisionIds[0]! } });
      expect((stored.stateSnapshot as { members: Record<string, { load: number }> }).members[people[0]!]?.load).toBeLessThan(99);
    }
    // Now the next groups start with locks: no checked attempt at all…
    for (let i = 0; i < 2; i++) {
      const before = await routingTransactions();
      await route(`meter-locked-${i}`);
      expect(delta(before, await routingTransactions()), `locked-first call ${i}`).toEqual({
        checked: { committed: 0, conflict: 0 },
        locked: { committed: 1, conflict: 0 },
      });
    }
    // …until the meter has decayed: checked again.
    const before = await routingTransactions();
    await route("meter-checked-again");
    expect(delta(before, await routingTransactions())).toEqual({
      checked: { committed: 1, conflict: 0 },
      locked: { committed: 0, conflict: 0 },
    });
  });

  it("the same through group commit (one process, many requests at once)", async () => {
    await resetLab();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => routeRecords({ records: [lead(`capg-${i}`, "capped")], source: "api", policyKey: LAB })),
    );
    const rows = await db().decision.findMany({ where: { id: { in: results.flatMap((r) => r.decisionIds) } } });
    expect(rows.filter((r) => r.kind === "assigned")).toHaveLength(10);
    const l = await loads();
    expect(l[people[0]!]! + l[people[1]!]! + l[people[2]!]!).toBe(10);
  });

  it("a round robin never hands out the same slot twice: 30 parallel requests over 3 members → 10 each, in rotation", async () => {
    await resetLab();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        routeRecords({ records: [lead(`rr-${i}`, "rotation")], source: "api", policyKey: LAB }, { group: i % 2 === 0 }),
      ),
    );
    const rows = await db().decision.findMany({
      where: { id: { in: results.flatMap((r) => r.decisionIds) } },
      orderBy: [{ createdAt: "asc" }],
    });
    const counts = Object.values(groupBy(rows, (r) => r.assigneeKey!)).map((g) => g!.length);
    expect(counts.sort()).toEqual([10, 10, 10]);
    const cursor = await db().queueCursor.findUniqueOrThrow({ where: { queueKey: "rotation" } });
    expect(cursor.cursor).toBe(0);
  });

  it("weighted rotation state survives between transactions: weights 2:1 over 30 requests → 20 and 10", async () => {
    await resetLab();
    for (let i = 0; i < 30; i++)
      await routeRecords({ records: [lead(`w-${i}`, "weighted")], source: "api", policyKey: LAB }, { group: false });
    const rows = await db().decision.findMany({ where: { recordId: { startsWith: "w-" }, ruleKey: "weighted" } });
    const by = groupBy(rows, (r) => r.assigneeKey!);
    expect(by[people[3]!]).toHaveLength(20);
    expect(by[people[4]!]).toHaveLength(10);
  });

  it("every decision in the test run replays to exactly the same decision", async () => {
    // Demo traffic through the demo policy too: relationships, suppressions, exceptions, roll-ups.
    const accounts = await db().account.findMany({
      orderBy: { externalId: "asc" },
      take: 300,
      select: { externalId: true, domain: true, segment: true, region: true },
    });
    const records = accounts.map((a, i) => ({
      id: `replay-${i}`,
      type: (["lead", "demo_request", "product_signal", "agent_action"] as const)[i % 4]!,
      fields:
        i % 3 === 0
          ? { account_id: a.externalId, agent_action_kind: "expansion_play" }
          : {
              email_domain: a.domain ?? "gmail.com",
              segment: a.segment ?? undefined,
              region: a.region ?? undefined,
              fit_score: (i * 7) % 100,
              lead_source: "inbound_demo",
            },
    }));
    await routeRecords({ records, source: "batch" });
    const rows = await db().decision.findMany({ take: 10_000 });
    expect(rows.length).toBeGreaterThan(300);
    expect(new Set(rows.map((r) => r.kind)).size).toBe(4);
    for (const row of rows) {
      const r = await replayRow(row);
      expect(r.differences, `decision ${row.id} on ${row.recordId}`).toEqual([]);
      expect(r.identical).toBe(true);
    }
  });
});

describe("idempotency", () => {
  it("a retry with the same key returns the same decision; a different body with it is refused; parallel retries make one decision", async () => {
    const admin = await as.admin();
    const key = await createApiKey(admin, { name: "idem test", scopes: ["route"] });
    const base = { apiKeyId: key.id, requestId: "t", source: "api" as const, policyKey: LAB };
    const first = await routeForApi({ ...base, records: [lead("idem-1", "rotation")], idempotencyKey: "k-1" });
    expect(first.replayed).toBe(false);
    const again = await routeForApi({ ...base, records: [lead("idem-1", "rotation")], idempotencyKey: "k-1" });
    expect(again.replayed).toBe(true);
    expect(again.decisions[0]!.id).toBe(first.decisions[0]!.id);
    await expect(routeForApi({ ...base, records: [lead("idem-2", "rotation")], idempotencyKey: "k-1" })).rejects.toMatchObject({
      code: "VALIDATION",
    } satisfies Partial<AppError>);

    const parallel = await Promise.all(
      Array.from({ length: 8 }, () => routeForApi({ ...base, records: [lead("idem-3", "rotation")], idempotencyKey: "k-3" })),
    );
    expect(new Set(parallel.map((p) => p.decisions[0]!.id)).size).toBe(1);
    expect(parallel.filter((p) => !p.replayed)).toHaveLength(1);
    expect(await db().decision.count({ where: { recordId: "idem-3" } })).toBe(1);
  });

  it("two transactions racing with one key: the checked one that loses fails its check and answers the winner's decision", async () => {
    const admin = await as.admin();
    const key = await createApiKey(admin, { name: "idem race", scopes: ["route"] });
    // Everyone in the capped queue at their cap: the record overflows and no state changes, so
    // only the key can make the loser's check fail.
    await resetLab();
    await db().member.updateMany({ where: { email: people[0]! }, data: { activeLoad: 4 } });
    await db().member.updateMany({ where: { email: { in: [people[1]!, people[2]!] } }, data: { activeLoad: 3 } });
    await routeRecords({ records: [lead("idem-race-warm", "capped")], source: "api", policyKey: LAB }, { group: false });
    const job = {
      records: [lead("idem-race", "capped")],
      source: "api" as const,
      policyKey: LAB,
      apiKeyId: key.id,
      idempotency: { key: "k-race", requestHash: "h" },
    };
    const before = await routingTransactions();
    // Each in a transaction of its own, both started before either commits.
    const [a, b] = await Promise.all([routeRecords(job, { group: false }), routeRecords(job, { group: false })]);
    expect(delta(before, await routingTransactions()).checked.conflict).toBeGreaterThanOrEqual(1);
    expect(a.decisionIds).toEqual(b.decisionIds);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(await db().decision.count({ where: { recordId: "idem-race" } })).toBe(1);
    expect(await db().decision.findFirstOrThrow({ where: { recordId: "idem-race" } })).toMatchObject({
      kind: "queued",
      queueKey: "lab-review",
    });
  });
});

describe("re-routes in one commit", () => {
  const heldBy = async (id: string) => {
    const row = await db().decision.findUniqueOrThrow({ where: { id } });
    return {
      row,
      replaced: {
        id,
        currentAssigneeKey: row.currentAssigneeKey,
        currentQueueKey: row.currentQueueKey,
        assigneeKey: row.assigneeKey,
        queueKey: row.queueKey,
      },
    };
  };

  it("the new decision, the original closed and the audit event land together — or, the original moved meanwhile, none of them", async () => {
    const admin = await as.admin();
    await resetLab();
    const first = await routeRecords({ records: [lead("rr-moved", "rotation")], source: "api", policyKey: LAB }, { group: false });
    const { row, replaced } = await heldBy(first.decisionIds[0]!);
    const audits = await db().auditEvent.count();
    const loadsBefore = await loads();
    const job = (r: typeof replaced) => ({
      records: [lead("rr-moved", "rotation")],
      source: "reroute" as const,
      policyKey: LAB,
      replaces: {
        decisions: [r],
        resolution: "rerouted" as const,
        records: (ids: string[], at: Date) => ({
          audit: [
            auditRow(admin, at, {
              action: "decision.rerouted",
              entityType: "decision",
              entityId: r.id,
              summary: "test",
              after: { to: ids },
            }),
          ],
        }),
      },
    });
    // Read while someone else held it: the commit finds it moved, and keeps nothing.
    await expect(routeRecords(job({ ...replaced, currentAssigneeKey: people[5]! }), { group: false })).rejects.toMatchObject({
      code: "40001",
    });
    expect(await db().decision.count({ where: { reroutedFromId: row.id } })).toBe(0);
    expect(await db().decision.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      currentAssigneeKey: row.currentAssigneeKey,
      resolution: null,
    });
    expect(await db().auditEvent.count()).toBe(audits);
    expect(await loads()).toEqual(loadsBefore);

    const done = await routeRecords(job(replaced), { group: false });
    const fresh = await db().decision.findUniqueOrThrow({ where: { id: done.decisionIds[0]! } });
    expect(fresh.reroutedFromId).toBe(row.id);
    expect(await db().decision.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      resolution: "rerouted",
      currentAssigneeKey: null,
    });
    expect(await db().auditEvent.count()).toBe(audits + 1);
    // One record, one holder: the slot given back is the slot taken.
    const after = await loads();
    expect(Object.values(after).reduce((a, b) => a + b, 0)).toBe(Object.values(loadsBefore).reduce((a, b) => a + b, 0));
  });

  it("the holder's slot is given back before the record is routed again: a member at their cap takes their own record back", async () => {
    await resetLab();
    // people[0] is the only one with room (3 of 4); the others are at their caps.
    await db().member.updateMany({ where: { email: people[0]! }, data: { activeLoad: 3 } });
    await db().member.updateMany({ where: { email: { in: [people[1]!, people[2]!] } }, data: { activeLoad: 3 } });
    const first = await routeRecords({ records: [lead("rr-cap", "capped")], source: "api", policyKey: LAB }, { group: false });
    const { row, replaced } = await heldBy(first.decisionIds[0]!);
    expect(row.assigneeKey).toBe(people[0]);
    expect((await loads())[people[0]!]).toBe(4);
    const again = await routeRecords(
      {
        records: [lead("rr-cap", "capped")],
        source: "reroute",
        policyKey: LAB,
        replaces: { decisions: [replaced], resolution: "rerouted" },
      },
      { group: false },
    );
    // Routed with the slot still counted, it would overflow to review: everyone at their cap.
    expect(await db().decision.findUniqueOrThrow({ where: { id: again.decisionIds[0]! } })).toMatchObject({
      kind: "assigned",
      assigneeKey: people[0],
    });
    expect((await loads())[people[0]!]).toBe(4);
  });

  it("hostile text in a record is stored exactly as sent (bound, never spliced into SQL)", async () => {
    await resetLab();
    const note = `O'Brien \\'; DROP TABLE "Decision"; -- $$ E'\\x41' $1 東京 🚀\n\t`;
    const record = { id: `rr-text-'${note}`, type: "lead" as const, fields: { lane: "rotation", note } };
    const { decisionIds } = await routeRecords({ records: [record], source: "api", policyKey: LAB }, { group: false });
    const stored = await db().decision.findUniqueOrThrow({ where: { id: decisionIds[0]! } });
    expect(stored.recordId).toBe(record.id);
    expect(stored.record).toMatchObject(record);
    // The evidence hash the commit computed is the one the database computes from what it stored.
    const [same] = await db().$queryRaw<
      Array<{ ok: boolean }>
    >`SELECT "evidenceHash" = switchyard_decision_hash(d) AS ok FROM "Decision" d WHERE id = ${stored.id}`;
    expect(stored.evidenceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(same).toEqual({ ok: true });
  });
});
