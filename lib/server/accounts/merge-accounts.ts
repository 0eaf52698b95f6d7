/**
 * Duplicate accounts, resolved: RevOps marks one account the primary and merges the others into
 * it. A merged account stays (its history, its CRM id) but is no company of its own for routing:
 * records that name it or share its domain match the primary (lib/engine/matching.ts). The merge
 * fills the primary's empty fields from the duplicates, moves their child accounts under it, and
 * re-routes the open DUPLICATE exceptions on these accounts. Undone account by account.
 */
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/server/auth/assert-can";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { db, type Prisma } from "@/lib/server/db";
import { rerouteDecisions } from "@/lib/server/decisions/overrides";
import { invalidateAccountIndex } from "@/lib/server/routing/account-index";

/** The fields a merge copies to the primary when the primary has none. */
const FILLED = [
  "domain",
  "segment",
  "region",
  "country",
  "industry",
  "employeeCount",
  "annualRevenueUsd",
  "fitScore",
  "ownerId",
  "csmId",
  "partnerOwnerId",
  "parentId",
] as const;

export interface MergeResult {
  primary: string;
  merged: string[];
  /** Fields of the primary filled from a duplicate: field → the duplicate it came from. */
  filled: Record<string, string>;
  /** Open duplicate exceptions re-routed now that the accounts are one: each old decision and the new one. */
  rerouted: Array<{ from: string; to: string }>;
}

/** The accounts a DUPLICATE exception is about: the one it matched and those that looked the same. */
export async function duplicateCandidates(decisionId: string) {
  const row = await db().decision.findUnique({
    where: { id: decisionId },
    select: { context: true, accountExternalId: true, reasonCode: true },
  });
  if (!row) throw new AppError("NOT_FOUND", "That decision does not exist.");
  const ctx = row.context as { duplicates?: string[] } | null;
  const ids = [...new Set([row.accountExternalId, ...(ctx?.duplicates ?? [])].filter((x): x is string => typeof x === "string"))];
  const accounts = await db().account.findMany({
    where: { externalId: { in: ids } },
    select: {
      externalId: true,
      name: true,
      domain: true,
      customerStatus: true,
      segment: true,
      region: true,
      mergedInto: { select: { externalId: true, name: true } },
      owner: { select: { name: true } },
      _count: { select: { children: true } },
    },
  });
  const decisions = await db().decision.groupBy({ by: ["accountExternalId"], where: { accountExternalId: { in: ids } }, _count: true });
  const count = new Map(decisions.map((d) => [d.accountExternalId, d._count]));
  return ids
    .map((id) => accounts.find((a) => a.externalId === id))
    .filter((a): a is NonNullable<typeof a> => Boolean(a))
    .map((a) => ({
      externalId: a.externalId,
      name: a.name,
      domain: a.domain,
      customerStatus: a.customerStatus,
      segment: a.segment,
      region: a.region,
      owner: a.owner?.name ?? null,
      children: a._count.children,
      decisions: count.get(a.externalId) ?? 0,
      mergedInto: a.mergedInto,
    }));
}

export async function mergeAccounts(user: CurrentUser, input: { primary: string; duplicates: string[] }): Promise<MergeResult> {
  assertCan(user, "accounts:import", "merge duplicate accounts");
  const others = [...new Set(input.duplicates)].filter((d) => d !== input.primary).sort();
  if (!others.length)
    throw new AppError("VALIDATION", "Choose at least one other account to merge into the primary.", {
      fieldErrors: { duplicates: ["Choose the duplicates."] },
    });
  const result = await db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ id: string; externalId: string }>>`
      SELECT id, "externalId" FROM "Account" WHERE "externalId" = ANY(${[input.primary, ...others]}::text[]) ORDER BY id FOR UPDATE`;
    const primaryRow = rows.find((r) => r.externalId === input.primary);
    if (!primaryRow)
      throw new AppError("NOT_FOUND", `Account ${input.primary} does not exist.`, { fieldErrors: { primary: ["Unknown account."] } });
    const missing = others.filter((o) => !rows.some((r) => r.externalId === o));
    if (missing.length)
      throw new AppError(
        "NOT_FOUND",
        `Account${missing.length > 1 ? "s" : ""} ${missing.join(", ")} do${missing.length > 1 ? "" : "es"} not exist.`,
        { fieldErrors: { duplicates: [`Unknown: ${missing.join(", ")}.`] } },
      );
    const primary = await tx.account.findUniqueOrThrow({ where: { id: primaryRow.id } });
    if (primary.mergedIntoId)
      throw new AppError(
        "CONFLICT",
        `${primary.name} was itself merged into another account; choose that one as the primary, or undo its merge first.`,
      );
    const dups = await tx.account.findMany({
      where: { id: { in: rows.filter((r) => r !== primaryRow).map((r) => r.id) } },
      orderBy: { externalId: "asc" },
    });
    const fill: Prisma.AccountUncheckedUpdateInput = {};
    const filled: Record<string, string> = {};
    for (const field of FILLED) {
      if (primary[field] !== null) continue;
      const source = dups.find(
        (d) => d[field] !== null && !(field === "parentId" && (d.parentId === primary.id || dups.some((x) => x.id === d.parentId))),
      );
      if (!source) continue;
      (fill as Record<string, unknown>)[field] = source[field];
      filled[field] = source.externalId;
    }
    if (Object.keys(fill).length) await tx.account.update({ where: { id: primary.id }, data: fill });
    const dupIds = dups.map((d) => d.id);
    // Whatever was merged into a duplicate, and the duplicates' children, now belong to the primary.
    await tx.account.updateMany({ where: { mergedIntoId: { in: dupIds } }, data: { mergedIntoId: primary.id } });
    await tx.account.updateMany({ where: { parentId: { in: dupIds }, id: { not: primary.id } }, data: { parentId: primary.id } });
    await tx.account.updateMany({ where: { id: { in: dupIds } }, data: { mergedIntoId: primary.id } });
    await recordAudit(tx, user, {
      action: "account.merged",
      entityType: "account",
      entityId: primary.externalId,
      summary: `Marked ${primary.name} (${primary.externalId}) the primary; merged ${dups.map((d) => `${d.name} (${d.externalId})`).join(", ")} into it${Object.keys(filled).length ? `; filled ${Object.keys(filled).join(", ")} from the duplicates` : ""}`,
      before: { primary: Object.fromEntries(Object.keys(filled).map((f) => [f, null])) },
      after: { merged: dups.map((d) => d.externalId), filled },
    });
    return { primary: primary.externalId, merged: dups.map((d) => d.externalId), filled };
  });
  invalidateAccountIndex();
  // The exceptions that stopped on these accounts can route now.
  const open = await db().decision.findMany({
    where: { resolvedAt: null, kind: "exception", reasonCode: "DUPLICATE", accountExternalId: { in: [result.primary, ...result.merged] } },
    select: { id: true },
    take: 500,
  });
  const again = open.length ? await rerouteDecisions(user, { decisionIds: open.map((d) => d.id) }) : { decisionIds: [], from: [] };
  const rerouted = again.from.map((from, i) => ({ from, to: again.decisionIds[i]! }));
  return { ...result, rerouted };
}

/** Undoes a merge for one account: it is a company of its own again (filled fields stay on the primary). */
export async function unmergeAccount(user: CurrentUser, externalId: string) {
  assertCan(user, "accounts:import", "undo an account merge");
  const done = await db().$transaction(async (tx) => {
    const account = await tx.account.findUnique({
      where: { externalId },
      include: { mergedInto: { select: { externalId: true, name: true } } },
    });
    if (!account) throw new AppError("NOT_FOUND", `Account ${externalId} does not exist.`);
    if (!account.mergedInto) throw new AppError("CONFLICT", `${account.name} is not merged into another account.`);
    await tx.account.update({ where: { id: account.id }, data: { mergedIntoId: null } });
    await recordAudit(tx, user, {
      action: "account.unmerged",
      entityType: "account",
      entityId: externalId,
      summary: `Undid the merge of ${account.name} (${externalId}) into ${account.mergedInto.name} (${account.mergedInto.externalId})`,
      before: { mergedInto: account.mergedInto.externalId },
      after: { mergedInto: null },
    });
    return account;
  });
  invalidateAccountIndex();
  return { externalId: done.externalId };
}
