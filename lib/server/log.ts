/**
 * Structured JSON logs (pino) on stdout: one line per event, with the request id that API
 * responses carry (`x-request-id`) and decisions store, so a log line, a response and a
 * decision can be joined. LOG_LEVEL sets the level (default info).
 */
import pino from "pino";

const g = globalThis as unknown as { switchyardLog?: pino.Logger };

export function log(): pino.Logger {
  g.switchyardLog ??= pino({ level: process.env.LOG_LEVEL ?? "info", base: { service: "switchyard" }, timestamp: pino.stdTimeFunctions.isoTime });
  return g.switchyardLog;
}
