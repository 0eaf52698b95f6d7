/**
 * Keeping accounts in sync (PUT /api/v1/accounts/{externalId}, CSV import). Every row is
 * validated first — fields, owners that exist, parents that exist (or come in the same
 * import) — and a report names each problem by row and field. Only a clean set is written, in
 * one transaction: nothing is half-imported.
 */
import { parseCsv, CsvError } from "@/lib/csv";
import { ACCOUNT_FIELDS, accountCsvRowSchema, accountInputSchema, EXTERNAL_ID, type AccountInput } from "@/lib/schemas/accounts";
import { assertCan } from "@/lib/server/auth/assert-can";
import type { AuditActor } from "@/lib/server/audit/record-audit";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { db } from "@/lib/server/db";
import { invalidateAccountIndex } from "@/lib/server/routing/account-index";
import type { Role } from "@/lib/auth/permissions";

export interface RowProblem {
  row: number;
  externalId: string | null;
  field: string;
  message: string;
}

export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  problems: RowProblem[];
  imported: boolean;
}

interface Candidate {
  row: number;
  externalId: string;
  input: AccountInput;
}

/** Validates rows against the schema and the database; returns clean candidates and the problems. */
async function validateRows(
  raw: Array<{ row: number; externalId: unknown; data: Record<string, unknown> }>,
  schema: typeof accountInputSchema | typeof accountCsvRowSchema,
): Promise<{ candidates: Candidate[]; problems: RowProblem[] }> {
  const problems: RowProblem[] = [];
  const candidates: Candidate[] = [];
  const seen = new Map<string, number>();
  for (const r of raw) {
    const id = EXTERNAL_ID.safeParse(r.externalId);
    if (!id.success) problems.push({ row: r.row, externalId: null, field: "external_id", message: id.error.issues[0]!.message });
    const parsed = schema.safeParse(r.data);
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const externalId = id.success ? id.data : null;
        if (i.code === "unrecognized_keys") {
          for (const k of i.keys)
            problems.push({
              row: r.row,
              externalId,
              field: k,
              message: `"${k}" is not an account field. Fields: ${ACCOUNT_FIELDS.join(", ")}.`,
            });
        } else problems.push({ row: r.row, externalId, field: i.path.join(".") || "row", message: i.message });
      }
    }
    if (id.success) {
      const dup = seen.get(id.data);
      if (dup !== undefined)
        problems.push({
          row: r.row,
          externalId: id.data,
          field: "external_id",
          message: `Also on row ${dup}: each account once per import.`,
        });
      seen.set(id.data, r.row);
    }
    if (id.success && parsed.success) candidates.push({ row: r.row, externalId: id.data, input: parsed.data });
  }
  // References are checked on every row, also rows with other problems, so one pass shows all.
  const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim().toLowerCase() : null);
  const refs = raw.map((r) => ({
    row: r.row,
    externalId: typeof r.externalId === "string" ? r.externalId : null,
    owner: text(r.data.owner),
    csm: text(r.data.csm),
    partner_owner: text(r.data.partner_owner),
    parent: typeof r.data.parent_external_id === "string" && r.data.parent_external_id.trim() ? r.data.parent_external_id.trim() : null,
  }));
  const emails = [...new Set(refs.flatMap((r) => [r.owner, r.csm, r.partner_owner]).filter((x): x is string => Boolean(x)))];
  const members = new Set((await db().member.findMany({ where: { email: { in: emails } }, select: { email: true } })).map((m) => m.email));
  const parents = [...new Set(refs.map((r) => r.parent).filter((x): x is string => Boolean(x)))];
  const knownParents = new Set(
    (await db().account.findMany({ where: { externalId: { in: parents } }, select: { externalId: true } })).map((a) => a.externalId),
  );
  for (const r of refs) {
    for (const f of ["owner", "csm", "partner_owner"] as const) {
      const email = r[f];
      if (email && email.includes("@") && !members.has(email))
        problems.push({ row: r.row, externalId: r.externalId, field: f, message: `No member with email ${email}.` });
    }
    if (r.parent && !knownParents.has(r.parent) && !seen.has(r.parent))
      problems.push({
        row: r.row,
        externalId: r.externalId,
        field: "parent_external_id",
        message: `No account ${r.parent} (here or in this import).`,
      });
    if (r.parent && r.parent === r.externalId)
      problems.push({ row: r.row, externalId: r.externalId, field: "parent_external_id", message: "An account cannot be its own parent." });
  }
  problems.sort((a, b) => a.row - b.row);
  return { candidates, problems };
}

function columns(input: AccountInput, memberIds: Map<string, string>) {
  const id = (email: string | null | undefined) => (email ? (memberIds.get(email) ?? null) : null);
  return {
    name: input.name,
    domain: input.domain ?? null,
    segment: input.segment ?? null,
    region: input.region ?? null,
    country: input.country ?? null,
    industry: input.industry ?? null,
    employeeCount: input.employee_count ?? null,
    customerStatus: input.customer_status,
    fitScore: input.fit_score ?? null,
    isNamedAccount: input.is_named_account ?? false,
    isStrategic: input.is_strategic ?? false,
    hasOpenOpportunity: input.has_open_opportunity ?? false,
    inRenewal: input.in_renewal ?? false,
    inProcurement: input.in_procurement ?? false,
    sensitiveEscalation: input.sensitive_escalation ?? false,
    openSupportIssue: input.open_support_issue ?? false,
    isProductWorkspace: input.is_product_workspace ?? false,
    ownerId: id(input.owner),
    csmId: id(input.csm),
    partnerOwnerId: id(input.partner_owner),
  };
}

async function write(actor: AuditActor, candidates: Candidate[], source: string): Promise<{ created: number; updated: number }> {
  const emails = [
    ...new Set(candidates.flatMap((c) => [c.input.owner, c.input.csm, c.input.partner_owner]).filter((x): x is string => Boolean(x))),
  ];
  const memberIds = new Map(
    (await db().member.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } })).map((m) => [m.email, m.id]),
  );
  const result = await db().$transaction(
    async (tx) => {
      const existing = new Set(
        (
          await tx.account.findMany({ where: { externalId: { in: candidates.map((c) => c.externalId) } }, select: { externalId: true } })
        ).map((a) => a.externalId),
      );
      for (const c of candidates) {
        const data = columns(c.input, memberIds);
        await tx.account.upsert({ where: { externalId: c.externalId }, create: { externalId: c.externalId, ...data }, update: data });
      }
      // Parents last: they may be rows of this same import.
      const withParent = candidates.filter((c) => c.input.parent_external_id !== undefined);
      const parentIds = new Map(
        (
          await tx.account.findMany({
            where: { externalId: { in: withParent.map((c) => c.input.parent_external_id).filter((x): x is string => Boolean(x)) } },
            select: { id: true, externalId: true },
          })
        ).map((a) => [a.externalId, a.id]),
      );
      for (const c of withParent) {
        await tx.account.update({
          where: { externalId: c.externalId },
          data: { parentId: c.input.parent_external_id ? (parentIds.get(c.input.parent_external_id) ?? null) : null },
        });
      }
      const created = candidates.filter((c) => !existing.has(c.externalId)).length;
      await recordAudit(tx, actor, {
        action: "accounts.synced",
        entityType: "system",
        entityId: candidates.length === 1 ? candidates[0]!.externalId : `${candidates.length} accounts`,
        summary: `${source}: ${created} account${created === 1 ? "" : "s"} created, ${candidates.length - created} updated`,
        after: candidates.length <= 20 ? candidates.map((c) => ({ externalId: c.externalId, ...c.input })) : { count: candidates.length },
      });
      return { created, updated: candidates.length - created };
    },
    { timeout: 120_000 },
  );
  invalidateAccountIndex();
  return result;
}

/** PUT one account (API). Problems come back as field errors. */
export async function upsertAccount(
  actor: AuditActor,
  externalId: string,
  body: unknown,
): Promise<{ created: boolean; problems: RowProblem[] }> {
  const data = body !== null && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  if (!data)
    return {
      created: false,
      problems: [{ row: 1, externalId, field: "body", message: "Send the account as a JSON object of field → value." }],
    };
  const { candidates, problems } = await validateRows([{ row: 1, externalId, data }], accountInputSchema);
  if (problems.length) return { created: false, problems };
  const r = await write(actor, candidates, `API (${actor.email})`);
  return { created: r.created === 1, problems: [] };
}

/** CSV import: `dryRun` only checks. Any problem → nothing is written and the report lists them all. */
export async function importAccountsCsv(
  user: { id: string; email: string; role: Role },
  text: string,
  dryRun: boolean,
): Promise<ImportReport> {
  assertCan(user, "accounts:import", "import accounts");
  let table;
  try {
    table = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvError)
      return {
        rows: 0,
        created: 0,
        updated: 0,
        imported: false,
        problems: [{ row: e.line, externalId: null, field: "file", message: e.message }],
      };
    throw e;
  }
  const header = table.header.map((h) => h.toLowerCase());
  const known = new Set(["external_id", ...ACCOUNT_FIELDS]);
  const problems: RowProblem[] = header
    .filter((h) => !known.has(h))
    .map((h) => ({ row: 1, externalId: null, field: h, message: `Unknown column "${h}". Columns: ${[...known].join(", ")}.` }));
  if (!header.includes("external_id"))
    problems.push({ row: 1, externalId: null, field: "external_id", message: "The header needs an external_id column." });
  if (!header.includes("name")) problems.push({ row: 1, externalId: null, field: "name", message: "The header needs a name column." });
  if (problems.length) return { rows: table.rows.length, created: 0, updated: 0, imported: false, problems };
  const raw = table.rows.map((r) => {
    const data: Record<string, unknown> = {};
    header.forEach((h, i) => {
      if (h !== "external_id") data[h] = r.values[i];
    });
    return { row: r.line, externalId: r.values[header.indexOf("external_id")], data };
  });
  const checked = await validateRows(raw, accountCsvRowSchema);
  if (checked.problems.length || dryRun) {
    const existing = await db().account.count({ where: { externalId: { in: checked.candidates.map((c) => c.externalId) } } });
    return {
      rows: raw.length,
      created: checked.candidates.length - existing,
      updated: existing,
      imported: false,
      problems: checked.problems,
    };
  }
  const r = await write(user, checked.candidates, `CSV import by ${user.email}`);
  return { rows: raw.length, ...r, imported: true, problems: [] };
}
