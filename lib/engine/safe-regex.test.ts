import { describe, expect, it } from "vitest";
import { unsafeRegexReason } from "./safe-regex";

describe("unsafeRegexReason", () => {
  it.each(["^vp|chief", "^[a-z]+@example\\.com$", "(sales|revenue) ops", "^(cto|ceo)?$", "\\d{3}-\\d{4}", "(ab)+c"])("accepts %s", (p) => {
    expect(unsafeRegexReason(p)).toBeNull();
  });
  it.each([
    ["(a+)+$", /repeats a group/],
    ["(a|aa)*b", /repeats a group/],
    ["(x\\d*)+", /repeats a group/],
    ["(a)\\1", /backreference/],
    ["foo(?=bar)", /lookaround/],
    ["([a-z", /not a valid/],
    ["a".repeat(201), /longer than/],
  ])("rejects %s", (p, reason) => {
    expect(unsafeRegexReason(p)).toMatch(reason);
  });
});
