import { describe, expect, it } from "vitest";
import { monitorThresholdsInput } from "./monitor";

const ok = { exceptionRatePoints: "10", suppressionRatePoints: "10", volumeRatio: "3", volumeMin: "10", minDecisions: "20" };

describe("monitor thresholds input", () => {
  it.each([
    [{}, null],
    [{ volumeRatio: "1" }, "Volume multiple: at least 1.1."],
    [{ volumeMin: "2.5" }, "Minimum records: a whole number."],
    [{ exceptionRatePoints: "abc" }, "Exception rate rise: enter a number."],
    [{ minDecisions: "0" }, "Decisions before judging: at least 1."],
    [{ suppressionRatePoints: "101" }, "Suppression rate rise: at most 100."],
  ])("%j → %s", (patch, message) => {
    const r = monitorThresholdsInput.safeParse({ ...ok, ...patch });
    if (message === null) expect(r.success).toBe(true);
    else expect(r.success ? null : r.error.issues[0]!.message).toBe(message);
  });
});
