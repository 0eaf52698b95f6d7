import { describe, expect, it } from "vitest";
import { comparePublishWindows, DEFAULT_THRESHOLDS, type WindowStats } from "./publish-monitor";

const w = (x: Partial<WindowStats>): WindowStats => ({ total: 100, exceptions: 5, suppressed: 5, byQueue: {}, byOwner: {}, ...x });

describe("comparePublishWindows", () => {
  it.each([
    ["a steady window", w({ byQueue: { smb: 40 } }), w({ byQueue: { smb: 45 } }), []],
    ["a queue flooded at 3× its baseline", w({ byQueue: { sdr: 10 } }), w({ byQueue: { sdr: 34 } }), [["queue_volume", "sdr", 10, 34]]],
    ["a new queue taking work", w({}), w({ byQueue: { review: 25 } }), [["queue_volume", "review", 0, 25]]],
    ["small numbers are noise", w({ byQueue: { sdr: 1 } }), w({ byQueue: { sdr: 6 } }), []],
    ["exception rate up 10 points", w({ exceptions: 5 }), w({ exceptions: 16 }), [["exception_rate", "", 5, 16]]],
    ["suppression rate up", w({ suppressed: 2 }), w({ suppressed: 30 }), [["suppression_rate", "", 2, 30]]],
    ["an owner's load tripled", w({ byOwner: { "dana@x": 5 } }), w({ byOwner: { "dana@x": 20 } }), [["owner_load", "dana@x", 5, 20]]],
  ] as const)("%s", (_name, before, after, expected) => {
    expect(comparePublishWindows(before, after).map((a) => [a.metric, a.key, a.before, a.after])).toEqual(expected);
  });

  it("says nothing until enough decisions came after the publish", () => {
    expect(comparePublishWindows(w({}), w({ total: DEFAULT_THRESHOLDS.minDecisions - 1, exceptions: 15 }))).toEqual([]);
  });
});
