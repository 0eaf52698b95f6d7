import { describe, expect, it } from "vitest";
import { availabilityOf, type AvailabilityInput } from "./availability";

const now = new Date("2026-11-25T12:00:00Z");
const base: AvailabilityInput = { active: true, activeLoad: 5, capacity: 10, outOfOfficeFrom: null, outOfOfficeUntil: null };
const d = (iso: string) => new Date(iso);

describe("availabilityOf", () => {
  it.each<[string, Partial<AvailabilityInput>, string]>([
    ["free member", {}, "available"],
    ["inactive beats everything", { active: false, activeLoad: 10 }, "inactive"],
    ["load at cap", { activeLoad: 10 }, "at_capacity"],
    ["load over cap", { activeLoad: 12 }, "at_capacity"],
    ["out of office now", { outOfOfficeFrom: d("2026-11-24T00:00:00Z"), outOfOfficeUntil: d("2026-11-30T00:00:00Z") }, "out_of_office"],
    ["out of office open-ended", { outOfOfficeFrom: d("2026-11-24T00:00:00Z") }, "out_of_office"],
    ["leave not started yet", { outOfOfficeFrom: d("2026-11-26T00:00:00Z"), outOfOfficeUntil: d("2026-11-30T00:00:00Z") }, "available"],
    ["leave already over", { outOfOfficeFrom: d("2026-11-01T00:00:00Z"), outOfOfficeUntil: d("2026-11-25T11:59:59Z") }, "available"],
  ])("%s", (_name, patch, expected) => {
    expect(availabilityOf({ ...base, ...patch }, now)).toBe(expected);
  });
});
