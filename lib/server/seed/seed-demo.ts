/**
 * Writes the demo organisation (people, queues, accounts, one sign-in per role) into an empty
 * database, in one transaction: either all of it lands or none. Deterministic apart from the
 * dates, which are relative to `now`.
 */
import bcrypt from "bcryptjs";
import { seededRandom } from "@/lib/random";
import { db } from "@/lib/server/db";
import { generateDemoAccounts, type OwnerPools } from "./demo-accounts";
import { seedDemoPolicy } from "./demo-policy";
import { DEMO_ORG_NAME, DEMO_PASSWORD, DEMO_TEAMS, DEMO_USERS, memberEmail } from "./demo-org";

export interface SeedSummary {
  members: number;
  accounts: number;
  users: number;
}

export async function isSeeded(): Promise<boolean> {
  return (await db().organization.count()) > 0;
}

/**
 * A demo database seeded before policies existed gets the reference policy on its next start
 * (when the demo's RevOps and approver users are there and no policy is).
 */
export async function seedDemoPolicyIfMissing(now = new Date()): Promise<boolean> {
  if ((await db().policy.count()) > 0) return false;
  const revops = await db().user.findFirst({ where: { role: "REVOPS" }, orderBy: { createdAt: "asc" } });
  const approver = await db().user.findFirst({ where: { role: "APPROVER" }, orderBy: { createdAt: "asc" } });
  if (!revops || !approver) return false;
  await db().$transaction((tx) => seedDemoPolicy(tx, revops.id, { id: approver.id, email: approver.email }, now), { timeout: 60_000 });
  return true;
}

export async function seedDemo(now = new Date(), seed = 20261125): Promise<SeedSummary> {
  const r = seededRandom(seed);
  const day = 24 * 60 * 60 * 1000;
  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 10);

  // Members: capacity, load and a few out of office or inactive, deterministically.
  const memberRows = DEMO_TEAMS.flatMap((team) =>
    team.people.map((name, index) => {
      const capacity = team.function === "sdr" ? r.int(40, 60) : team.function === "csm" ? r.int(30, 45) : r.int(18, 35);
      const atCap = r.chance(0.08);
      const ooo = r.chance(0.07);
      // The draws in the order they have always been made, so the demo company stays the same.
      const region = team.region ?? (team.function === "account_executive" ? null : r.pick(["NA", "EMEA", "APAC"]));
      const activeLoad = atCap ? capacity : r.int(Math.floor(capacity * 0.3), capacity - 1);
      r.weighted([
        [1, 6],
        [2, 3],
        [3, 1],
      ] as const); // once a member weight; weights live in the policy's queues now
      return {
        name,
        email: memberEmail(name),
        title: index === 0 && team.people.length > 3 ? `Senior ${team.title}` : team.title,
        function: team.function,
        segment: team.segment,
        region,
        teamKey: team.key,
        capacity,
        activeLoad,
        active: !(team.key === "smb" && index === 3),
        outOfOfficeFrom: ooo ? new Date(now.getTime() - r.int(1, 3) * day) : null,
        outOfOfficeUntil: ooo ? new Date(now.getTime() + r.int(2, 10) * day) : null,
      };
    }),
  );

  const emailsOf = (teamKey: string) => memberRows.filter((m) => m.teamKey === teamKey).map((m) => m.email);
  const pools: OwnerPools = {
    enterprise: { NA: emailsOf("ent-na"), EMEA: emailsOf("ent-emea"), APAC: emailsOf("ent-apac") },
    midMarket: emailsOf("mid-market"),
    smb: emailsOf("smb"),
    csm: emailsOf("cs"),
    partner: emailsOf("partners"),
  };
  const accounts = generateDemoAccounts(pools, now, seed);

  await db().$transaction(
    async (tx) => {
      await tx.organization.create({ data: { name: DEMO_ORG_NAME } });

      const teamIds = new Map<string, string>();
      for (const team of DEMO_TEAMS) {
        const created = await tx.team.create({
          data: {
            key: team.key,
            name: team.name,
            function: team.function,
            segment: team.segment,
            region: team.region,
            description: team.description,
          },
        });
        teamIds.set(team.key, created.id);
      }

      const memberIds = new Map<string, string>();
      for (const { teamKey, ...m } of memberRows) {
        const created = await tx.member.create({ data: { ...m, teamId: teamIds.get(teamKey) ?? "" } });
        memberIds.set(m.email, created.id);
      }

      // Accounts: parents are generated before their children, so ids resolve in order.
      const accountIds = new Map<string, string>();
      const memberId = (email: string | null) => (email ? (memberIds.get(email) ?? null) : null);
      const chunk = 500;
      for (let i = 0; i < accounts.length; i += chunk) {
        const rows = accounts.slice(i, i + chunk).map(({ ownerEmail, csmEmail, partnerOwnerEmail, parentExternalId, ...a }) => ({
          ...a,
          ownerId: memberId(ownerEmail),
          csmId: memberId(csmEmail),
          partnerOwnerId: memberId(partnerOwnerEmail),
          parentId: parentExternalId ? (accountIds.get(parentExternalId) ?? null) : null,
        }));
        const created = await tx.account.createManyAndReturn({ data: rows, select: { id: true, externalId: true } });
        for (const c of created) accountIds.set(c.externalId, c.id);
      }

      const users = await tx.user.createManyAndReturn({
        data: DEMO_USERS.map((u) => ({
          email: u.email,
          name: u.name,
          role: u.role,
          passwordHash,
          memberId: u.memberName ? (memberIds.get(memberEmail(u.memberName)) ?? null) : null,
        })),
        select: { id: true, email: true, role: true },
      });
      const revops = users.find((u) => u.role === "REVOPS");
      const approver = users.find((u) => u.role === "APPROVER");
      if (!revops || !approver) throw new Error("The demo needs a RevOps and an approver user.");
      await seedDemoPolicy(tx, revops.id, approver, now);
    },
    { timeout: 120_000, maxWait: 30_000 },
  );

  return { members: memberRows.length, accounts: accounts.length, users: DEMO_USERS.length };
}
