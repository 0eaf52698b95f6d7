/**
 * The decision log's rules on real Postgres: what a FIELD user may see, who may override,
 * overrides and re-routes (the original stays; loads follow the work), disputes to test cases.
 */
import { DECISION_FORMAT_VERSION } from "@/lib/engine/format-version";
import { describe, expect, it } from "vitest";
import { decisionListQuery } from "@/lib/schemas/decisions";
import { db } from "@/lib/server/db";
import { as } from "@/lib/server/policies/workflow.test-helpers";
import { runStoredSuite } from "@/lib/server/policies/test-cases";
import { livePolicy } from "@/lib/server/routing/live-policy";
import { routeRecords } from "@/lib/server/routing/route-records";
import { disputeToTestCase, fileDispute, listDisputes, triageDispute } from "./disputes";
import { verifyDecisionLog } from "@/lib/server/audit/verify-audit-log";
import { decisionDetail, decisionForViewer, decisionViews, replayRow } from "./get-decision";
import { exceptionRows, exceptionSummary } from "./exceptions";
import { listDecisions } from "./list-decisions";
import { overrideDecisions, rerouteDecisions } from "./overrides";
import { viewerFor } from "./visibility";

const all = decisionListQuery.parse({ pageSize: "100" });

async function load(email: string) {
  return (await db().member.findUniqueOrThrow({ where: { email } })).activeLoad;
}

describe("decision visibility and permissions (real Postgres)", () => {
  it("a FIELD user sees only decisions of their team or their accounts, and gets 404 on others", async () => {
    const field = await as.field();
    const viewer = await viewerFor(field);
    expect(viewer.teamKeys).toContain("dana.ruiz@lumendata.example");
    const page = await listDecisions(viewer, all);
    expect(page.rows.length).toBeGreaterThan(0);
    const accountsOfDana = new Set(
      (
        await db().account.findMany({
          where: {
            OR: [
              { owner: { email: field.memberKey! } },
              { csm: { email: field.memberKey! } },
              { partnerOwner: { email: field.memberKey! } },
            ],
          },
          select: { externalId: true },
        })
      ).map((a) => a.externalId),
    );
    for (const r of page.rows) {
      const mine =
        viewer.teamKeys!.includes(r.assigneeKey ?? "") ||
        viewer.teamKeys!.includes(r.currentAssigneeKey ?? "") ||
        accountsOfDana.has(r.accountExternalId ?? "");
      expect(mine, `${r.recordId} → ${r.assigneeKey}`).toBe(true);
    }
    const other = await db().decision.findFirstOrThrow({
      where: {
        assigneeKey: { notIn: viewer.teamKeys! },
        currentAssigneeKey: { notIn: viewer.teamKeys! },
        accountExternalId: { notIn: [...accountsOfDana] },
      },
    });
    await expect(decisionForViewer(viewer, other.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      fileDispute(field, { decisionId: other.id, category: "should_be_mine", text: "I want this one please, it is mine." }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // RevOps sees it.
    expect((await decisionForViewer(await viewerFor(await as.revops()), other.id)).id).toBe(other.id);
  });

  it("FIELD and APPROVER cannot override; RevOps can, the original stays and loads follow the work", async () => {
    const { decisionIds } = await routeRecords({
      records: [
        {
          id: "ovr-1",
          type: "lead",
          fields: { email_domain: "ovr-test.example", segment: "mid_market", region: "NA", fit_score: 70, lead_source: "content" },
        },
      ],
      source: "api",
    });
    const id = decisionIds[0]!;
    const input = {
      decisionIds: [id],
      toAssignee: "dana.ruiz@lumendata.example",
      reasonCode: "relationship" as const,
      note: "Dana knows them.",
    };
    await expect(overrideDecisions(await as.field(), input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(overrideDecisions(await as.approver(), input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const before = await db().decision.findUniqueOrThrow({ where: { id } });
    const danaBefore = await load("dana.ruiz@lumendata.example");
    const prevBefore = before.currentAssigneeKey ? await load(before.currentAssigneeKey) : null;
    await overrideDecisions(await as.revops(), input);
    const after = await db().decision.findUniqueOrThrow({ where: { id }, include: { overrides: true } });
    expect(after.decision).toEqual(before.decision);
    expect(after.assigneeKey).toBe(before.assigneeKey);
    expect(after.currentAssigneeKey).toBe("dana.ruiz@lumendata.example");
    expect(after.overrideCount).toBe(1);
    expect(after.overrides[0]).toMatchObject({
      fromAssigneeKey: before.currentAssigneeKey,
      toAssigneeKey: "dana.ruiz@lumendata.example",
      reasonCode: "relationship",
      byEmail: "revops@lumendata.example",
    });
    expect(await load("dana.ruiz@lumendata.example")).toBe(danaBefore + 1);
    if (before.currentAssigneeKey) expect(await load(before.currentAssigneeKey)).toBe(prevBefore! - 1);
    // Dana now holds it: she sees it.
    expect((await decisionForViewer(await viewerFor(await as.field()), id)).id).toBe(id);
  });

  it("re-routing an exception with the missing field filled creates a linked decision and closes the old one", async () => {
    const { decisionIds } = await routeRecords({
      records: [{ id: "rr-missing-1", type: "lead", fields: { email_domain: "rr-missing.example", region: "EMEA", fit_score: 50 } }],
      source: "api",
    });
    const old = await db().decision.findUniqueOrThrow({ where: { id: decisionIds[0] } });
    expect(old).toMatchObject({ kind: "exception", reasonCode: "MISSING_INPUT", resolvedAt: null });
    await expect(rerouteDecisions(await as.field(), { decisionIds: [old.id], fields: { segment: "smb" } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    // Checked first against the live version: a value it does not allow is named, and nothing is re-routed.
    await expect(rerouteDecisions(await as.revops(), { decisionIds: [old.id], fields: { segment: "galactic" } })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { "fields.segment": [expect.stringContaining("expected one of enterprise, mid_market, smb")] },
    });
    expect(await db().decision.count({ where: { reroutedFromId: old.id } })).toBe(0);
    const { decisionIds: fresh } = await rerouteDecisions(await as.revops(), { decisionIds: [old.id], fields: { segment: "smb" } });
    const next = await db().decision.findUniqueOrThrow({ where: { id: fresh[0] } });
    expect(next.reroutedFromId).toBe(old.id);
    expect(next.source).toBe("reroute");
    expect(next.reasonCode).not.toBe("MISSING_INPUT");
    expect((next.record as { fields: Record<string, unknown> }).fields.segment).toBe("smb");
    expect(await db().decision.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({ resolution: "rerouted" });
    // It keeps its age: the SLA clock runs from when the record first arrived.
    expect((next.record as { receivedAt?: string }).receivedAt).toBe(old.createdAt.toISOString());
    const d = next.decision as { slaMinutes?: number | null };
    if (next.slaDueAt && d.slaMinutes) expect(next.slaDueAt.getTime()).toBe(old.createdAt.getTime() + d.slaMinutes * 60_000);
  });

  it("a hand-assignment to a queue goes through its distribution; the record keeps its age; nothing else moves", async () => {
    const live = await livePolicy();
    const queue = [...live.compiled.queues.values()].find((q) => q.members.length > 1 && q.members.every((m) => m.weight > 0))!;
    const arrived = new Date(Date.now() - 3 * 3_600_000);
    const { decisionIds } = await routeRecords({
      records: [{ id: "hand-q-1", type: "lead", fields: { email_domain: "hand-q.example", region: "NA", fit_score: 40 } }],
      source: "api",
      now: arrived,
    });
    const old = await db().decision.findUniqueOrThrow({ where: { id: decisionIds[0] } });
    expect(old).toMatchObject({ kind: "exception", reasonCode: "MISSING_INPUT", resolvedAt: null });
    const revops = await as.revops();
    await expect(
      overrideDecisions(revops, {
        decisionIds: [old.id],
        toQueue: "no-such-queue",
        reasonCode: "other",
        note: "Testing a queue that is not there.",
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { toQueue: [expect.any(String)] } });
    const loadsBefore = new Map(await Promise.all(queue.members.map(async (m) => [m.member, await load(m.member)] as const)));

    const r = await overrideDecisions(revops, {
      decisionIds: [old.id],
      toQueue: queue.key,
      reasonCode: "capacity",
      note: "Give it to whoever is next in the pool.",
    });
    expect(r.count).toBe(1);
    const placed = r.placed![0]!;
    const next = await db().decision.findUniqueOrThrow({ where: { id: placed.decisionId } });
    expect(next).toMatchObject({ reroutedFromId: old.id, source: "reroute", ruleKey: "manual" });
    // Someone the queue holds, picked by its distribution; their load moved by one, nobody else's.
    expect(placed).toMatchObject({ kind: "assigned", queue: queue.key });
    expect(next.assigneeKey).toBe(placed.assignee);
    expect(loadsBefore.has(placed.assignee!)).toBe(true);
    for (const [member, before] of loadsBefore) expect(await load(member), member).toBe(before + (member === placed.assignee ? 1 : 0));
    expect(next.record as { receivedAt?: string; manualQueue?: string }).toMatchObject({
      receivedAt: arrived.toISOString(),
      manualQueue: queue.key,
    });
    const d = next.decision as { slaMinutes?: number | null };
    if (next.slaDueAt && d.slaMinutes) expect(next.slaDueAt.getTime()).toBe(arrived.getTime() + d.slaMinutes * 60_000);
    // The original: closed as overridden, with an override row naming the queue, the reason and who.
    const closed = await db().decision.findUniqueOrThrow({ where: { id: old.id }, include: { overrides: true } });
    expect(closed).toMatchObject({ resolution: "overridden", currentQueueKey: queue.key, currentAssigneeKey: null, overrideCount: 1 });
    expect(closed.resolvedAt).not.toBeNull();
    expect(closed.overrides[0]).toMatchObject({
      toQueueKey: queue.key,
      toAssigneeKey: null,
      reasonCode: "capacity",
      byEmail: "revops@lumendata.example",
    });
    // The new decision replays exactly (the hand-picked queue and the arrival are in the stored record).
    expect((await replayRow(next)).identical).toBe(true);
  });

  it("every decision is stamped with the decision format it was written in, and one in a format this release does not read is not replayed", async () => {
    const { decisionIds } = await routeRecords({
      records: [{ id: "format-1", type: "lead", fields: { email_domain: "format-one.example", region: "EMEA", fit_score: 45 } }],
      source: "api",
    });
    const row = await db().decision.findUniqueOrThrow({ where: { id: decisionIds[0]! } });
    expect(row.formatVersion).toBe(DECISION_FORMAT_VERSION);
    expect((await replayRow(row)).identical).toBe(true);
    await expect(replayRow({ ...row, formatVersion: DECISION_FORMAT_VERSION + 1 })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining(`decision format ${DECISION_FORMAT_VERSION + 1}`),
    });
  });

  it("a stored decision that is not in the decision format is refused by name on read, not rendered or replayed half-way", async () => {
    const { decisionIds } = await routeRecords({
      records: [{ id: "format-broken", type: "lead", fields: { email_domain: "format-broken.example", region: "EMEA", fit_score: 45 } }],
      source: "api",
    });
    const id = decisionIds[0]!;
    const row = await db().decision.findUniqueOrThrow({ where: { id } });
    // Decisions are append-only: the database refuses the edit…
    await expect(
      db().decision.update({ where: { id }, data: { decision: { ...(row.decision as object), kind: "teleported" } } }),
    ).rejects.toThrow(/append-only/);
    await expect(db().decision.delete({ where: { id } })).rejects.toThrow(/append-only/);
    expect(await verifyDecisionLog()).toMatchObject({ ok: true, edited: [] });
    // …so it is made behind the app's back, triggers off (someone with the database's keys, or a
    // release that wrote another shape): verify-log names it, and reading it is refused by name.
    await db().$transaction([
      db().$executeRawUnsafe(`ALTER TABLE "Decision" DISABLE TRIGGER USER`),
      db().decision.update({ where: { id }, data: { decision: { ...(row.decision as object), kind: "teleported" } } }),
      db().$executeRawUnsafe(`ALTER TABLE "Decision" ENABLE TRIGGER USER`),
    ]);
    expect(await verifyDecisionLog()).toMatchObject({ ok: false, edited: [id], editedCount: 1 });
    const revops = await viewerFor(await as.revops());
    const refused = {
      code: "CONFLICT",
      message: expect.stringMatching(new RegExp(`Decision ${id} is stored in a form this release cannot read \\(kind`)),
    };
    await expect(decisionViews([id])).rejects.toMatchObject(refused);
    await expect(decisionDetail(revops, id)).rejects.toMatchObject(refused);
    await expect(replayRow(await db().decision.findUniqueOrThrow({ where: { id } }))).rejects.toMatchObject(refused);
  });

  it("work handed on keeps its age: Exceptions count it from when the record first arrived, and its SLA from then", async () => {
    // Older than anything the demo seeded: the queued group's oldest must be this record's arrival.
    const arrived = new Date(Date.now() - 400 * 24 * 3_600_000);
    const { decisionIds } = await routeRecords({
      records: [{ id: "age-kept-1", type: "lead", fields: { email_domain: "age-kept.example", region: "EMEA", fit_score: 45 } }],
      source: "api",
      now: arrived,
    });
    const revops = await as.revops();
    // Handed to Routing review, a queue nobody takes from by rotation: it waits there, open.
    const r = await overrideDecisions(revops, {
      decisionIds: [decisionIds[0]!],
      toQueue: "routing-review",
      reasonCode: "other",
      note: "RevOps places this one after a call.",
    });
    expect(r.placed![0]).toMatchObject({ kind: "queued", queue: "routing-review", assignee: null });
    const fresh = r.placed![0]!.decisionId;
    const summary = await exceptionSummary();
    const page = await exceptionRows(
      await viewerFor(revops),
      decisionListQuery.parse({ open: "1", kind: "queued", q: "age-kept-1", pageSize: "10" }),
      summary.queueSla,
    );
    const row = page.rows.find((x) => x.id === fresh)!;
    expect(row.arrivedAt).toBe(arrived.toISOString());
    expect(Date.parse(row.createdAt)).toBeGreaterThan(arrived.getTime() + 49 * 3_600_000);
    // Routing review's 8 h SLA ran out long ago; the queued group counts it as past SLA and as the oldest.
    expect(row.slaDueAt).toBe(new Date(arrived.getTime() + 8 * 3_600_000).toISOString());
    const queued = summary.groups.find((g) => g.reason === "QUEUED")!;
    expect(queued.oldest!.getTime()).toBe(arrived.getTime());
    expect(queued.breached).toBeGreaterThan(0);
    await db().decision.update({ where: { id: fresh }, data: { resolvedAt: new Date(), resolution: "overridden" } });
  });

  it("a dispute: filed by the field, triaged by RevOps with a note, turned into a test case that the live version fails", async () => {
    const field = await as.field();
    const mine = await db().decision.findFirstOrThrow({ where: { assigneeKey: field.memberKey!, kind: "assigned" } });
    const dispute = await fileDispute(field, {
      decisionId: mine.id,
      category: "partner_ownership_ignored",
      claimedOwnerKey: "lena.kowalski@lumendata.example",
      text: "Lena registered this account through the partner program.",
    });
    await expect(
      fileDispute(field, { decisionId: mine.id, category: "other", text: "And again the same thing here." }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(triageDispute(field, { disputeId: dispute.id, status: "rejected", note: "nope nope" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await triageDispute(await as.revops(), { disputeId: dispute.id, status: "in_review", note: "" });
    const resolved = await triageDispute(await as.revops(), {
      disputeId: dispute.id,
      status: "resolved",
      resolution: "rule_repair",
      note: "Upheld: partner accounts go to the partner manager from the next version.",
    });
    expect(resolved).toMatchObject({ status: "resolved", resolution: "rule_repair", resolvedByEmail: "revops@lumendata.example" });
    const mineList = await listDisputes(field, { page: 1 });
    expect(mineList.rows.every((d) => d.filedById === field.id)).toBe(true);
    expect(mineList.rows.find((d) => d.id === dispute.id)?.resolutionNote).toContain("Upheld");

    const testCase = await disputeToTestCase(await as.revops(), { disputeId: dispute.id, key: "dispute-it-1" });
    expect(testCase.expect).toMatchObject({ kind: "assigned", owner: "lena.kowalski@lumendata.example" });
    const live = await livePolicy();
    const { result } = await runStoredSuite(live.policyId, live.compiled);
    const failing = result.results.find((r) => r.id === "dispute-it-1");
    expect(failing?.passed).toBe(false);
    await expect(disputeToTestCase(await as.revops(), { disputeId: dispute.id, key: "dispute-it-2" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    // Leave the suite as the other files expect it.
    await db().testCase.update({ where: { id: testCase.id }, data: { archived: true } });
  });

  it("upholding a dispute can move the record to the claimed owner in the same step: override, loads, audit", async () => {
    const field = await as.field();
    const mine = await db().decision.findFirstOrThrow({
      where: { assigneeKey: field.memberKey!, currentAssigneeKey: field.memberKey!, kind: "assigned", disputes: { none: {} } },
      orderBy: { createdAt: "desc" },
    });
    const claimed = "lukas.brenner@lumendata.example";
    const dispute = await fileDispute(field, {
      decisionId: mine.id,
      category: "should_be_mine",
      claimedOwnerKey: claimed,
      text: "Lukas owns the parent account; this is his.",
    });
    const loadOf = async (email: string) => (await db().member.findUniqueOrThrow({ where: { email } })).activeLoad;
    const [danaBefore, lukasBefore] = [await loadOf(field.memberKey!), await loadOf(claimed)];
    // Only someone who may override can reassign, and only when resolving.
    await expect(
      triageDispute(await as.approver(), {
        disputeId: dispute.id,
        status: "resolved",
        resolution: "data_repair",
        note: "Upheld, moving it.",
        reassign: true,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await triageDispute(await as.revops(), {
      disputeId: dispute.id,
      status: "resolved",
      resolution: "data_repair",
      note: "Upheld: the parent link was missing.",
      reassign: true,
    });
    const after = await db().decision.findUniqueOrThrow({ where: { id: mine.id }, include: { overrides: true, disputes: true } });
    expect(after.currentAssigneeKey).toBe(claimed);
    expect(after.overrides).toHaveLength(1);
    expect(after.overrides[0]).toMatchObject({
      fromAssigneeKey: field.memberKey,
      toAssigneeKey: claimed,
      reasonCode: "wrong_owner",
      note: "Dispute upheld: Upheld: the parent link was missing.",
    });
    expect(after.disputes[0]).toMatchObject({ status: "resolved", resolution: "data_repair" });
    expect([await loadOf(field.memberKey!), await loadOf(claimed)]).toEqual([Math.max(0, danaBefore - 1), lukasBefore + 1]);
    expect((await db().auditEvent.findFirstOrThrow({ where: { entityId: dispute.id, action: "dispute.resolved" } })).summary).toContain(
      `record reassigned to ${claimed}`,
    );
  });
});
