/**
 * A process that logs through lib/server/log.ts (for log.test.ts): `burst N` logs N lines and
 * exits at once; `one` logs one line, then stays up until its stdin closes.
 */
import { log } from "@/lib/server/log";

const [mode, count] = process.argv.slice(2);
if (mode === "burst") {
  for (let i = 0; i < Number(count); i++) log().info({ i }, "burst line");
  process.exit(0);
} else {
  log().info("one line");
  process.stdin.resume();
  process.stdin.on("end", () => process.exit(0));
}
