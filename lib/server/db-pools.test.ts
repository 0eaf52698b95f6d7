import { describe, expect, it } from "vitest";
import { poolSizes } from "./db-pools";

describe("database pools sized together", () => {
  it.each([
    [undefined, { total: 20, routing: 10, prisma: 10, jobs: 4 }],
    ["9", { total: 9, routing: 5, prisma: 4, jobs: 4 }],
    ["2", { total: 4, routing: 2, prisma: 2, jobs: 4 }],
    ["lots", { total: 20, routing: 10, prisma: 10, jobs: 4 }],
  ])("DATABASE_POOL_SIZE=%s", (value, expected) => {
    const sizes = poolSizes({ DATABASE_POOL_SIZE: value });
    expect(sizes).toEqual(expected);
    expect(sizes.routing + sizes.prisma).toBe(sizes.total);
  });
});
