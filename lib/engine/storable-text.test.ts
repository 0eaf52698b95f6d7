import { describe, expect, it } from "vitest";
import { findUnstorableText } from "./storable-text";

describe("findUnstorableText", () => {
  it.each([
    ["plain text", { a: "smb", b: [1, "x"], c: null }, null],
    ["emoji (a surrogate pair) is text", { a: "😀" }, null],
    ["a NUL in a value", { fields: { segment: "smb\u0000" } }, ["fields", "segment"]],
    ["a NUL in a key", { fields: { "a\u0000b": 1 } }, ["fields", "a\u0000b"]],
    ["a lone surrogate in an array", { list: ["ok", "\uD800"] }, ["list", 1]],
    ["a NUL at the top", "x\u0000", []],
    ["an own __proto__ key", JSON.parse('{"rules":[{"__proto__":null}]}') as unknown, ["rules", 0, "__proto__"]],
  ])("%s", (_label, value, path) => {
    const found = findUnstorableText(value);
    if (path === null) expect(found).toBeNull();
    else expect(found?.path).toEqual(path);
  });

  it("stops at deep nesting instead of overflowing the stack", () => {
    let v: unknown = "x";
    for (let i = 0; i < 10_000; i++) v = [v];
    expect(findUnstorableText(v)?.message).toMatch(/Nested more than 64 levels/);
  });
});
