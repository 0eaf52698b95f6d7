/**
 * Structured JSON logs (pino) on stdout: one line per event, with the request id that API
 * responses carry (`x-request-id`) and decisions store, so a log line, a response and a
 * decision can be joined. LOG_LEVEL sets the level (default info).
 *
 * Lines are buffered and written in chunks (up to 8 KB, at least every 250 ms) rather than with
 * one blocking write per line: at the routing API's rate a write per request was a syscall per
 * request on the event loop. pino flushes the buffer when the process exits or is signalled;
 * a power cut can lose the last quarter second of lines, never a decision (those are in
 * PostgreSQL before the answer). LOG_SYNC=1 writes each line at once (debugging a crash).
 */
import pino from "pino";

const g = globalThis as unknown as { switchyardLog?: pino.Logger };

export function log(): pino.Logger {
  g.switchyardLog ??= pino(
    { level: process.env.LOG_LEVEL ?? "info", base: { service: "switchyard" }, timestamp: pino.stdTimeFunctions.isoTime },
    process.env.LOG_SYNC === "1"
      ? pino.destination({ dest: 1, sync: true })
      : pino.destination({ dest: 1, sync: false, minLength: 8192, periodicFlush: 250 }),
  );
  return g.switchyardLog;
}
