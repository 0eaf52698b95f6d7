import type { AccountListQuery } from "@/lib/schemas/accounts";
import { pageOf, type Page } from "@/lib/schemas/list-query";
import { db, type Prisma } from "@/lib/server/db";

export interface AccountRow {
  id: string;
  externalId: string;
  name: string;
  domain: string | null;
  segment: string | null;
  region: string | null;
  country: string | null;
  industry: string | null;
  employeeCount: number | null;
  customerStatus: string;
  fitScore: number | null;
  flags: string[];
  owner: { id: string; name: string } | null;
  csm: { id: string; name: string } | null;
  partnerOwner: { id: string; name: string } | null;
  parent: { externalId: string; name: string } | null;
  childCount: number;
  updatedAt: string;
}

const MISSING_FIRMOGRAPHICS: Prisma.AccountWhereInput = {
  OR: [{ segment: null }, { region: null }, { employeeCount: null }, { industry: null }],
  isProductWorkspace: false,
};

const FLAG_WHERE: Record<NonNullable<AccountListQuery["flag"]>, Prisma.AccountWhereInput> = {
  named: { isNamedAccount: true },
  strategic: { isStrategic: true },
  open_opportunity: { hasOpenOpportunity: true },
  in_renewal: { inRenewal: true },
  in_procurement: { inProcurement: true },
  sensitive_escalation: { sensitiveEscalation: true },
  partner_owned: { partnerOwnerId: { not: null } },
  workspace: { isProductWorkspace: true },
  unlinked_workspace: { isProductWorkspace: true, parentId: null },
  missing_firmographics: MISSING_FIRMOGRAPHICS,
  unowned: { ownerId: null, isProductWorkspace: false },
};

const ORDER: Record<AccountListQuery["sort"], (dir: "asc" | "desc") => Prisma.AccountOrderByWithRelationInput[]> = {
  name: (dir) => [{ name: dir }, { externalId: "asc" }],
  employees: (dir) => [{ employeeCount: { sort: dir, nulls: "last" } }, { name: "asc" }],
  segment: (dir) => [{ segment: { sort: dir, nulls: "last" } }, { name: "asc" }],
  region: (dir) => [{ region: { sort: dir, nulls: "last" } }, { name: "asc" }],
  status: (dir) => [{ customerStatus: dir }, { name: "asc" }],
  fit: (dir) => [{ fitScore: { sort: dir, nulls: "last" } }, { name: "asc" }],
  updated: (dir) => [{ updatedAt: dir }, { externalId: "asc" }],
};

function flagsOf(a: {
  isNamedAccount: boolean;
  isStrategic: boolean;
  hasOpenOpportunity: boolean;
  inRenewal: boolean;
  inProcurement: boolean;
  sensitiveEscalation: boolean;
  partnerOwnerId: string | null;
  isProductWorkspace: boolean;
  parentId: string | null;
  segment: string | null;
  region: string | null;
  employeeCount: number | null;
  industry: string | null;
}): string[] {
  const flags: string[] = [];
  if (a.isStrategic) flags.push("strategic");
  else if (a.isNamedAccount) flags.push("named");
  if (a.hasOpenOpportunity) flags.push("open_opportunity");
  if (a.inRenewal) flags.push("in_renewal");
  if (a.inProcurement) flags.push("in_procurement");
  if (a.sensitiveEscalation) flags.push("sensitive_escalation");
  if (a.partnerOwnerId) flags.push("partner_owned");
  if (a.isProductWorkspace) flags.push(a.parentId ? "workspace" : "unlinked_workspace");
  else if (!a.segment || !a.region || a.employeeCount === null || !a.industry) flags.push("missing_firmographics");
  return flags;
}

export function accountWhere(query: AccountListQuery): Prisma.AccountWhereInput {
  const and: Prisma.AccountWhereInput[] = [];
  if (query.q) {
    and.push({
      OR: [
        { name: { contains: query.q, mode: "insensitive" } },
        { domain: { contains: query.q, mode: "insensitive" } },
        { externalId: { equals: query.q, mode: "insensitive" } },
      ],
    });
  }
  if (query.segment) and.push({ segment: query.segment });
  if (query.region) and.push({ region: query.region });
  if (query.status) and.push({ customerStatus: query.status });
  if (query.flag) and.push(FLAG_WHERE[query.flag]);
  if (query.owner) and.push({ OR: [{ ownerId: query.owner }, { csmId: query.owner }, { partnerOwnerId: query.owner }] });
  return and.length > 0 ? { AND: and } : {};
}

export async function listAccounts(query: AccountListQuery): Promise<Page<AccountRow>> {
  const where = accountWhere(query);
  const person = { select: { id: true, name: true } } as const;
  const [total, rows] = await Promise.all([
    db().account.count({ where }),
    db().account.findMany({
      where,
      orderBy: ORDER[query.sort](query.dir),
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      include: {
        owner: person,
        csm: person,
        partnerOwner: person,
        parent: { select: { externalId: true, name: true } },
        _count: { select: { children: true } },
      },
    }),
  ]);
  return pageOf(
    rows.map((a) => ({
      id: a.id,
      externalId: a.externalId,
      name: a.name,
      domain: a.domain,
      segment: a.segment,
      region: a.region,
      country: a.country,
      industry: a.industry,
      employeeCount: a.employeeCount,
      customerStatus: a.customerStatus,
      fitScore: a.fitScore,
      flags: flagsOf(a),
      owner: a.owner,
      csm: a.csm,
      partnerOwner: a.partnerOwner,
      parent: a.parent,
      childCount: a._count.children,
      updatedAt: a.updatedAt.toISOString(),
    })),
    total,
    query.page,
    query.pageSize,
  );
}
