/**
 * Values inlined as SQL literals (routing's one-message transactions) come back from PostgreSQL
 * exactly as they were: quotes, backslashes, E-string look-alikes, Unicode, JSON, arrays.
 */
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { endPgPool, escapeLiteral, pgPool, sqlLiteral, textArray } from "./pg";

afterAll(async () => {
  await endPgPool();
});

const strings: Array<[string, string]> = [
  ["plain", "dana.ruiz@lumendata.example"],
  ["single quote", "O'Brien"],
  ["quote at the end", "it's'"],
  ["backslash", "C:\\temp\\new"],
  ["backslash before a quote", '\\\'; DROP TABLE "Decision"; --'],
  ["E-string look-alike", "E'\\x41'"],
  ["dollar quoting", "$$ SELECT 1 $$"],
  ["newlines and tabs", "a\nb\tc\r\n"],
  ["unicode", "Zoë Šimić — 東京 🚀"],
  ["json text", JSON.stringify({ note: 'say "hi"', path: "a\\b", q: "it's" })],
  ["empty", ""],
];

describe("SQL literals", () => {
  it.each(strings)("a string round-trips: %s", async (_name, value) => {
    const { rows } = await pgPool().query<{ v: string }>(`SELECT ${escapeLiteral(value)}::text AS v`);
    expect(rows[0]!.v).toBe(value);
  });

  it("arrays, numbers, booleans, nulls and dates round-trip", async () => {
    const when = new Date("2026-12-01T10:11:12.345Z");
    const { rows } = await pgPool().query<{ a: string[]; n: number[]; b: boolean; z: null; d: string; e: string[] }>(
      `SELECT ${textArray(strings.map(([, v]) => v))} AS a, ${sqlLiteral([1, -2, 30])}::int[] AS n, ${sqlLiteral(true)} AS b, ${sqlLiteral(null)}::text AS z, ${sqlLiteral(when)}::text AS d, ${textArray([])} AS e`,
    );
    expect(rows[0]).toEqual({ a: strings.map(([, v]) => v), n: [1, -2, 30], b: true, z: null, d: when.toISOString(), e: [] });
  });

  it("refuses what cannot be inlined safely: NUL characters, non-finite numbers", () => {
    expect(() => escapeLiteral("a\u0000b")).toThrow(AppError);
    expect(() => sqlLiteral(Number.NaN)).toThrow(AppError);
    expect(() => sqlLiteral(Number.POSITIVE_INFINITY)).toThrow(AppError);
  });
});
