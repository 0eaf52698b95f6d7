/**
 * Who spent the CPU during a benchmark run, per decision: the app (the processes of its process
 * group), PostgreSQL (the postmaster and its children — backends, WAL writer, autovacuum… — less
 * the bench's own sampling backend; PostgreSQL leaves the app's group) and the load generator
 * (this process: autocannon). On a machine whose cores all three share, their sum says what rate is reachable
 * at all, before any latency target.
 *
 * Read from /proc (Linux only; elsewhere `cpuMeter` returns null): utime + stime of the live
 * processes, plus cutime + cstime so that children which exited meanwhile (autovacuum workers)
 * still count, in their parent's figures. /proc reports clock ticks of 1/100 s.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";

const TICK_MS = 10;

export interface CpuSplit {
  appMs: number;
  pgMs: number;
  loadMs: number;
}

interface ProcStat {
  ppid: number;
  pgrp: number;
  ms: number;
}

function procStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = text.lastIndexOf(")");
    const f = text.slice(close + 2).split(" ");
    const ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    return { ppid: Number(f[1]), pgrp: Number(f[2]), ms: ticks * TICK_MS };
  } catch {
    return null; // exited between the listing and the read
  }
}

function snapshot(appGroup: number, postmaster: number | null, exclude: Set<number>): CpuSplit {
  const split: CpuSplit = { appMs: 0, pgMs: 0, loadMs: 0 };
  for (const name of readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid || exclude.has(pid)) continue;
    const s = procStat(pid);
    if (!s) continue;
    if (postmaster !== null && (pid === postmaster || s.ppid === postmaster)) split.pgMs += s.ms;
    else if (s.pgrp === appGroup) split.appMs += s.ms;
  }
  const own = process.cpuUsage();
  split.loadMs = (own.user + own.system) / 1000;
  return split;
}

export interface CpuMeter {
  start(): void;
  stop(): CpuSplit;
}

/**
 * A meter over the app's process group (`appGroup`: the pid of the detached app process) and the
 * PostgreSQL whose postmaster is `postmaster` (null: none), or null without /proc.
 */
export function cpuMeter(appGroup: number, postmaster: number | null, exclude: number[] = []): CpuMeter | null {
  if (!existsSync("/proc/self/stat")) return null;
  const skip = new Set(exclude);
  let from: CpuSplit = { appMs: 0, pgMs: 0, loadMs: 0 };
  return {
    start() {
      from = snapshot(appGroup, postmaster, skip);
    },
    stop() {
      const to = snapshot(appGroup, postmaster, skip);
      return { appMs: to.appMs - from.appMs, pgMs: to.pgMs - from.pgMs, loadMs: to.loadMs - from.loadMs };
    },
  };
}

/** "CPU per decision: app 0.52 ms, PostgreSQL 0.41 ms, load generator 0.15 ms = 1.08 ms; on 2 cores at most 1,850 decisions/s with every core busy". */
export function describeCpu(split: CpuSplit, decisions: number, cores = availableParallelism()): string {
  const per = (ms: number) => ms / Math.max(1, decisions);
  const total = per(split.appMs) + per(split.pgMs) + per(split.loadMs);
  const ceiling = total > 0 ? Math.round((cores * 1000) / total) : 0;
  return `CPU per decision: app ${per(split.appMs).toFixed(2)} ms, PostgreSQL ${per(split.pgMs).toFixed(2)} ms, load generator ${per(split.loadMs).toFixed(2)} ms = ${total.toFixed(2)} ms; on ${cores} cores at most ${ceiling.toLocaleString("en-US")} decisions/s with every core busy`;
}
