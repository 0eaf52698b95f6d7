import { z } from "zod";
import { listQuerySchema, pageOf } from "@/lib/schemas/list-query";
import { db, type Prisma } from "@/lib/server/db";

export const auditListQuery = listQuerySchema(["at", "action", "actor"], "at").extend({
  dir: z.enum(["asc", "desc"]).catch("desc").default("desc"),
  entityType: z.string().max(40).optional().catch(undefined),
  action: z.string().max(60).optional().catch(undefined),
  actor: z.string().max(200).optional().catch(undefined),
});
export type AuditListQuery = z.infer<typeof auditListQuery>;

export async function listAudit(query: AuditListQuery) {
  const where: Prisma.AuditEventWhereInput = {
    ...(query.entityType ? { entityType: query.entityType } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.actor ? { actorEmail: query.actor } : {}),
    ...(query.q ? { summary: { contains: query.q, mode: "insensitive" } } : {}),
  };
  const orderBy: Prisma.AuditEventOrderByWithRelationInput[] =
    query.sort === "action"
      ? [{ action: query.dir }, { at: "desc" }]
      : query.sort === "actor"
        ? [{ actorEmail: query.dir }, { at: "desc" }]
        : [{ at: query.dir }, { id: query.dir }];
  const [total, rows, actions, actors] = await Promise.all([
    db().auditEvent.count({ where }),
    db().auditEvent.findMany({ where, orderBy, skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
    db().auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
    db().auditEvent.findMany({ distinct: ["actorEmail"], select: { actorEmail: true }, orderBy: { actorEmail: "asc" } }),
  ]);
  return {
    page: pageOf(rows, total, query.page, query.pageSize),
    actions: actions.map((a) => a.action),
    actors: actors.map((a) => a.actorEmail),
  };
}
