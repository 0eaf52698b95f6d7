/**
 * Fuzz: 10,000 generated bodies against the boundaries people and systems write through — the
 * routing API (single and batch, over real HTTP through the production server's fast path), the
 * accounts API, the CSV import and the policy YAML (parse, import, save). Deep nesting, huge
 * bodies, `__proto__`/`constructor` keys, unicode and NUL, wrong types. Every answer: never a 5xx;
 * every 422 names at least one field; nothing half-written (decisions stored = records answered
 * 201; a refused CSV import changes no account; a refused save leaves the draft as it was).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUT as putAccount } from "@/app/api/v1/accounts/[externalId]/route";
import { parsePolicyText, parseYaml } from "@/lib/engine/policy-yaml";
import { AppError } from "@/lib/errors";
import { listenFastPath } from "@/lib/server/runtime/app-server.test-helpers";
import { importAccountsCsv } from "@/lib/server/accounts/upsert-accounts";
import { createApiKey } from "@/lib/server/api-keys/api-keys";
import { verifyDecisionLog } from "@/lib/server/audit/verify-audit-log";
import { db } from "@/lib/server/db";
import { createDraft, saveDraft } from "@/lib/server/policies/workflow";
import { as, policy } from "@/lib/server/policies/workflow.test-helpers";

let fastPath: Awaited<ReturnType<typeof listenFastPath>>;
let base = "";
let routeKey = "";
let accountsKey = "";
const SEED = 20261204;

beforeAll(async () => {
  fastPath = await listenFastPath();
  base = fastPath.base;
  routeKey = (await createApiKey(await as.admin(), { name: "fuzz route", scopes: ["route"] })).key;
  accountsKey = (await createApiKey(await as.admin(), { name: "fuzz accounts", scopes: ["accounts:write"] })).key;
});

afterAll(async () => {
  await fastPath.close();
});

// ── Generators ────────────────────────────────────────────────────────────────────────────────
const nasty = fc.constantFrom(
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "😀",
  "ｓｅｇｍｅｎｔ",
  "segment ",
  "",
  " ",
  "\n",
  "<script>",
  '\'; DROP TABLE "Decision"; --',
  "%00",
  "\\u0000",
);
const text = fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), nasty, fc.string({ maxLength: 5 }));
const scalar = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.array(tie("v"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(text, nasty), tie("v"), { maxKeys: 4 }),
  ),
})).v;
const FIELD_NAMES = [
  "email_domain",
  "segment",
  "region",
  "fit_score",
  "lead_source",
  "account_id",
  "signal_score",
  "agent_action_kind",
  "employee_count",
];
const fields = fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES), text, nasty), fc.oneof(scalar, value), { maxKeys: 8 });
const TYPES = ["lead", "demo_request", "product_signal", "partner_referral", "agent_action", "renewal", "account"];
const record = fc.record(
  {
    id: fc.oneof(text, fc.integer(), fc.constant(null)),
    type: fc.oneof(fc.constantFrom(...TYPES), text),
    fields: fc.oneof(fields, value),
    receivedAt: fc.oneof(
      text,
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    ),
  },
  { requiredKeys: [] },
);

/** Records a CRM would send, with the odd surprise in one field: most of them are routed and stored. */
const goodRecord = fc.record({
  id: fc.stringMatching(/^[a-z0-9-]{1,24}$/),
  type: fc.constantFrom("lead", "demo_request"),
  fields: fc.record({
    email_domain: fc.constantFrom("acme.example", "ana@x.com.mx", "gmail.com", "", "nobody.example"),
    segment: fc.oneof(fc.constantFrom("enterprise", "mid_market", "smb"), text),
    region: fc.constantFrom("NA", "EMEA", "APAC", "LATAM"),
    fit_score: fc.oneof(fc.integer({ min: 0, max: 100 }), scalar),
    lead_source: fc.constantFrom("inbound_demo", "content", "event"),
  }),
});

/** JSON text with the shapes JSON.stringify cannot make: own `__proto__` keys, deep nesting, broken syntax. */
const rawJson = fc.oneof(
  fc.constant('{"record":{"__proto__":{"isAdmin":true},"id":"p1","type":"lead","fields":{}}}'),
  fc.constant('{"__proto__":{"record":{"id":"p2"}},"constructor":{"prototype":{"polluted":1}}}'),
  fc.integer({ min: 1, max: 20_000 }).map((n) => `{"record":${"[".repeat(n)}${"]".repeat(n)}}`),
  fc.constant(`{"record":{"id":"big","type":"lead","fields":{"x":"${"y".repeat(17 * 1024 * 1024)}"}}}`),
  fc.constant('{"record":{"id":"nul\\u0000id","type":"lead","fields":{"segment":"smb\\u0000"}}}'),
  fc.string({ maxLength: 30 }),
  fc.constant(""),
  fc.constant("null"),
);

// ── Checks ───────────────────────────────────────────────────────────────────────────────────
interface Answer {
  status: number;
  body: { error?: { fieldErrors?: Record<string, string[]>; message?: string }; decisions?: unknown[]; decision?: unknown } | null;
}
const problems: string[] = [];
function check(where: string, input: string, a: Answer): void {
  const shown = input.length > 200 ? `${input.slice(0, 200)}… (${input.length} chars)` : input;
  if (a.status >= 500) problems.push(`${where}: ${a.status} for ${shown}`);
  if (a.status === 422 && !Object.keys(a.body?.error?.fieldErrors ?? {}).length)
    problems.push(`${where}: 422 naming no field (${a.body?.error?.message}) for ${shown}`);
}

async function post(path: string, body: string): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${routeKey}`, "content-type": "application/json" },
    body,
  });
  const raw = await res.text();
  let parsed: Answer["body"] = null;
  try {
    parsed = JSON.parse(raw) as Answer["body"];
  } catch {
    problems.push(`${path}: answer is not JSON (${res.status})`);
  }
  return { status: res.status, body: parsed };
}

/** A few at a time, so the server's group commit sees concurrent requests as it would in production. */
async function inParallel<T>(items: T[], n: number, fn: (x: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: n }, async () => {
      for (let x = queue.shift(); x !== undefined; x = queue.shift()) await fn(x);
    }),
  );
}

describe("fuzz: 10,000 generated bodies, never a 5xx, every 422 names a field, nothing half-written", () => {
  it("POST /api/v1/route and /route/batch (4,000 + 1,000, over HTTP)", { timeout: 300_000 }, async () => {
    const before = await db().decision.count();
    const singles = [
      ...fc.sample(
        goodRecord.map((r) => JSON.stringify({ record: r })),
        { numRuns: 1_000, seed: SEED + 9 },
      ),
      ...fc.sample(
        record.map((r) => JSON.stringify({ record: r })),
        { numRuns: 2_600, seed: SEED },
      ),
      ...fc.sample(
        fc.oneof(
          rawJson,
          value.map((v) => JSON.stringify(v) ?? "null"),
        ),
        { numRuns: 400, seed: SEED + 1 },
      ),
    ];
    const batches = fc.sample(
      fc.array(record, { minLength: 0, maxLength: 12 }).map((records) => JSON.stringify({ records })),
      { numRuns: 1_000, seed: SEED + 2 },
    );
    let stored = 0;
    await inParallel(singles, 8, async (body) => {
      const a = await post("/api/v1/route", body);
      check("route", body, a);
      if (a.status === 201) stored += 1;
    });
    await inParallel(batches, 4, async (body) => {
      const a = await post("/api/v1/route/batch", body);
      check("batch", body, a);
      if (a.status === 201) stored += a.body?.decisions?.length ?? 0;
      if (a.status === 201 && a.body?.decisions?.length !== (JSON.parse(body) as { records: unknown[] }).records.length)
        problems.push(`batch: 201 with part of the records for ${body.slice(0, 200)}`);
    });
    // Every stored decision was answered 201, and every 201 was stored.
    expect(await db().decision.count()).toBe(before + stored);
    expect(stored).toBeGreaterThan(500);
    expect(problems).toEqual([]);
    // Every stored decision — generated unicode, quotes, control characters and all — carries the
    // evidence hash the database computes for it (the commit computed it in the app).
    expect(await verifyDecisionLog()).toMatchObject({ ok: true, edited: [] });
  });

  it("PUT /api/v1/accounts/{id} (2,000)", { timeout: 180_000 }, async () => {
    const bodies = fc.sample(
      fc.tuple(
        fc.oneof(
          fc.constantFrom("FUZZ-1", "FUZZ-2"),
          text.filter((t) => t.length > 0 && !/[\uD800-\uDFFF]/.test(t)),
        ),
        fc.oneof(
          value.map((v) => JSON.stringify(v) ?? "null"),
          rawJson.filter((r) => r.length < 1_000_000),
        ),
      ),
      { numRuns: 2_000, seed: SEED + 3 },
    );
    await inParallel(bodies, 4, async ([externalId, body]) => {
      let answer: Answer;
      try {
        const res = await putAccount(
          new Request(`http://localhost/api/v1/accounts/${encodeURIComponent(externalId)}`, {
            method: "PUT",
            headers: { authorization: `Bearer ${accountsKey}`, "content-type": "application/json" },
            body,
          }),
          { params: Promise.resolve({ externalId: encodeURIComponent(externalId) }) },
        );
        answer = { status: res.status, body: (await res.json()) as Answer["body"] };
      } catch (error) {
        answer = { status: 599, body: { error: { message: String(error) } } };
      }
      check(`accounts ${JSON.stringify(externalId)}`, body, answer);
    });
    expect(problems).toEqual([]);
  });

  it("CSV account import (1,500): a refused file changes no account", { timeout: 180_000 }, async () => {
    const admin = await as.admin();
    const header = fc.constantFrom(
      "external_id,name,domain,segment,region,employee_count,is_strategic,owner",
      "external_id,name",
      "name,domain",
      "",
      "external_id,name,__proto__,constructor",
    );
    const cell = fc.oneof(
      text.map((t) => t.replace(/[\r\n]/g, " ")),
      fc.integer().map(String),
      fc.constantFrom('"quoted, with comma"', '"unterminated', "true", "yes", "20.5", "FUZZ-CSV-1"),
    );
    const files = fc.sample(
      fc
        .tuple(header, fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 6 }))
        .map(([h, rows]) => [h, ...rows.map((r) => r.join(","))].join(fc.sample(fc.constantFrom("\n", "\r\n"), 1)[0])),
      { numRuns: 1_500, seed: SEED + 4 },
    );
    for (const csv of files) {
      const accountsBefore = await db().account.count();
      try {
        const report = await importAccountsCsv(admin, csv, false);
        if (report.problems.length && (await db().account.count()) !== accountsBefore)
          problems.push(`csv: refused but accounts changed for ${JSON.stringify(csv).slice(0, 200)}`);
        if (report.problems.some((p) => !p.field && !p.message))
          problems.push(`csv: a problem naming nothing for ${JSON.stringify(csv).slice(0, 200)}`);
      } catch (error) {
        if (!(error instanceof AppError) || (error.code === "VALIDATION" && !Object.keys(error.fieldErrors ?? {}).length))
          problems.push(
            `csv: ${error instanceof AppError ? `422 naming no field: ${error.message}` : String(error)} for ${JSON.stringify(csv).slice(0, 200)}`,
          );
      }
    }
    expect(problems).toEqual([]);
  });

  it(
    "policy YAML (1,500): parsed or its problems named with a line, never a throw; a refused save leaves the draft as it was",
    { timeout: 180_000 },
    async () => {
      const revops = await as.revops();
      const draft = await createDraft(revops, (await policy()).id);
      let revision = draft.revision;
      const yamlish = fc.oneof(
        value.map((v) => JSON.stringify(v) ?? ""),
        fc.string({ unit: "binary", maxLength: 200 }),
        fc.constantFrom(
          "a: &a [*a]",
          "x: !!js/function 'return 1'",
          "<<: *undefined",
          "key: [unclosed",
          "\t- tab",
          "rules:\n  - key: x\n    action: 12",
          `a: ${"[".repeat(2_000)}`,
          "__proto__: {polluted: true}",
        ),
      );
      for (const text of fc.sample(yamlish, { numRuns: 1_500, seed: SEED + 5 })) {
        let parsed: ReturnType<typeof parsePolicyText>;
        try {
          parsed = parsePolicyText(text);
        } catch (error) {
          problems.push(`yaml parse threw ${String(error)} for ${JSON.stringify(text).slice(0, 200)}`);
          continue;
        }
        if (!parsed.ok && !parsed.problems.length) problems.push(`yaml: refused naming nothing for ${JSON.stringify(text).slice(0, 200)}`);
        const yaml = parseYaml(text);
        if (!yaml.ok) continue;
        // A document that parses goes through the real save (validated there); a refused one changes nothing.
        const stored = await db().policyVersion.findUniqueOrThrow({ where: { id: draft.id }, select: { document: true, revision: true } });
        try {
          revision = (await saveDraft(revops, draft.id, yaml.value, revision)).revision;
        } catch (error) {
          if (!(error instanceof AppError)) problems.push(`save threw ${String(error)} for ${JSON.stringify(text).slice(0, 200)}`);
          const after = await db().policyVersion.findUniqueOrThrow({ where: { id: draft.id }, select: { document: true, revision: true } });
          if (after.revision !== stored.revision)
            problems.push(`save: refused but the draft changed for ${JSON.stringify(text).slice(0, 200)}`);
        }
      }
      // Nothing polluted any prototype on the way.
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      expect(problems).toEqual([]);
    },
  );
});
