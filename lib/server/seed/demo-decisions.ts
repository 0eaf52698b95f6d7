/**
 * Demo traffic: a few weeks of leads, demo requests, product signals, partner referrals,
 * renewals and agent actions, routed day by day through the live policy by the real router (so
 * the decision log, exceptions and the field's assignments show real decisions, not
 * hand-written rows). Deterministic apart from dates, which are relative to `now`. Loads are
 * put back after each day, as if reps worked through the day's new work.
 */
import type { ObjectType } from "@/lib/engine/policy-schema";
import type { RoutedRecord } from "@/lib/engine/types";
import { seededRandom } from "@/lib/random";
import { db } from "@/lib/server/db";
import { routeRecords } from "@/lib/server/routing/route-records";

const DAY = 86_400_000;
const SOURCES = ["inbound_demo", "content", "event", "outbound", "product"] as const;
const FIRST = ["alex", "sam", "maria", "li", "omar", "julia", "noah", "aiko", "fatima", "lucas", "ines", "kofi"];

export async function seedDemoDecisions(
  now = new Date(),
  options: { days?: number; perDay?: number; seed?: number } = {},
): Promise<number> {
  const days = options.days ?? 21;
  const perDay = options.perDay ?? 36;
  const r = seededRandom(options.seed ?? 7);
  const accounts = await db().account.findMany({
    orderBy: { externalId: "asc" },
    select: { externalId: true, domain: true, segment: true, region: true, isProductWorkspace: true, customerStatus: true, fitScore: true },
  });
  if (!accounts.length) return 0;
  const companies = accounts.filter((a) => !a.isProductWorkspace);
  const workspaces = accounts.filter((a) => a.isProductWorkspace);
  const loads = await db().member.findMany({ select: { email: true, activeLoad: true } });
  const emails = loads.map((m) => m.email);
  const values = loads.map((m) => m.activeLoad);
  let n = 0;
  let total = 0;
  for (let d = days; d >= 1; d--) {
    const dayStart = now.getTime() - d * DAY;
    const count = perDay + r.int(-8, 8) - (new Date(dayStart).getUTCDay() % 6 === 0 ? 20 : 0);
    const records: Array<{ at: number; record: RoutedRecord }> = [];
    for (let i = 0; i < count; i++) {
      const at = dayStart + r.int(7, 19) * 3_600_000 + r.int(0, 3_599) * 1000;
      const a = r.pick(companies);
      const person = `${r.pick(FIRST)}.${r.int(1, 99)}`;
      const type = r.weighted<ObjectType>([
        ["lead", 45],
        ["demo_request", 15],
        ["product_signal", 15],
        ["partner_referral", 8],
        ["agent_action", 12],
        ["renewal", 5],
      ]);
      n++;
      const id = `${type.replace("_", "-")}-${String(n).padStart(6, "0")}`;
      let fields: Record<string, unknown>;
      if (type === "lead" || type === "demo_request") {
        const personal = r.chance(0.08);
        const domain = personal ? r.pick(["gmail.com", "outlook.com"]) : (a.domain ?? "unknown.example");
        fields = {
          email: `${person}@${domain}`,
          email_domain: domain,
          ...(r.chance(0.05) ? {} : { segment: a.segment ?? r.pick(["enterprise", "mid_market", "smb"]) }),
          ...(r.chance(0.04) ? {} : { region: a.region ?? r.pick(["NA", "EMEA", "APAC"]) }),
          lead_source: type === "demo_request" ? "inbound_demo" : r.pick(SOURCES),
          fit_score: a.fitScore ?? r.int(5, 95),
        };
      } else if (type === "product_signal") {
        const w = workspaces.length && r.chance(0.4) ? r.pick(workspaces) : a;
        fields = { account_id: w.externalId, signal_score: r.int(30, 99), lead_source: "product" };
      } else if (type === "partner_referral") {
        fields = {
          email_domain: a.domain ?? "unknown.example",
          lead_source: "partner",
          segment: a.segment ?? "mid_market",
          region: a.region ?? "NA",
        };
      } else if (type === "agent_action") {
        fields = {
          account_id: a.externalId,
          agent_action_kind: r.pick(["expansion_play", "risk_alert", "outreach_suggestion"]),
          lead_source: "agent",
        };
      } else {
        fields = { account_id: a.externalId };
      }
      records.push({ at, record: { id, type, fields } });
    }
    records.sort((x, y) => x.at - y.at);
    // One job per record (each with its own time), submitted together: the router groups them into transactions.
    await Promise.all(records.map((x) => routeRecords({ records: [x.record], source: "seed", now: new Date(x.at) })));
    total += records.length;
    // Reps work through the day: loads return to where they were.
    await db()
      .$executeRaw`UPDATE "Member" SET "activeLoad" = v.load FROM (SELECT unnest(${emails}::text[]) AS email, unnest(${values}::int[]) AS load) v WHERE "Member".email = v.email`;
  }
  await triageOldWork(now, r);
  return total;
}

/** RevOps worked most of the older exceptions and queued records: taken by hand within hours (overrides). */
async function triageOldWork(now: Date, r: ReturnType<typeof seededRandom>): Promise<void> {
  const revops = await db().user.findFirst({ where: { role: "REVOPS" }, orderBy: { createdAt: "asc" } });
  const people = await db().member.findMany({
    where: { active: true, function: { in: ["sdr", "account_executive"] } },
    orderBy: { email: "asc" },
    select: { email: true },
  });
  if (!revops || !people.length) return;
  const open = await db().decision.findMany({
    where: { resolvedAt: null, kind: { in: ["exception", "queued"] }, createdAt: { lt: new Date(now.getTime() - 2 * DAY) } },
    orderBy: { createdAt: "asc" },
    select: { id: true, createdAt: true, currentQueueKey: true, reasonCode: true },
  });
  for (const d of open) {
    if (r.chance(0.12)) continue; // a backlog remains
    const to = r.pick(people).email;
    const at = new Date(d.createdAt.getTime() + r.int(20, 60 * 30) * 60_000);
    await db().$transaction([
      db().override.create({
        data: {
          decisionId: d.id,
          fromQueueKey: d.currentQueueKey,
          toAssigneeKey: to,
          reasonCode: d.reasonCode ? "exception_triage" : "capacity",
          note: d.reasonCode === "MISSING_INPUT" ? "Enriched by hand and assigned." : "",
          byEmail: revops.email,
          createdAt: at,
        },
      }),
      db().decision.update({
        where: { id: d.id },
        data: { currentAssigneeKey: to, overrideCount: 1, resolvedAt: at, resolution: "overridden" },
      }),
    ]);
  }
}

export async function seedDemoDecisionsIfMissing(now = new Date()): Promise<number> {
  if ((await db().decision.count()) > 0) return 0;
  if (!(await db().policy.findFirst({ where: { liveVersionId: { not: null } } }))) return 0;
  return seedDemoDecisions(now);
}
