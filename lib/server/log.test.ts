/**
 * Buffered logging (lib/server/log.ts) loses nothing an operator needs: a quiet process's line
 * shows up within the flush interval, and every line logged before an exit is written.
 */
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

function child(args: string[]) {
  return spawn(process.execPath, ["--import", "tsx", "scripts/test-setup/log-in-child.ts", ...args], {
    stdio: ["pipe", "pipe", "inherit"],
    env: { ...process.env, LOG_LEVEL: "info", LOG_SYNC: "" },
  });
}

describe("buffered logs", () => {
  it("every line logged right before process.exit is written, in order", async () => {
    const p = child(["burst", "2000"]);
    let out = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => p.on("close", resolve));
    expect(code).toBe(0);
    const lines = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { i: number; msg: string; service: string });
    expect(lines.map((l) => l.i)).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    expect(lines[0]).toMatchObject({ msg: "burst line", service: "switchyard" });
  });

  it("a single line from a process that keeps running is written without waiting for more", async () => {
    const p = child(["one"]);
    const line = await new Promise<string>((resolve, reject) => {
      p.stdout.once("data", (d: Buffer) => resolve(d.toString()));
      p.once("exit", () => reject(new Error("exited before writing")));
    });
    // Written while the process is still up (it exits only once its stdin closes).
    expect(p.exitCode).toBeNull();
    expect(JSON.parse(line)).toMatchObject({ msg: "one line", level: 30 });
    p.stdin.end();
    await new Promise((resolve) => p.on("close", resolve));
  });
});
