/**
 * Values travel as bound parameters (`sql`), never inside the SQL text: hostile strings come back
 * from PostgreSQL exactly as they were — quotes, backslashes, E-string and dollar-quote
 * look-alikes, Unicode, JSON — whether bound alone, as arrays, or inside the one JSON document
 * the routing commit sends.
 */
import { afterAll, describe, expect, it } from "vitest";
import { endPgPool, join, pgPool, pgTransaction, sql } from "./pg";

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
  ["a placeholder look-alike", "$1 $2::text"],
  ["newlines and tabs", "a\nb\tc\r\n"],
  ["unicode", "Zoë Šimić — 東京 🚀"],
  ["json text", JSON.stringify({ note: 'say "hi"', path: "a\\b", q: "it's" })],
  ["empty", ""],
];

describe("bound parameters", () => {
  it.each(strings)("a string round-trips: %s", async (_name, value) => {
    const q = sql`SELECT ${value}::text AS v`;
    expect(q.text).not.toContain(value.length ? value : "''");
    const { rows } = await pgPool().query<{ v: string }>(q);
    expect(rows[0]!.v).toBe(value);
  });

  it("arrays, numbers, booleans, nulls and composed fragments round-trip", async () => {
    const values = strings.map(([, v]) => v);
    const { rows } = await pgPool().query<{ a: string[]; n: number[]; b: boolean; z: null; l: string[] }>(
      sql`SELECT ${values}::text[] AS a, ${[1, -2, 30]}::int[] AS n, ${true}::boolean AS b, ${null}::text AS z, ARRAY[${join(values)}]::text[] AS l`,
    );
    expect(rows[0]).toEqual({ a: values, n: [1, -2, 30], b: true, z: null, l: values });
  });

  it("inside one JSON document (how the routing commit sends its rows), every string comes back exactly", async () => {
    const doc = JSON.stringify({ rows: strings.map(([name, v]) => ({ name, v })) });
    const { rows } = await pgPool().query<{ name: string; v: string }>(
      sql`SELECT name, v FROM json_to_recordset((${doc}::json) -> 'rows') AS r(name text, v text)`,
    );
    expect(rows).toEqual(strings.map(([name, v]) => ({ name, v })));
  });

  it("a transaction rolls back everything when a statement fails", async () => {
    await pgPool().query(`CREATE TABLE IF NOT EXISTS pg_tx_probe (v text)`);
    await expect(
      pgTransaction(async (c) => {
        await c.query(sql`INSERT INTO pg_tx_probe VALUES (${"kept?"})`);
        await c.query(`SELECT 1/0`);
      }),
    ).rejects.toMatchObject({ code: "22012" });
    const { rows } = await pgPool().query(`SELECT count(*)::int AS n FROM pg_tx_probe`);
    expect(rows[0]).toEqual({ n: 0 });
  });
});
