import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { cpuMeter, describeCpu, type CpuMeter, type CpuSplit } from "./cpu-budget";

/**
 * A detached child (its own process group, pid = group id) spinning ~300 ms of CPU while `meter`
 * (built for that pid) runs; stopped once the child says it is done, before it exits.
 */
async function meterSpinningChild(meterFor: (pid: number) => CpuMeter | null): Promise<CpuSplit | null> {
  const child = spawn(
    process.execPath,
    ["-e", "const t = Date.now(); while (Date.now() - t < 300); console.log('spun'); process.stdin.resume();"],
    { detached: true, stdio: ["pipe", "pipe", "inherit"] },
  );
  const meter = meterFor(child.pid!);
  meter?.start();
  await new Promise<void>((resolve) => createInterface({ input: child.stdout! }).once("line", () => resolve()));
  const split = meter?.stop() ?? null;
  child.stdin!.end();
  return split;
}

describe("bench CPU budget", () => {
  it("adds up CPU per decision and the rate the cores allow", () => {
    expect(describeCpu({ appMs: 5_000, pgMs: 4_000, loadMs: 1_000 }, 10_000, 2)).toBe(
      "CPU per decision: app 0.50 ms, PostgreSQL 0.40 ms, load generator 0.10 ms = 1.00 ms; on 2 cores at most 2,000 decisions/s with every core busy",
    );
  });

  it("counts the CPU a process of the app's group spent while metered", async () => {
    const split = await meterSpinningChild((pid) => cpuMeter(pid, null));
    if (!split) return; // no /proc here
    expect(split.appMs).toBeGreaterThanOrEqual(150);
    expect(split.pgMs).toBe(0);
  });

  it("counts a postmaster and its children as PostgreSQL, not as the app", async () => {
    // The child plays the postmaster; the app group (-1) has no process.
    const split = await meterSpinningChild((pid) => cpuMeter(-1, pid));
    if (!split) return;
    expect(split.pgMs).toBeGreaterThanOrEqual(150);
    expect(split.appMs).toBe(0);
  });
});
