import { describe, expect, it } from "vitest";
import { AppError, asAppError, errorHeaders, requestIdFrom, statusOf, toErrorBody } from "./errors";

/** Errors as the database layers throw them: Prisma with the driver adapter's cause, pg's SQLSTATE, Node's errno. */
const prisma = (code: string, sqlstate?: string) =>
  Object.assign(new Error("prisma"), { code, meta: sqlstate ? { driverAdapterError: { cause: { originalCode: sqlstate } } } : undefined });
const pg = (code: string) => Object.assign(new Error("pg"), { code });

describe("asAppError: lost races are 409, an unreachable database 503, the rest 500", () => {
  it.each([
    ["Prisma unique violation (P2002)", prisma("P2002", "23505"), 409],
    ["raw query unique violation (P2010 over 23505)", prisma("P2010", "23505"), 409],
    ["pg serialization failure", pg("40001"), 409],
    ["pg deadlock", pg("40P01"), 409],
    ["Prisma write conflict (P2034)", prisma("P2034"), 409],
    ["database refused the connection", Object.assign(new Error("connect"), { cause: pg("ECONNREFUSED") }), 503],
    ["Prisma cannot reach the server (P1001)", prisma("P1001"), 503],
    ["admin shutdown (57P01)", pg("57P01"), 503],
    ["too many connections (53300)", pg("53300"), 503],
    ["pg: the server cut the connection (no code)", new Error("Connection terminated unexpectedly"), 503],
    ["pg: the server did not answer in time", new Error("Query read timeout"), 503],
    ["pg-pool: no connection in time", new Error("timeout exceeded when trying to connect"), 503],
    [
      "Prisma over the adapter: the driver's words",
      Object.assign(new Error("prisma"), {
        meta: { driverAdapterError: { cause: { originalMessage: "Connection terminated unexpectedly" } } },
      }),
      503,
    ],
    ["a message that only mentions a connection is not it", new Error("Connection settings are invalid"), 500],
    ["a bug", new TypeError("x is undefined"), 500],
    ["a check violation is a bug, not a race", pg("23514"), 500],
  ])("%s → %i", (_label, error, status) => {
    expect(statusOf(error)).toBe(status);
    const body = toErrorBody(error, "req-1");
    expect(body.error.requestId).toBe("req-1");
    if (status === 500) expect(body.error).toMatchObject({ code: "INTERNAL", message: expect.not.stringContaining("undefined") });
    expect(errorHeaders(error)).toEqual(status === 503 ? { "retry-after": "5" } : {});
  });

  it("keeps AppErrors as they are", () => {
    const e = new AppError("VALIDATION", "Check segment.", { fieldErrors: { segment: ["Choose one."] } });
    expect(asAppError(e)).toBe(e);
    expect(toErrorBody(e)).toEqual({ error: { code: "VALIDATION", message: "Check segment.", fieldErrors: { segment: ["Choose one."] } } });
  });

  it.each([
    ["abc-123", "abc-123"],
    ["trace:01HX.z_9", "trace:01HX.z_9"],
    ["<script>", null],
    ["x".repeat(101), null],
    [null, null],
  ])("request id %s", (header, kept) => {
    const id = requestIdFrom(header);
    if (kept) expect(id).toBe(kept);
    else expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
