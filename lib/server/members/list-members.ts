import { availabilityOf, type Availability } from "@/lib/members/availability";
import { pageOf, type Page } from "@/lib/schemas/list-query";
import type { MemberListQuery } from "@/lib/schemas/members";
import { db, type Prisma } from "@/lib/server/db";
import { liveQueuesByMember } from "./live-queues";

export interface MemberRow {
  id: string;
  name: string;
  email: string;
  title: string;
  function: string;
  region: string | null;
  team: { key: string; name: string };
  capacity: number;
  activeLoad: number;
  availability: Availability;
  outOfOfficeUntil: string | null;
  /** The live policies' queues that list this member, with the weight each gives them. */
  queues: Array<{ queue: string; weight: number }>;
}

/**
 * SQL for the same rule as availabilityOf. Complements are written out (not NOT(...)) because
 * NULL out-of-office dates would make NOT(...) unknown and drop the row.
 */
function availabilityWhere(a: MemberListQuery["availability"], now: Date): Prisma.MemberWhereInput {
  const ooo: Prisma.MemberWhereInput = {
    outOfOfficeFrom: { lte: now },
    OR: [{ outOfOfficeUntil: null }, { outOfOfficeUntil: { gt: now } }],
  };
  const notOoo: Prisma.MemberWhereInput = {
    OR: [{ outOfOfficeFrom: null }, { outOfOfficeFrom: { gt: now } }, { outOfOfficeUntil: { lte: now } }],
  };
  const capacity = db().member.fields.capacity;
  switch (a) {
    case "inactive":
      return { active: false };
    case "out_of_office":
      return { active: true, ...ooo };
    case "at_capacity":
      return { active: true, AND: [notOoo, { activeLoad: { gte: capacity } }] };
    case "available":
      return { active: true, AND: [notOoo, { activeLoad: { lt: capacity } }] };
    default:
      return {};
  }
}

const ORDER: Record<MemberListQuery["sort"], (dir: "asc" | "desc") => Prisma.MemberOrderByWithRelationInput[]> = {
  name: (dir) => [{ name: dir }],
  team: (dir) => [{ team: { name: dir } }, { name: "asc" }],
  load: (dir) => [{ activeLoad: dir }, { name: "asc" }],
  capacity: (dir) => [{ capacity: dir }, { name: "asc" }],
};

export async function listMembers(query: MemberListQuery, now = new Date()): Promise<Page<MemberRow>> {
  const where: Prisma.MemberWhereInput = {
    ...(query.q
      ? { OR: [{ name: { contains: query.q, mode: "insensitive" } }, { email: { contains: query.q, mode: "insensitive" } }] }
      : {}),
    ...(query.team ? { team: { key: query.team } } : {}),
    ...(query.function ? { function: query.function } : {}),
    ...availabilityWhere(query.availability, now),
  };
  const [total, rows, queuesOf] = await Promise.all([
    db().member.count({ where }),
    db().member.findMany({
      where,
      orderBy: ORDER[query.sort](query.dir),
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      include: { team: { select: { key: true, name: true } } },
    }),
    liveQueuesByMember(),
  ]);
  return pageOf(
    rows.map((m) => ({
      id: m.id,
      name: m.name,
      email: m.email,
      title: m.title,
      function: m.function,
      region: m.region,
      team: m.team,
      capacity: m.capacity,
      activeLoad: m.activeLoad,
      availability: availabilityOf(m, now),
      outOfOfficeUntil: m.outOfOfficeUntil?.toISOString() ?? null,
      queues: queuesOf.get(m.email.toLowerCase()) ?? [],
    })),
    total,
    query.page,
    query.pageSize,
  );
}

export async function listTeams(): Promise<Array<{ key: string; name: string; memberCount: number }>> {
  const teams = await db().team.findMany({ orderBy: { name: "asc" }, include: { _count: { select: { members: true } } } });
  return teams.map((t) => ({ key: t.key, name: t.name, memberCount: t._count.members }));
}

/** Member keys as policies name them (emails), for pickers. */
export async function listMemberKeys(): Promise<string[]> {
  return (await db().member.findMany({ where: { active: true }, select: { email: true }, orderBy: { email: "asc" } })).map((m) => m.email);
}

export async function getMember(id: string) {
  return db().member.findUnique({ where: { id } });
}
