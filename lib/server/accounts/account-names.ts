/** Accounts by company name: the decision log's company search, and names for account ids wherever they are shown. */
import { db } from "@/lib/server/db";

/** Accounts whose company name contains `q` or whose domain is `q` (case aside): the decision log's company search. */
export async function accountIdsMatching(q: string, limit = 200): Promise<string[]> {
  const term = q.trim();
  if (term.length < 2) return [];
  const rows = await db().account.findMany({
    where: { OR: [{ name: { contains: term, mode: "insensitive" } }, { domain: { equals: term.toLowerCase().replace(/^www\./, "") } }] },
    select: { externalId: true },
    take: limit,
  });
  return rows.map((r) => r.externalId);
}

/** Company names for account ids (the decision log and impact show names, not ids). */
export async function accountNames(ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (!wanted.length) return new Map();
  const rows = await db().account.findMany({ where: { externalId: { in: wanted } }, select: { externalId: true, name: true } });
  return new Map(rows.map((r) => [r.externalId, r.name]));
}
