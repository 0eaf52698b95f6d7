import { db } from "@/lib/server/db";

/** Data-quality figures routing depends on: what will land in exception paths if left alone. */
export interface AccountHealth {
  total: number;
  customers: number;
  unowned: number;
  missingFirmographics: number;
  unlinkedWorkspaces: number;
  duplicateDomainGroups: number;
  namedAccounts: number;
  partnerOwned: number;
}

export async function getAccountHealth(): Promise<AccountHealth> {
  const a = db().account;
  const [total, customers, unowned, missingFirmographics, unlinkedWorkspaces, namedAccounts, partnerOwned, dup] = await Promise.all([
    a.count(),
    a.count({ where: { customerStatus: "customer" } }),
    a.count({ where: { ownerId: null, isProductWorkspace: false } }),
    a.count({
      where: { isProductWorkspace: false, OR: [{ segment: null }, { region: null }, { employeeCount: null }, { industry: null }] },
    }),
    a.count({ where: { isProductWorkspace: true, parentId: null } }),
    a.count({ where: { isNamedAccount: true } }),
    a.count({ where: { partnerOwnerId: { not: null } } }),
    db().$queryRaw<Array<{ groups: bigint }>>`
      SELECT count(*) AS groups FROM (
        SELECT lower(domain) FROM "Account"
        WHERE domain IS NOT NULL AND "isProductWorkspace" = false AND "mergedIntoId" IS NULL
        GROUP BY lower(domain) HAVING count(*) > 1
      ) d`,
  ]);
  return {
    total,
    customers,
    unowned,
    missingFirmographics,
    unlinkedWorkspaces,
    duplicateDomainGroups: Number(dup[0]?.groups ?? 0),
    namedAccounts,
    partnerOwned,
  };
}

/** A FIELD member's book: what they own, as owner, CSM or partner owner. */
export async function getMemberBook(memberId: string) {
  const [owned, csm, partner, member] = await Promise.all([
    db().account.count({ where: { ownerId: memberId } }),
    db().account.count({ where: { csmId: memberId } }),
    db().account.count({ where: { partnerOwnerId: memberId } }),
    db().member.findUnique({ where: { id: memberId }, include: { team: { select: { name: true } } } }),
  ]);
  return { owned, csm, partner, member };
}
