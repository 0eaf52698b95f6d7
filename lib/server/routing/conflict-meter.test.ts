import { describe, expect, it } from "vitest";
import { ConflictMeter } from "./conflict-meter";

describe("ConflictMeter", () => {
  it("stays with checked transactions while checks pass, and through a few isolated failures", () => {
    const m = new ConflictMeter();
    for (let i = 0; i < 100; i++) m.checked(i % 10 !== 0); // one failure in ten
    expect(m.preferLocked()).toBe(false);
  });

  it("switches to locks when most checks fail, and back once locked groups have gone by", () => {
    const m = new ConflictMeter();
    for (let i = 0; i < 8; i++) m.checked(false);
    expect(m.preferLocked()).toBe(true);
    let groups = 0;
    while (m.preferLocked()) {
      m.locked();
      groups++;
    }
    expect(groups).toBeGreaterThan(1);
    expect(groups).toBeLessThan(20);
    m.checked(true);
    expect(m.preferLocked()).toBe(false);
  });
});
