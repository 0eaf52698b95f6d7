/**
 * Shadow mode on real Postgres: a version run beside live is evaluated on every live decision
 * and never acts; its report counts the same differences the impact preview predicts on the
 * same records; publishing it (or stopping it) ends the run. A policy of its own ("shadow-lab").
 */
import { canonicalJson } from "@/lib/engine/sha256";
import { beforeAll, describe, expect, it } from "vitest";
import { policyHash } from "@/lib/engine/compile";
import { validatePolicy } from "@/lib/engine/validate-policy";
import { db, type Prisma } from "@/lib/server/db";
import { executeImpactRun, requestImpactRun } from "@/lib/server/impact/impact-runs";
import { publishVersion, reviewVersion } from "@/lib/server/policies/workflow";
import { as, rejects } from "@/lib/server/policies/workflow.test-helpers";
import { routeRecords } from "@/lib/server/routing/route-records";
import { shadowImpactReport, shadowReport } from "./shadow-report";
import { startShadow, stopShadow, STOP_REASONS } from "./shadow-runs";

const LAB = "shadow-lab";
const people = ["shadow.a@lumendata.example", "shadow.b@lumendata.example"];

function labDocument(shadow: boolean) {
  return {
    apiVersion: "switchyard/v1",
    name: "Shadow lab",
    objectTypes: ["lead"],
    inputs: [{ name: "lane", type: "enum", values: ["a", "b", "c", "d"], required: true }],
    suppressions: shadow
      ? [
          {
            key: "lane-c",
            name: "Lane C is low fit",
            reason: "low fit",
            appliesTo: ["lead"],
            when: { field: "lane", op: "eq", value: "c" },
          },
        ]
      : [
          {
            key: "lane-d",
            name: "Lane D is in procurement",
            reason: "procurement",
            appliesTo: ["lead"],
            when: { field: "lane", op: "eq", value: "d" },
          },
        ],
    rules: [
      // The shadow version sends lane A to the B team.
      {
        key: "lane-a",
        name: "Lane A",
        intent: "territory",
        appliesTo: ["lead"],
        when: { field: "lane", op: "eq", value: "a" },
        action: { type: "queue", queue: shadow ? "sh-b" : "sh-a" },
      },
      {
        key: "lane-b",
        name: "Lane B",
        intent: "territory",
        appliesTo: ["lead"],
        when: { field: "lane", op: "eq", value: "b" },
        action: { type: "queue", queue: "sh-b" },
      },
    ],
    queues: [
      { key: "sh-a", name: "A team", distribution: "round_robin", members: [{ member: people[0] }] },
      { key: "sh-b", name: "B team", distribution: "round_robin", members: [{ member: people[1] }] },
      { key: "sh-review", name: "Review" },
      { key: "sh-exceptions", name: "Exceptions" },
    ],
    fallback: { queue: "sh-review" },
    exceptions: { queue: "sh-exceptions" },
  };
}

const lead = (id: string, lane: string) => ({ id, type: "lead" as const, fields: { lane } });
const lanes = ["a", "b", "c", "d"];
const traffic = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => lead(`${prefix}-${i}`, lanes[i % 4]!));

let liveId = "";
let candidateId = "";
let policyId = "";

async function loads(): Promise<Record<string, number>> {
  const rows = await db().member.findMany({ where: { email: { in: people } }, select: { email: true, activeLoad: true } });
  return Object.fromEntries(rows.map((r) => [r.email, r.activeLoad]));
}

beforeAll(async () => {
  const admin = await as.admin();
  const team = await db().team.findFirstOrThrow();
  for (const email of people) {
    await db().member.upsert({
      where: { email },
      update: { activeLoad: 0 },
      create: { email, name: email.split("@")[0]!, title: "Lab rep", function: "sdr", teamId: team.id, capacity: 500 },
    });
  }
  const live = validatePolicy(labDocument(false));
  const candidate = validatePolicy(labDocument(true));
  if (!live.ok || !candidate.ok) throw new Error("lab documents invalid");
  const policy = await db().policy.create({ data: { key: LAB, name: "Shadow lab" } });
  policyId = policy.id;
  const v1 = await db().policyVersion.create({
    data: {
      policyId,
      number: 1,
      status: "PUBLISHED",
      document: live.policy as unknown as Prisma.InputJsonValue,
      contentHash: policyHash(live.policy),
      authorId: admin.id,
      publishedAt: new Date(),
    },
  });
  const revops = await as.revops();
  const v2 = await db().policyVersion.create({
    data: {
      policyId,
      number: 2,
      status: "SUBMITTED",
      document: candidate.policy as unknown as Prisma.InputJsonValue,
      contentHash: policyHash(candidate.policy),
      authorId: revops.id,
      submittedAt: new Date(),
      changeNote: "Lane A to the B team.",
    },
  });
  await db().policy.update({ where: { id: policyId }, data: { liveVersionId: v1.id } });
  liveId = v1.id;
  candidateId = v2.id;
});

describe("shadow mode (real Postgres)", () => {
  it("only a submitted or approved version that is not live runs in shadow, and only for roles that may", async () => {
    await rejects(startShadow(await as.field(), candidateId), "FORBIDDEN");
    await rejects(startShadow(await as.revops(), liveId), "CONFLICT", /live already/);
  });

  it("evaluates every live decision with the shadow version, acts on none, and reports what the impact preview predicts", async () => {
    const run = await startShadow(await as.revops(), candidateId);
    await rejects(startShadow(await as.revops(), candidateId), "CONFLICT", /already running in shadow/);

    // 40 records through group commit, 8 in transactions of their own.
    const grouped = await Promise.all([
      routeRecords({ records: traffic("sh-g", 20), source: "batch", policyKey: LAB }),
      routeRecords({ records: traffic("sh-h", 20), source: "batch", policyKey: LAB }),
    ]);
    const alone = await Promise.all(
      traffic("sh-s", 8).map((r) => routeRecords({ records: [r], source: "api", policyKey: LAB }, { group: false })),
    );
    const ids = [...grouped, ...alone].flatMap((r) => r.decisionIds);
    expect(ids).toHaveLength(48);

    // Live acted as live: lane A went to the A team, lane D was suppressed; the shadow moved nothing.
    const rows = await db().decision.findMany({ where: { id: { in: ids } } });
    expect(rows.every((r) => r.shadowRunId === run.id && r.policyVersionId === liveId)).toBe(true);
    const laneOf = (r: { record: unknown }) => (r.record as { fields: { lane: string } }).fields.lane;
    expect(
      rows.filter((r) => laneOf(r) === "a").every((r) => r.kind === "assigned" && r.queueKey === "sh-a" && r.assigneeKey === people[0]),
    ).toBe(true);
    expect(rows.filter((r) => laneOf(r) === "d").every((r) => r.kind === "suppressed")).toBe(true);
    expect(rows.filter((r) => laneOf(r) === "c").every((r) => r.kind === "queued" && r.queueKey === "sh-review")).toBe(true);
    // The B rep carries lane B only (12), not lane A, which only the shadow would have sent.
    expect(await loads()).toEqual({ [people[0]!]: 12, [people[1]!]: 12 });

    const view = await shadowReport(run.id);
    expect(view.run.active).toBe(true);
    expect(view.against).toEqual([{ versionNumber: 1, decisions: 48 }]);
    const shadow = view.report;
    expect(shadow.total).toBe(48);
    // Lanes A (to the B team), C (newly suppressed) and D (no longer suppressed) change; B does not.
    expect(shadow.changed).toBe(36);
    expect(shadow.newlySuppressed).toBe(12);
    expect(shadow.noLongerSuppressed).toBe(12);
    expect(new Set(shadow.samples.map((s) => s.decisionId)).size).toBe(shadow.samples.length);
    expect(shadow.samples.every((s) => ids.includes(s.decisionId))).toBe(true);
    // Examples name the records routed, and link to their decisions.
    const recordOf = new Map(rows.map((r) => [r.id, r.recordId]));
    expect(shadow.samples.every((s) => s.recordId === recordOf.get(s.decisionId))).toBe(true);

    // The impact preview over the same records (this policy's latest decisions) predicts the same.
    const impact = await requestImpactRun(await as.revops(), candidateId, liveId, "recent_decisions");
    expect(impact.total).toBe(48);
    await executeImpactRun(impact.id);
    const predicted = (await db().impactRun.findUniqueOrThrow({ where: { id: impact.id } })).report as unknown as Awaited<
      ReturnType<typeof shadowImpactReport>
    >;
    const observed = await shadowImpactReport(run.id);
    const comparable = (r: typeof predicted) => ({
      ...r,
      samples: undefined,
      byTransition: [...r.byTransition].sort((x, y) => `${x.before}${x.after}`.localeCompare(`${y.before}${y.after}`)),
      // Moves name sample records by their ids here and by decision ids there: compare the rest.
      moves: r.moves.map((m) => ({ ...m, samples: m.samples.length })).sort((x, y) => canonicalJson(x).localeCompare(canonicalJson(y))),
    });
    expect(comparable(observed)).toEqual(comparable(predicted));
    expect(observed.byTransition).toHaveLength(3);
    expect(observed.byQueue).toEqual({
      "sh-a": { gained: 0, lost: 12 },
      "sh-b": { gained: 12, lost: 0 },
      "sh-review": { gained: 12, lost: 12 },
    });

    // Stopping ends it: later decisions are not evaluated in shadow.
    await stopShadow(await as.approver(), run.id);
    const after = await routeRecords({ records: traffic("sh-after", 4), source: "batch", policyKey: LAB });
    const later = await db().decision.findMany({ where: { id: { in: after.decisionIds } } });
    expect(later.every((r) => r.shadowRunId === null)).toBe(true);
    expect((await shadowReport(run.id)).report.total).toBe(48);
    await rejects(stopShadow(await as.approver(), run.id), "CONFLICT");
  });

  it("publishing the shadow version ends its run; requesting changes does too", async () => {
    const run = await startShadow(await as.approver(), candidateId);
    await reviewVersion(await as.approver(), candidateId, "approve", "Shadow looks right");
    // Still in shadow once approved.
    expect((await db().policy.findUniqueOrThrow({ where: { id: policyId } })).shadowRunId).toBe(run.id);
    await publishVersion(await as.approver(), candidateId);
    const ended = await db().shadowRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(ended.stopReason).toBe(STOP_REASONS.published);
    expect(ended.stoppedAt).not.toBeNull();
    expect((await db().policy.findUniqueOrThrow({ where: { id: policyId } })).shadowRunId).toBeNull();
    const routed = await routeRecords({ records: traffic("sh-published", 4), source: "batch", policyKey: LAB });
    const rows = await db().decision.findMany({ where: { id: { in: routed.decisionIds } } });
    expect(rows.every((r) => r.policyVersionId === candidateId && r.shadowRunId === null)).toBe(true);

    // A new candidate sent back for changes leaves shadow.
    const revops = await as.revops();
    const doc = validatePolicy(labDocument(false));
    if (!doc.ok) throw new Error("invalid");
    const v3 = await db().policyVersion.create({
      data: {
        policyId,
        number: 3,
        status: "SUBMITTED",
        document: doc.policy as unknown as Prisma.InputJsonValue,
        contentHash: policyHash(doc.policy),
        authorId: revops.id,
        submittedAt: new Date(),
        changeNote: "Back to lanes as they were.",
      },
    });
    const third = await startShadow(revops, v3.id);
    await reviewVersion(await as.approver(), v3.id, "request_changes", "Not yet");
    expect((await db().shadowRun.findUniqueOrThrow({ where: { id: third.id } })).stopReason).toBe(STOP_REASONS.changesRequested);
  });
});
